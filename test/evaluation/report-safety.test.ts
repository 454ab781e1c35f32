/**
 * The report's files against hostile text: a year that walks out of the
 * reports folder, course text a spreadsheet would run as a formula, course
 * text that would write its own Markdown. And the seal's keys, unit by unit.
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { parse } from 'csv-parse/sync';
import { writeReportFiles } from '../../activities/evaluation/report-files';
import { insideReports, reportDirectory } from '../../platform/report-files';
import { createSealActivities, ed25519Sealer, hmacSealer, sealedBytes } from '../../activities/evaluation/seal';
import { evaluationReport } from '../../domain/evaluation/report';
import { csvField, markdownText, reportCsv, reportMarkdown } from '../../domain/evaluation/render';
import { emptyTally } from '../../domain/evaluation/tally';
import { bytesToBase64, generateStaffKeyPair } from '../../domain/staff';
import { kccp } from '../client/run-kccp';

const meta = { generatedAt: '2026-04-10T09:00:00+09:00', source: 'test' };
const HOSTILE = [
  '=HYPERLINK("http://evil.example","Click")',
  '+1+cmd|" /C calc"!A0',
  '-2+3',
  '@SUM(A1:A9)',
  '\t=1',
  '\r=1',
];

describe('report files stay in the reports folder', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'kccp-report-safety-'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('resolves JFY<year> inside the folder and refuses a year that is no integer from 2000 to 2100', () => {
    const reports = path.join(root, 'reports');
    expect(reportDirectory(reports, 2025)).toBe(path.join(reports, 'JFY2025'));
    for (const year of ['/../../..', '../x', 2025.5, 1999, 2101, Number.NaN] as unknown as number[]) {
      const attempt = () => reportDirectory(reports, year);
      expect(attempt).toThrow(ApplicationFailure);
      expect(attempt).toThrow(/^report folder: fiscalYear must be an integer from 2000 to 2100; got /);
    }
    expect(() => insideReports(reports, '..', 'elsewhere')).toThrow(/must stay inside the reports folder/);
    expect(() => insideReports(reports, '/etc/passwd')).toThrow(/must stay inside the reports folder/);
    expect(() => insideReports(reports, '.')).toThrow(/must stay inside the reports folder/);
  });

  it('kccp refuses such a year before it reads or starts anything', async () => {
    for (const args of [
      ['report', '../../etc'],
      ['report', '1999'],
      ['schedule', 'trigger', '--fiscal-year', '2025.5'],
    ]) {
      const run = await kccp('127.0.0.1:1', args, { KCCP_REPORTS_DIR: root });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/is not a fiscal year: an integer from 2000 to 2100/);
    }
  });

  it('writes nothing at all for a tally whose year would leave the folder', async () => {
    const reports = path.join(root, 'reports');
    const tally = { ...emptyTally(2025), fiscalYear: '/../../..' as unknown as number };
    const failure = await writeReportFiles(reports, { tally, ...meta }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: 'InvalidReportPath', nonRetryable: true });
    expect(await readdir(root)).toEqual([]);
  });
});

describe('report text cannot become formulas or Markdown', () => {
  const tally = emptyTally(2025);
  for (const [i, subject] of HOSTILE.entries()) tally.coursesBySubject[subject] = i + 1;
  tally.coursesBySubject['Health\n# URGENT: wire the budget to [the new account](http://evil.example)'] = 1;
  tally.problems.push({
    code: 'X-1\n\n![logo](http://evil.example/p.png)',
    problem: '<script>alert(1)</script> | *bold*',
  });
  const report = evaluationReport(tally, { ...meta, source: 'workflow evil\n## Approved by the Director' });

  it('gives each formula-like text cell a leading apostrophe, and parses back to the same rows', () => {
    const rows = parse(reportCsv(report), { columns: true, relax_column_count: false }) as Record<string, string>[];
    const subjects = rows.filter((r) => r.section === 'courses by subject').map((r) => r.item);
    for (const text of HOSTILE) expect(subjects).toContain(`'${text}`);
    for (const cell of rows.flatMap((r) => Object.values(r))) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(rows.find((r) => r.item === `'${HOSTILE[0]}`)).toMatchObject({ count: '1' });
    expect(subjects).toContain('Agricultural Development');
    expect(csvField(-3)).toBe('-3');
    expect(csvField('a,"b"')).toBe('"a,""b"""');
  });

  it('keeps course text on its table line, with no heading, link, image or HTML of its own', () => {
    const markdown = reportMarkdown(report);
    const lines = markdown.split('\n');
    expect(lines.filter((l) => l.startsWith('#'))).toEqual([
      '# KCCP yearly evaluation, JFY2025',
      '## Number of courses by subject',
      '## Ratio of participants by region',
      '## Outcomes',
      '## Undeliverable countries',
      '## Participant rates by course',
      '## Problems',
    ]);
    expect(markdown).not.toMatch(/(^|[^\\])\[the new account\]\(/);
    expect(markdown).not.toMatch(/(^|[^\\])!\[logo\]/);
    expect(markdown).not.toMatch(/(^|[^\\])<script>/);
    expect(lines).toContain(
      '| Health \\# URGENT: wire the budget to \\[the new account\\]\\(http://evil.example\\) | 1 | 0 |',
    );
    expect(lines.filter((l) => l.startsWith('| X-1'))).toHaveLength(1);
    expect(markdownText('a\r\nb')).toBe('a b');
  });
});

describe('the seal over carried state', () => {
  const state = { fiscalYear: 2025, tally: emptyTally(2025), seen: ['course-A'] };

  it('verifies only the bytes it sealed, with the key that sealed them', () => {
    const { privateKey } = generateStaffKeyPair();
    for (const sealer of [
      ed25519Sealer({ keyId: 'op', privateKey }),
      hmacSealer('local', new Uint8Array(32).fill(1)),
    ]) {
      const bytes = sealedBytes('wf', 'run-1', state);
      const value = sealer.sign(bytes);
      expect(sealer.verify(bytes, value)).toBe(true);
      expect(sealer.verify(sealedBytes('wf', 'run-2', state), value)).toBe(false);
      expect(sealer.verify(sealedBytes('wf', 'run-1', { ...state, seen: [] }), value)).toBe(false);
      expect(sealer.verify(bytes, 'AAAA')).toBe(false);
    }
    const other = hmacSealer('local', new Uint8Array(32).fill(2));
    const bytes = sealedBytes('wf', 'run-1', state);
    expect(other.verify(bytes, hmacSealer('local', new Uint8Array(32).fill(1)).sign(bytes))).toBe(false);
  });

  it('in a signed deployment, needs the operator key listed as the yearly evaluation operator', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'kccp-seal-'));
    try {
      const { privateKey, publicKey } = generateStaffKeyPair();
      const signer = { keyId: 'evaluation-2026', privateKey };
      const file = path.join(dir, 'staff-keys.json');
      const open = (keys: object[], withSigner = true) =>
        writeFile(file, JSON.stringify({ keys })).then(() =>
          createSealActivities({
            sealer: ed25519Sealer(signer),
            staffKeysFile: file,
            signer: withSigner ? signer : undefined,
          }).openEvaluation({ firstExecutionRunId: 'run-1' }),
        );
      const entry = {
        keyId: 'evaluation-2026',
        actor: 'yearly-evaluation',
        role: 'operator',
        publicKey: bytesToBase64(publicKey),
      };
      await expect(open([entry])).resolves.toEqual({ sealedWith: 'ed25519:evaluation-2026', signed: true });
      await expect(open([entry], false)).rejects.toThrow(/no KCCP_EVALUATION_SIGNING_KEY/);
      await expect(open([])).rejects.toThrow(/\(key evaluation-2026\) is not in /);
      await expect(open([{ ...entry, role: 'course-officer' }])).rejects.toThrow(/listed as course-officer/);
      const stranger = bytesToBase64(generateStaffKeyPair().publicKey);
      await expect(open([{ ...entry, publicKey: stranger }])).rejects.toThrow(/does not match the public key/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
