/**
 * CSV input for bulk commands. Every row is checked before anything is sent:
 * a bad row is named by its line and field, and one bad row stops the whole
 * file unless the user asks to skip bad rows — never half a file applied by
 * accident.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { ZodType } from 'zod';
import { badInput } from './errors';
import { warn } from './output';

export interface CsvColumn {
  name: string;
  /** Other header spellings people use for the same column. */
  aliases?: string[];
  optional?: boolean;
}

export interface CsvRow {
  /** 1-based line of the file where the row starts, header included. */
  line: number;
  cells: Record<string, string>;
}

export interface CsvFile {
  path: string;
  /** Short digest of the content: with the line, a stable idempotency key per row. */
  digest: string;
  rows: CsvRow[];
  /** Rows whose shape is wrong (field count), found while reading. */
  problems: RowProblem[];
}

export interface RowProblem {
  line: number;
  field?: string;
  message: string;
}

/** A cell that is wrong, thrown by a row converter. */
export class RowError extends Error {
  constructor(
    readonly field: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

const normalize = (header: string) =>
  header
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

/**
 * Largest file and row count one command reads. The biggest real file, the
 * nominations of 200 countries with 20 nominees each, is 4,000 rows and well
 * under 2 MiB; anything larger is a wrong file, and reading it whole would
 * hold the client (and its batch of updates) hostage.
 */
export const MAX_CSV_BYTES = 2 * 1024 * 1024;
export const MAX_CSV_ROWS = 5_000;

export function readCsvFile(path: string, columns: CsvColumn[]): CsvFile {
  let content: string;
  try {
    const { size } = statSync(path);
    if (size > MAX_CSV_BYTES) {
      throw badInput(
        `${path} is ${(size / 1024 / 1024).toFixed(1)} MiB; kccp reads CSV files up to ${MAX_CSV_BYTES / 1024 / 1024} MiB (${MAX_CSV_ROWS} rows): split it and send each part`,
      );
    }
    content = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof Error && error.name === 'KccpError') throw error;
    throw badInput(`cannot read ${path}: ${(error as Error).message}`);
  }
  let records: { record: string[]; raw: string; info: { lines: number } }[];
  try {
    records = parse(content, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      raw: true,
      trim: true,
    }) as unknown as typeof records;
  } catch (error) {
    throw badInput(`${path}: not valid CSV: ${(error as Error).message}`);
  }
  if (records.length - 1 > MAX_CSV_ROWS) {
    throw badInput(
      `${path} has ${records.length - 1} rows; kccp reads at most ${MAX_CSV_ROWS} rows per file: split it and send each part`,
    );
  }
  const [header, ...body] = records;
  if (!header)
    throw badInput(`${path} is empty: its first line must name the columns ${columns.map((c) => c.name).join(', ')}`);
  const headerNames = header.record.map(normalize);
  const indexOf = new Map<string, number>();
  const unknown: string[] = [];
  headerNames.forEach((h, i) => {
    const column = columns.find((c) => c.name === h || c.aliases?.includes(h));
    if (column) indexOf.set(column.name, i);
    else unknown.push(header.record[i]!);
  });
  const missing = columns.filter((c) => !c.optional && !indexOf.has(c.name)).map((c) => c.name);
  if (missing.length || unknown.length) {
    throw badInput(
      `${path} line 1: the header must name the columns ${columns.map((c) => c.name + (c.optional ? ' (optional)' : '')).join(', ')}`,
      [
        ...(missing.length ? [`missing: ${missing.join(', ')}`] : []),
        ...(unknown.length ? [`not a column of this file: ${unknown.join(', ')}`] : []),
      ],
    );
  }
  const rows: CsvRow[] = [];
  const problems: RowProblem[] = [];
  for (const { record, raw, info } of body) {
    // info.lines is where the record ends; a quoted cell may span lines.
    // Skipped blank lines before it count in `raw`, but not in the record.
    const text = raw.replace(/^(?:[ \t]*\r?\n)+/, '').replace(/\r?\n$/, '');
    const line = info.lines - (text.match(/\n/g)?.length ?? 0);
    if (record.length !== header.record.length) {
      problems.push({
        line,
        message: `expected ${header.record.length} fields (${header.record.join(', ')}), found ${record.length}`,
      });
      continue;
    }
    const cells: Record<string, string> = {};
    for (const [name, i] of indexOf) cells[name] = record[i] ?? '';
    rows.push({ line, cells });
  }
  const digest = createHash('sha256').update(content).digest('hex').slice(0, 16);
  return { path, digest, rows, problems };
}

/** Same file, same row, same key: running a file twice records each row once. */
export function rowKey(kind: string, file: CsvFile, row: string | number): string {
  return `csv:${kind}:${file.digest}:${typeof row === 'number' ? `L${row}` : row}`;
}

/** A required cell; its absence is the row's problem. */
export function cell(row: CsvRow, column: string): string {
  const value = row.cells[column]?.trim() ?? '';
  if (!value) throw new RowError(column, 'is empty');
  return value;
}

/** Runs a parser on a cell, naming the column when it fails. */
export function parsedCell<T>(row: CsvRow, column: string, parse: (value: string) => T): T {
  const value = cell(row, column);
  try {
    return parse(value);
  } catch (error) {
    throw new RowError(column, (error as Error).message);
  }
}

/** Parses with a domain schema, naming the CSV column of the first field that is wrong. */
export function parseWithSchema<T>(schema: ZodType<T>, input: unknown, columnOf: Record<string, string> = {}): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const path = issue.path.map(String);
  const field = columnOf[path.join('.')] ?? columnOf[path[0] ?? ''] ?? (path.join('.') || undefined);
  throw new RowError(field, issue.message);
}

/** Converts every row; collects each bad one instead of stopping at the first. */
export function checkRows<T>(
  file: CsvFile,
  convert: (row: CsvRow) => T,
): { good: { line: number; value: T }[]; bad: RowProblem[] } {
  const good: { line: number; value: T }[] = [];
  const bad: RowProblem[] = [...file.problems];
  for (const row of file.rows) {
    try {
      good.push({ line: row.line, value: convert(row) });
    } catch (error) {
      if (!(error instanceof RowError)) throw error;
      bad.push({ line: row.line, field: error.field, message: error.message });
    }
  }
  bad.sort((a, b) => a.line - b.line);
  return { good, bad };
}

export function describeRowProblem(problem: RowProblem): string {
  return `line ${problem.line}${problem.field ? `, field "${problem.field}"` : ''}: ${problem.message}`;
}

/** Stops before anything is sent when a row is bad, unless the user chose to skip bad rows. */
export function refuseOrSkip(
  file: CsvFile,
  bad: RowProblem[],
  skipBadRows: boolean | undefined,
  goodCount: number,
): void {
  if (bad.length === 0) return;
  const details = bad.map(describeRowProblem);
  if (!skipBadRows) {
    throw badInput(`${file.path}: ${bad.length} bad row${bad.length === 1 ? '' : 's'}; nothing was sent`, [
      ...details,
      'Fix the rows and run the same command again, or pass --skip-bad-rows to send the good rows only.',
    ]);
  }
  warn(
    `${file.path}: skipping ${bad.length} bad row${bad.length === 1 ? '' : 's'} (--skip-bad-rows); sending ${goodCount}`,
  );
  for (const line of details) warn(`  ${line}`);
}
