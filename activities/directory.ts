/**
 * Contacts read once at worker start: the country directory (which government
 * address receives a country's notices) and the staff roster. A broken file
 * stops the worker with the file, the row and the field named, because a
 * notice sent to a wrong address cannot be recalled.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { countryCodeSchema } from '../domain/course';
import { isEligibleCountry } from '../domain/countries';
import { NOTICE_LANGUAGES, type NoticeLanguage } from '../domain/reference';
import {
  COPY_CONTACTS,
  NOTICE_KINDS,
  STAFF_OFFICES,
  type CopyContact,
  type NoticeKind,
  type StaffOffice,
} from './contracts';

export const DEFAULT_DIRECTORY_PATH = path.resolve(__dirname, '..', 'data', 'country-directory.json');
export const DEFAULT_ROSTER_PATH = path.resolve(__dirname, '..', 'data', 'staff-roster.json');

/** An office that receives copies: the Embassy of Japan or the JICA overseas office in the country. */
const officeContactSchema = z
  .object({
    name: z.string().trim().min(2).max(200),
    addresses: z.array(z.email()).min(1).max(10),
    /** True until staff confirm the office's address: the data ships with invented ones under .example. */
    placeholder: z.boolean().default(false),
  })
  .strict();

const directoryRowSchema = z
  .object({
    code: countryCodeSchema.refine(isEligibleCountry, 'not an eligible country (see domain/countries.ts)'),
    /** Who the notice is addressed to, e.g. the ministry's ODA desk. */
    authority: z.string().trim().min(2).max(200).optional(),
    /** Empty while the overseas office has not confirmed a contact: notices then report "no contact address". */
    addresses: z.array(z.email()).max(10),
    language: z.enum(NOTICE_LANGUAGES).optional(),
    /** True until staff confirm the government desk's address. */
    placeholder: z.boolean().default(false),
    embassy: officeContactSchema.optional(),
    jicaOffice: officeContactSchema.optional(),
  })
  .strict();

/**
 * Who is copied on each notice kind, as the program's practice runs: the request survey is carried
 * by the embassies and JICA offices, offers and GI packages go through them, nominations and
 * selection are the JICA office's business. A kind not named goes to the government alone.
 */
export const DEFAULT_COPIES: Readonly<Partial<Record<NoticeKind, readonly CopyContact[]>>> = {
  'survey-invitation': ['embassy', 'jicaOffice'],
  'survey-reminder': ['embassy', 'jicaOffice'],
  'survey-final-reminder': ['embassy', 'jicaOffice'],
  'course-notification': ['embassy', 'jicaOffice'],
  'general-information': ['embassy', 'jicaOffice'],
  'nomination-reminder': ['jicaOffice'],
  'nomination-final-reminder': ['jicaOffice'],
  'nomination-acknowledgement': ['jicaOffice'],
  'selection-result': ['jicaOffice'],
  'cycle-not-held': ['embassy', 'jicaOffice'],
  'mode-change': ['jicaOffice'],
};

const copiesSchema = z
  .partialRecord(z.enum(NOTICE_KINDS), z.array(z.enum(COPY_CONTACTS)).max(COPY_CONTACTS.length))
  .optional();

const directoryFileSchema = z
  .object({
    $comment: z.string().optional(),
    /** Notice kind → offices copied; replaces DEFAULT_COPIES whole when present (an empty list: no copies). */
    copies: copiesSchema,
    countries: z.array(directoryRowSchema),
  })
  .strict();

export type DirectoryEntry = z.output<typeof directoryRowSchema>;
export type OfficeContact = z.output<typeof officeContactSchema>;

export interface CountryDirectory {
  /** The entry of a country, or undefined when the directory has no row for it. */
  entry(code: string): DirectoryEntry | undefined;
  readonly codes: readonly string[];
  /** The offices of a country copied on a notice of `kind`: those the routing names and the row has. */
  copies(kind: NoticeKind, code: string): OfficeContact[];
  /** Contacts still marked placeholder, e.g. "KE government", "KE embassy": for the worker's start-up warning. */
  placeholders(): string[];
}

