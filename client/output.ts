/** Human tables by default, JSON for scripts; dates always in Asia/Tokyo. */
import Table from 'cli-table3';
import { DateTime } from 'luxon';
import { PROGRAM_TIME_ZONE } from '../domain/reference';

export function table(head: string[], rows: (string | number)[][]): string {
  const t = new Table({ head, style: { head: [], border: [] }, wordWrap: true });
  t.push(...rows.map((r) => r.map((cell) => String(cell))));
  return t.toString();
}

/** Label/value pairs as a two-column table. */
export function facts(pairs: [string, string | number][]): string {
  const t = new Table({ style: { head: [], border: [] }, wordWrap: true });
  for (const [label, value] of pairs) t.push({ [label]: String(value) });
  return t.toString();
}

/** "2027-08-01 00:00 JST" from any ISO instant. */
export function tokyo(iso: string | undefined): string {
  if (!iso) return '—';
  const dt = DateTime.fromISO(iso, { setZone: true }).setZone(PROGRAM_TIME_ZONE);
  // Demo calendars run minutes apart, so seconds show when they matter.
  return dt.isValid ? `${dt.toFormat(dt.second ? 'yyyy-LL-dd HH:mm:ss' : 'yyyy-LL-dd HH:mm')} JST` : iso;
}

export function print(line: string): void {
  process.stdout.write(line.endsWith('\n') ? line : `${line}\n`);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function warn(line: string): void {
  process.stderr.write(line.endsWith('\n') ? line : `${line}\n`);
}
