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
import { STAFF_OFFICES, type StaffOffice } from './contracts';

export const DEFAULT_DIRECTORY_PATH = path.resolve(__dirname, '..', 'data', 'country-directory.json');
export const DEFAULT_ROSTER_PATH = path.resolve(__dirname, '..', 'data', 'staff-roster.json');

const directoryRowSchema = z
  .object({
    code: countryCodeSchema.refine(isEligibleCountry, 'not an eligible country (see domain/countries.ts)'),
    /** Who the notice is addressed to, e.g. the ministry's ODA desk. */
    authority: z.string().trim().min(2).max(200).optional(),
    /** Empty while the overseas office has not confirmed a contact: notices then report "no contact address". */
    addresses: z.array(z.email()).max(10),
    language: z.enum(NOTICE_LANGUAGES).optional(),
  })
  .strict();

const directoryFileSchema = z
  .object({
    $comment: z.string().optional(),
    countries: z.array(directoryRowSchema),
  })
  .strict();

export type DirectoryEntry = z.output<typeof directoryRowSchema>;

export interface CountryDirectory {
  /** The entry of a country, or undefined when the directory has no row for it. */
  entry(code: string): DirectoryEntry | undefined;
  readonly codes: readonly string[];
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
  return {
    entry: (code) => byCode.get(code),
    codes: Object.freeze([...byCode.keys()]),
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