const rosterOfficeSchema = z
  .object({
    addresses: z.array(z.email()).min(1).max(10),
    language: z.enum(NOTICE_LANGUAGES).default('en'),
  })
  .strict();
const rosterFileSchema = z
  .object({
    $comment: z.string().optional(),
    offices: z
      .object(
        Object.fromEntries(STAFF_OFFICES.map((o) => [o, rosterOfficeSchema])) as Record<
          StaffOffice,
          typeof rosterOfficeSchema
        >,
      )
      .strict(),
  })
  .strict();

export interface StaffRosterEntry {
  addresses: string[];
  language: NoticeLanguage;
}
export type StaffRoster = Readonly<Record<StaffOffice, StaffRosterEntry>>;

export class ContactFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.length === 1 ? problems[0] : `\n  ${problems.join('\n  ')}`}`);
    this.name = 'ContactFileError';
  }
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ContactFileError(file, [`cannot be read (${(err as Error).message})`]);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ContactFileError(file, [`is not valid JSON (${(err as Error).message})`]);
  }
}

/** "row 12 (KE), field addresses.0: Invalid email address" for an issue inside countries[12]. */
function describeDirectoryIssue(raw: unknown, issue: z.core.$ZodIssue): string {
  const [top, index, ...field] = issue.path;
  if (top === 'countries' && typeof index === 'number') {
    const row = (raw as { countries: unknown[] }).countries[index];
    const code =
      row && typeof row === 'object' && typeof (row as { code?: unknown }).code === 'string'
        ? (row as { code: string }).code
        : '?';
    const where = field.length ? `field ${field.join('.')}` : 'the row';
    return `row ${index} (${code}), ${where}: ${issue.message}`;
  }
  return `${issue.path.length ? `field ${issue.path.join('.')}` : 'the file'}: ${issue.message}`;
}

/** Validates directory data already parsed from JSON; `file` names it in errors. */
export function parseCountryDirectory(raw: unknown, file = 'country directory'): CountryDirectory {
  const parsed = directoryFileSchema.safeParse(raw);
  if (!parsed.success)
    throw new ContactFileError(
      file,
      parsed.error.issues.map((i) => describeDirectoryIssue(raw, i)),
    );
  const byCode = new Map<string, DirectoryEntry>();
  const problems: string[] = [];
  parsed.data.countries.forEach((row, index) => {
    const first = [...byCode.keys()].indexOf(row.code);
    if (first >= 0) problems.push(`row ${index} (${row.code}), field code: duplicate of row ${first}`);
    else byCode.set(row.code, row);
  });
  if (problems.length) throw new ContactFileError(file, problems);
  const routing = parsed.data.copies ?? DEFAULT_COPIES;
  return {
    entry: (code) => byCode.get(code),
    codes: Object.freeze([...byCode.keys()]),
    copies(kind, code) {
      const row = byCode.get(code);
      if (!row) return [];
      return (routing[kind] ?? []).flatMap((office) => (row[office] ? [row[office]] : []));
    },
    placeholders: () =>
      [...byCode.values()].flatMap((row) => [
        ...(row.placeholder ? [`${row.code} government`] : []),
        ...COPY_CONTACTS.filter((o) => row[o]?.placeholder).map((o) => `${row.code} ${o}`),
      ]),
  };
}

export function loadCountryDirectory(file = DEFAULT_DIRECTORY_PATH): CountryDirectory {
  return parseCountryDirectory(readJson(file), file);
}

export function parseStaffRoster(raw: unknown, file = 'staff roster'): StaffRoster {
  const parsed = rosterFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ContactFileError(
      file,
      parsed.error.issues.map((i) => {
        const [top, office, ...field] = i.path;
        if (top === 'offices' && typeof office === 'string') {
          return `office ${office}${field.length ? `, field ${field.join('.')}` : ''}: ${i.message}`;
        }
        return `${i.path.length ? `field ${i.path.join('.')}` : 'the file'}: ${i.message}`;
      }),
    );
  }
  return Object.freeze(parsed.data.offices);
}

export function loadStaffRoster(file = DEFAULT_ROSTER_PATH): StaffRoster {
  return parseStaffRoster(readJson(file), file);
}
