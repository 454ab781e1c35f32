/**
 * Property-based fuzzing of the admin client's CSV importers (survey,
 * nominations, catalogue), and the oversized files they must refuse.
 * FUZZ_RUNS cases per target (10,000), FAULTS_SEED (random, printed).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { catalogueSpecs } from '../client/commands/catalogue';
import { nominationGroups } from '../client/commands/nominations';
import { SURVEY_COLUMNS, surveyRows } from '../client/commands/survey';
import { NOMINATION_COLUMNS } from '../client/commands/nominations';
import { CATALOGUE_COLUMNS } from '../client/commands/catalogue';
import { KccpError } from '../client/errors';
import { decisionSchemas } from '../domain/decisions';
import { faultSeed, intFromEnv, recordFigures } from './support/figures';

const RUNS = intFromEnv('FUZZ_RUNS', 10_000);
const seed = faultSeed('fuzzing');
const params = (offset: number) => ({ seed: seed + offset, numRuns: RUNS });
let cases = 0;

afterAll(() => {
  recordFigures({
    test: 'fuzzing: CSV importers',
    faults: cases,
    courses: 0,
    completed: 0,
    notices: 0,
    duplicates: 0,
    lost: 0,
    failedWorkflows: 0,
    seconds: 0,
    note: `${cases} malformed or random inputs, seed ${seed}`,
  });
});

describe('CSV importers of the admin client', () => {
  // Memory-backed when the system has it: ten thousand small files per target.
  const dir = mkdtempSync(path.join(existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir(), 'kccp-fuzz-csv-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  const fileWith = (content: string) => {
    const file = path.join(dir, `f${(n += 1) % 64}.csv`);
    writeFileSync(file, content);
    return file;
  };

  const nasty = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom(
      '',
      ' ',
      '"',
      '""',
      '"a,b"',
      'a\nb',
      '"line\nbreak"',
      '=cmd|calc',
      '\u0000',
      '\uFEFF',
      'ＫＥ',
      'x'.repeat(300),
      '-1',
      '1e9',
      'NaN',
    ),
  );
  const plausible = fc.constantFrom(
    'KE',
    'SN',
    'PE',
    'ke',
    'XX',
    'JP',
    'yes',
    'no',
    'Y',
    '0',
    '3',
    '51',
    'Jane Doe',
    'Director',
    'jane@gov.example',
    'not-an-email',
    'Ministry',
    'KCCP-2027-AGR-01',
    'Agricultural Development',
    'Africa',
    'en;fr',
    '2027',
  );
  const csvOf = (columns: { name: string; aliases?: string[] }[]) =>
    fc
      .tuple(
        fc.shuffledSubarray([...columns.map((c) => c.name), ...columns.flatMap((c) => c.aliases ?? []), 'bogus', ''], {
          minLength: 0,
          maxLength: columns.length + 2,
        }),
        fc.array(fc.array(fc.oneof(plausible, plausible, nasty), { minLength: 0, maxLength: columns.length + 1 }), {
          maxLength: 5,
        }),
        fc.constantFrom('\n', '\r\n'),
      )
      .map(([header, rows, eol]) => {
        const quote = (cell: string) => (/[",\n\r]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
        return [header.map(quote).join(','), ...rows.map((r) => r.map(quote).join(','))].join(eol);
      });

  /** Either a report of good and bad rows, every bad one with its line and a message, or a refusal with exit code 2. */
  const importsOrRefuses = (run: () => { bad: { line: number; message: string }[] }) => {
    cases += 1;
    try {
      const { bad } = run();
      return bad.every((b) => b.line >= 1 && b.message.trim().length > 0);
    } catch (error) {
      return error instanceof KccpError && error.exitCode === 2 && error.message.trim().length > 0;
    }
  };

  it('survey: every file is imported row by row or refused with a clear message', () => {
    fc.assert(
      fc.property(csvOf(SURVEY_COLUMNS), (content) =>
        importsOrRefuses(() => {
          const { good, bad } = surveyRows(fileWith(content), { as: 'fuzz@jica.example' });
          if (!good.every((g) => decisionSchemas.surveyResponse.safeParse(g.value).success))
            throw new Error('a good row does not parse');
          return { bad };
        }),
      ),
      params(5),
    );
  });

  it('nominations: every file is imported per country or refused with a clear message', () => {
    fc.assert(
      fc.property(csvOf(NOMINATION_COLUMNS), (content) =>
        importsOrRefuses(() => {
          const { items, bad } = nominationGroups(fileWith(content), { as: 'fuzz@jica.example' });
          if (!items.every((i) => decisionSchemas.nominations.safeParse(i.decision).success))
            throw new Error('a nominations decision does not parse');
          return { bad };
        }),
      ),
      params(6),
    );
  });

  it('catalogue: every file is imported course by course or refused with a clear message', () => {
    fc.assert(
      fc.property(csvOf(CATALOGUE_COLUMNS), (content) => importsOrRefuses(() => catalogueSpecs(fileWith(content), {}))),
      params(7),
    );
  });

  it('refuses a 10 MB nominations file and 10,000 survey rows at once, and names a very long cell', () => {
    const big = fileWith(
      `country,organization,nominee_name,position,email\n${'KE,Ministry of Agriculture,Jane Doe,Director,jane@gov.example\n'.repeat(170_000)}`,
    );
    const began = Date.now();
    expect(() => nominationGroups(big, { as: 'fuzz@jica.example' })).toThrow(/MiB; kccp reads CSV files up to 2 MiB/);
    const countries = ['KE', 'SN', 'PE', 'VN', 'BD'];
    const many = fileWith(
      `country,wants_to_participate,expected_participants\n${Array.from({ length: 10_000 }, (_, i) => `${countries[i % 5]},yes,1`).join('\n')}`,
    );
    expect(() => surveyRows(many, { as: 'fuzz@jica.example' })).toThrow(/has 10000 rows; kccp reads at most 5000 rows/);
    expect(Date.now() - began).toBeLessThan(10_000);

    const long = fileWith(
      `country,organization,nominee_name,position,email\nKE,Ministry,${'N'.repeat(100_000)},Director,jane@gov.example\n`,
    );
    const { bad } = nominationGroups(long, { as: 'fuzz@jica.example' });
    expect(bad).toEqual([
      expect.objectContaining({ line: 2, field: 'nominee_name', message: expect.stringMatching(/200/) }),
    ]);
  });
});
