/** The client's own checks, without a server: CSV rows named by line and field, stable row keys, the phase pre-check. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkRows, describeRowProblem, parsedCell, readCsvFile, rowKey } from '../../client/csv';
import { phaseProblem } from '../../client/decide';
import { KccpError } from '../../client/errors';
import { listQuery } from '../../client/commands/inspect';
import { parseCountry } from '../../client/parsers';
import { resolveActor } from '../../client/context';
import { signed, useSigningKey } from '../../client/signing';
import { authorizeDecision, bytesToBase64, generateStaffKeyPair } from '../../domain/staff';
import type { CourseStatus } from '../../domain/lifecycle';

const dir = mkdtempSync(path.join(os.tmpdir(), 'kccp-csv-'));
const write = (name: string, content: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
};
const columns = [{ name: 'country' }, { name: 'nominee_name', aliases: ['name'] }];

test('rows keep the line they start on, through blank lines and quoted cells that span lines', () => {
  const file = readCsvFile(
    write('a.csv', 'Country,Nominee Name\nKE,"Jane\nWanjiru"\n\nSN,Awa Diop\nXX,Nobody\n'),
    columns,
  );
  expect(file.rows.map((r) => [r.line, r.cells.country])).toEqual([
    [2, 'KE'],
    [5, 'SN'],
    [6, 'XX'],
  ]);
  const { good, bad } = checkRows(file, (row) => parsedCell(row, 'country', parseCountry));
  expect(good.map((g) => g.value)).toEqual(['KE', 'SN']);
  expect(bad.map(describeRowProblem)).toEqual([
    'line 6, field "country": unknown country code "XX": not an ISO 3166-1 alpha-2 code of a country KCCP serves.',
  ]);
});

test('a header without a required column, or with an unknown one, is refused as bad input', () => {
  const attempt = () => readCsvFile(write('b.csv', 'country,name,extra\nKE,Jane,1\n'), [...columns, { name: 'email' }]);
  expect(attempt).toThrow(KccpError);
  try {
    attempt();
  } catch (error) {
    expect((error as KccpError).exitCode).toBe(2);
    expect((error as KccpError).details).toEqual(['missing: email', 'not a column of this file: extra']);
  }
});

test('row keys depend on the file content and the line, so re-running a file counts once', () => {
  const a = readCsvFile(write('c.csv', 'country,name\nKE,Jane\n'), columns);
  const same = readCsvFile(write('d.csv', 'country,name\nKE,Jane\n'), columns);
  const edited = readCsvFile(write('e.csv', 'country,name\nKE,Janet\n'), columns);
  expect(rowKey('surveyResponse', a, 2)).toBe(rowKey('surveyResponse', same, 2));
  expect(rowKey('surveyResponse', a, 2)).not.toBe(rowKey('surveyResponse', edited, 2));
  expect(rowKey('surveyResponse', a, 2)).toMatch(/^[A-Za-z0-9._:-]{8,128}$/);
});

test('the phase pre-check names the phases a decision needs and where each cycle is', () => {
  const cycle = (n: 1 | 2 | 3, phase: string, open: string[] = []) =>
    ({
      cycle: n,
      phase,
      openWindows: open.map((window) => ({ window, opens: '', closes: '' })),
    }) as unknown as CourseStatus['cycles'][number];
  const status = {
    code: 'KCCP-T-01',
    cycles: [cycle(1, 'Scrutiny', ['scrutiny']), cycle(2, 'Scheduled')],
  } as CourseStatus;
  expect(phaseProblem(status, 'scrutiny')).toBeUndefined();
  expect(phaseProblem(status, 'scrutiny', 2)).toBe(
    'wrong phase: course KCCP-T-01 takes a scrutiny decision in Scrutiny (cycle 2); now cycle 1 is Scrutiny, cycle 2 is Scheduled',
  );
  // In Scrutiny with the survey window already closed, a survey response cannot be taken.
  expect(phaseProblem(status, 'surveyResponse')).toMatch(
    /^wrong phase: .* takes a surveyResponse decision in Scrutiny\/RequestSurvey/,
  );
  expect(phaseProblem(status, 'evaluation')).toBeUndefined();
});

test('list builds its visibility query from the search attributes', () => {
  expect(listQuery({ phase: 'Scrutiny', fiscalYear: 2028, subject: 'Health', limit: 10 })).toBe(
    'WorkflowType = "courseLifecycle" AND ExecutionStatus = "Running" AND CoursePhase = "Scrutiny" AND FiscalYear = 2028 AND CourseSubject = "Health"',
  );
  expect(listQuery({ all: true, limit: 10 })).toBe(
    'WorkflowType = "courseLifecycle" AND ExecutionStatus != "ContinuedAsNew"',
  );
});

test('a signing key names the actor, refuses another one, and signs what the workflow verifies', () => {
  const { privateKey, publicKey } = generateStaffKeyPair();
  const keyFile = write(
    'key.json',
    JSON.stringify({
      keyId: 'ito-2027',
      actor: 'ito@jica.example',
      role: 'survey-desk',
      privateKey: bytesToBase64(privateKey),
    }),
  );
  useSigningKey(keyFile);
  try {
    expect(resolveActor(undefined, {})).toBe('ito@jica.example');
    expect(() => resolveActor('sato@jica.example', {})).toThrow('the signing key ito-2027 belongs to ito@jica.example');
    const decision = {
      kind: 'surveyResponse',
      actor: 'ito@jica.example',
      idempotencyKey: 'survey-key-001',
      cycle: 1,
      country: 'KE',
      wantsToParticipate: true,
      expectedParticipants: 2,
    };
    const staff = {
      enforce: true,
      keys: [
        {
          keyId: 'ito-2027',
          actor: 'ito@jica.example',
          role: 'survey-desk' as const,
          publicKey: bytesToBase64(publicKey),
        },
      ],
    };
    expect(authorizeDecision(staff, 'KCCP-T-01', signed('KCCP-T-01', decision))).toBeUndefined();
    expect(authorizeDecision(staff, 'KCCP-T-02', signed('KCCP-T-01', decision))).toMatch(
      /^unauthorized: the signature/,
    );
  } finally {
    useSigningKey(undefined);
  }
  expect(() => useSigningKey(write('bad-key.json', '{"keyId":"x"}'))).toThrow(/is not a signing key/);
});
