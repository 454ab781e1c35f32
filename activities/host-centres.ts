/**
 * Host centres (the JICA domestic offices that run courses in Japan), read once at worker start:
 * where a course's participant list goes. The shipped file holds placeholder addresses under
 * .example until staff confirm each centre's, and says so. Each centre's lists are in its
 * `language`: Japanese by default, English where a centre asks for it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ContactFileError } from './directory';
import { HOST_CENTRE_LANGUAGES } from './templates/host-centre';

export const DEFAULT_HOST_CENTRES_PATH = path.resolve(__dirname, '..', 'data', 'host-centres.json');

const hostCentreSchema = z
  .object({
    /** As course specs name it in `hostCentre`, e.g. "JICA Tsukuba". */
    name: z.string().trim().min(2).max(100),
    addresses: z.array(z.email()).min(1).max(10),
    /** True until staff confirm the address. */
    placeholder: z.boolean().default(false),
    /**
     * The language the centre's participant lists are written in. Host centres are JICA domestic
     * offices, whose staff work in Japanese: "ja" unless a centre asks for "en".
     */
    language: z.enum(HOST_CENTRE_LANGUAGES).default('ja'),
  })
  .strict();
export type HostCentreContact = z.output<typeof hostCentreSchema>;

const fileSchema = z.object({ hostCentres: z.array(hostCentreSchema).max(100) }).strict();

/** Centre name → contact. A name twice is an error: which address is meant cannot be told. */
export function parseHostCentres(input: unknown, file = 'host-centres'): ReadonlyMap<string, HostCentreContact> {
  const parsed = fileSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ContactFileError(file, [`${issue.path.join('.') || '(file)'}: ${issue.message}`]);
  }
  const byName = new Map<string, HostCentreContact>();
  parsed.data.hostCentres.forEach((centre, i) => {
    if (byName.has(centre.name))
      throw new ContactFileError(file, [`hostCentres.${i}.name: ${centre.name} is listed twice`]);
    byName.set(centre.name, centre);
  });
  return byName;
}

export function loadHostCentres(file = DEFAULT_HOST_CENTRES_PATH): ReadonlyMap<string, HostCentreContact> {
  return parseHostCentres(JSON.parse(readFileSync(file, 'utf8')) as unknown, file);
}
