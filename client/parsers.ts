/** Flag and CSV cell parsers: each names what it expected, so a typo is one clear line (exit 2). */
import { InvalidArgumentError } from 'commander';
import type { CycleNumber } from '../domain/calendar';
import { isEligibleCountry } from '../domain/countries';
import { FISCAL_YEAR_RULE, isFiscalYear } from '../domain/evaluation/input';
import { REGIONS, SUBJECTS, type Region, type Subject } from '../domain/reference';

export function parseInteger(value: string): number {
  const n = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n))
    throw new InvalidArgumentError(`"${value}" is not a whole number.`);
  return n;
}

/** A Japanese fiscal year, by the same rule the evaluation workflow and the report folder apply. */
export function parseFiscalYear(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !isFiscalYear(n))
    throw new InvalidArgumentError(`"${value}" is not a fiscal year: ${FISCAL_YEAR_RULE}.`);
  return n;
}

export function parseCycle(value: string): CycleNumber {
  const n = Number(value);
  if (n !== 1 && n !== 2 && n !== 3) throw new InvalidArgumentError(`"${value}" is not a cycle: 1, 2 or 3.`);
  return n;
}

export function parseMinutes(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`"${value}" is not a positive number of minutes.`);
  return n;
}

const YES = new Set(['yes', 'y', 'true', '1']);
const NO = new Set(['no', 'n', 'false', '0']);

export function parseYesNo(value: string): boolean {
  const v = value.trim().toLowerCase();
  if (YES.has(v)) return true;
  if (NO.has(v)) return false;
  throw new InvalidArgumentError(`"${value}" is not yes or no.`);
}

/** An ISO alpha-2 code of a country the program serves (domain/countries.ts), in capitals. */
export function parseCountry(value: string): string {
  const code = value.trim().toUpperCase();
  if (!isEligibleCountry(code)) {
    throw new InvalidArgumentError(
      `unknown country code "${value.trim()}": not an ISO 3166-1 alpha-2 code of a country KCCP serves.`,
    );
  }
  return code;
}

export function parseSubject(value: string): Subject {
  const match = SUBJECTS.find((s) => s.toLowerCase() === value.trim().toLowerCase());
  if (!match) throw new InvalidArgumentError(`"${value}" is not a subject; one of: ${SUBJECTS.join(', ')}.`);
  return match;
}

export function parseRegion(value: string): Region {
  const match = REGIONS.find((r) => r.toLowerCase() === value.trim().toLowerCase());
  if (!match) throw new InvalidArgumentError(`"${value}" is not a region; one of: ${REGIONS.join(', ')}.`);
  return match;
}

/** "a,b; c" → ["a", "b", "c"]: lists in one flag or CSV cell. */
export function splitList(value: string): string[] {
  return value
    .split(/[,;]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** For repeatable flags: each use adds to the list. */
export function collect<T>(parse: (value: string) => T) {
  return (value: string, previous: T[] | undefined): T[] => [...(previous ?? []), parse(value)];
}

/** "KE=3" → ["KE", 3]. */
export function parseCountryCount(value: string): { country: string; participants: number } {
  const [country, count] = value.split('=');
  if (!country || count === undefined) throw new InvalidArgumentError(`"${value}" is not COUNTRY=NUMBER, e.g. KE=3.`);
  return { country: parseCountry(country), participants: parseInteger(count) };
}

/** 'KE:Jane Wanjiru' → a participant of a country, as the selection names them. */
export function parseCountryPerson(value: string): { country: string; participant: string } {
  const colon = value.indexOf(':');
  if (colon < 0) throw new InvalidArgumentError(`"${value}" is not COUNTRY:NAME, e.g. KE:"Jane Wanjiru".`);
  return { country: parseCountry(value.slice(0, colon)), participant: value.slice(colon + 1).trim() };
}
