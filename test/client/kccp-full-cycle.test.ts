/**
 * A person's path through one whole cycle with the real kccp process: create a
 * course, plan, scrutiny, request survey from CSV, MOFA, nominations from CSV,
 * a mode change, selection, implementation report, evaluation, and cancelling
 * a later cycle. The course's windows are seconds long, so the workflow's own
 * timers move it from phase to phase while the test waits.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compressedCalendar, toTokyoIso } from '../../domain/calendar';
import type { CalendarOverrides } from '../../domain/course';
import { compressedCourse } from '../fixtures/courses';
import { startHarness, type Harness } from './harness';
import { json, kccp } from './run-kccp';

const CODE = 'KCCP-CLI-FULL-01';
const S = 1000;
let h: Harness;
let dir: string;
const file = (name: string, content: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
};

/** Cycle 1 in seconds (each window long enough for the commands sent in it); cycles 2 and 3 an hour apart. */
function calendar(t0: number): CalendarOverrides {
  const at = (s: number) => toTokyoIso(t0 + s * S);
  const w = (from: number, to: number) => ({ opens: at(from), closes: at(to) });
  const later = compressedCalendar(t0 + 3600 * S, 3600 * S);
  return {
    '1': {
      formulation: w(0, 16),
      scrutiny: w(16, 34),
      requestSurvey: w(16, 34),
      mofaDetermination: w(34, 46),
      nominations: w(46, 66),
      selection: w(66, 78),
      preArrival: w(78, 80),
      inJapan: w(80, 110),
      postReturn: w(110, 112),
      evaluation: w(112, 114),
    },
    '2': later['2'],
    '3': later['3'],
  };
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'kccp-full-'));
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

test('staff drive a course through a whole cycle with kccp, and each answer is the workflow’s', async () => {
  const t0 = Date.now();
  const spec = compressedCourse(CODE, t0, S, {
    targetCountries: ['KE', 'SN', 'PE', 'VN', 'BD'],
    calendar: calendar(t0),
  });
  const created = await kccp(h.address, [
    'course',
    'create',
    '--file',
    file('course.json', JSON.stringify(spec, null, 2)),
  ]);
  expect(created.stdout).toContain(`created course ${CODE}`);
  expect(created.code).toBe(0);

  const plan = await kccp(h.address, ['plan', CODE, '--summary', 'Field practice in Tsukuba and two study visits']);
  expect(plan.stdout).toContain('accepted: plan recorded');

  // Scrutiny and the request survey, in parallel.
  await h.waitForPhase(CODE, 'Scrutiny');
  const scrutiny = await kccp(h.address, [
    'scrutiny',
    CODE,
    '--result',
    'pass',
    '--reason',
    'Japanese rice research is unique',
    '--expert',
    'Prof. Sato',
  ]);
  expect(scrutiny.stdout).toContain('accepted: scrutiny passed; cycle 1 is now RequestSurvey');
  const survey = file(
    'survey.csv',
    ['country,wants_to_participate,expected_participants', 'KE,yes,2', 'SN,yes,1', 'PE,yes,1', 'VN,no,0'].join('\n'),
  );
  const surveyed = await kccp(h.address, ['survey', CODE, '--csv', survey, '--progress']);
  expect(surveyed.code).toBe(0);
  expect(surveyed.stderr).toContain('surveyResponse');
  expect(surveyed.stderr).toContain('4/4 rows');
  expect(surveyed.stdout).toMatch(
    /│ 2\s+│ KE\s+│ accepted │ accepted: survey response of KE recorded \(1 of 3 requests needed\)/,
  );
  expect(surveyed.stdout).toContain(`${CODE}: 4 accepted, 0 already recorded, 0 rejected, 0 skipped`);

  // The survey closes by the clock; with three requests and scrutiny passed, the course goes to MOFA.
  await h.waitForPhase(CODE, 'MofaDetermination');
  const mofa = await kccp(h.address, ['mofa', CODE, '--result', 'approved', '--reference', 'MOFA-2026-112']);
  expect(mofa.stdout).toContain('accepted: MOFA approved; 3 countries notified; cycle 1 is now Nominations');

  const nominations = file(
    'nominations.csv',
    [
      'country,organization,nominee name,position,email',
      'KE,Ministry of Agriculture,Jane Wanjiru,Director,jane.wanjiru@agri.go.ke',
      'KE,Kenya Agricultural Research Institute,Peter Otieno,Researcher,p.otieno@kari.example',
      'SN,ISRA,Awa Diop,Engineer,awa.diop@isra.example',
      'PE,INIA,Luis Quispe,Agronomist,lquispe@inia.example',
    ].join('\n'),
  );
  const nominated = await kccp(h.address, ['nominations', CODE, '--csv', nominations]);
  expect(nominated.code).toBe(0);
  expect(nominated.stdout).toMatch(/│ 2,3\s+│ KE \(2 nominees\)\s+│ accepted │ accepted: 2 nominees of KE recorded/);
  expect(nominated.stdout).toContain(`${CODE}: 3 accepted, 0 already recorded, 0 rejected, 0 skipped`);
  // The same file again: every country already recorded, nothing twice.
  const again = await kccp(h.address, ['--json', 'nominations', CODE, '--csv', nominations]);
  expect(json<{ results: { result: string }[] }>(again).results.map((r) => r.result)).toEqual([
    'duplicate',
    'duplicate',
    'duplicate',
  ]);
  const mode = await kccp(h.address, ['mode', CODE, '--mode', 'hybrid', '--reason', 'Partners join online']);
  expect(mode.stdout).toContain('accepted: mode changed to hybrid');
  const listed = await kccp(h.address, [
    '--json',
    'list',
    '--phase',
    'Nominations',
    '--subject',
    'Agricultural Development',
  ]);
  expect(json<{ courses: { code: string; phase: string }[] }>(listed).courses).toEqual([
    expect.objectContaining({ code: CODE, phase: 'Nominations' }),
  ]);

  await h.waitForPhase(CODE, 'Selection');
  const selection = await kccp(h.address, [
    'selection',
    CODE,
    '--participant',
    'KE:Jane Wanjiru',
    '--participant',
    'SN:Awa Diop',
    '--participant',
    'PE:Luis Quispe',
  ]);
  expect(selection.stdout).toContain('accepted: 3 participants selected from 3 countries');

  await h.waitForPhase(CODE, 'InJapan', 30_000);
  const report = await kccp(h.address, [
    'report-implementation',
    CODE,
    '--mode',
    'hybrid',
    '--started',
    '2027-07-06',
    '--ended',
    '2027-08-21',
    '--attendance',
    'KE=1',
    '--attendance',
    'SN=1',
    '--attendance',
    'PE=1',
  ]);
  expect(report.stdout).toContain('accepted: implementation report recorded (hybrid)');
  const evaluation = await kccp(h.address, [
    'evaluation',
    CODE,
    '--fiscal-year',
    '2027',
    '--finding',
    'Add a module on irrigation',
  ]);
  expect(evaluation.stdout).toContain('accepted: evaluation of JFY2027 recorded');
  const cancel = await kccp(h.address, [
    'cancel-cycle',
    CODE,
    '--cycle',
    '2',
    '--reason',
    'COVID-19 entry restrictions',
  ]);
  expect(cancel.stdout).toContain('accepted: cycle cancelled; cycle 2 is now Cancelled');

  const status = await kccp(h.address, ['status', CODE]);
  expect(status.code).toBe(0);
  expect(status.stdout).toMatch(/InJapan \(cycle 1 of 3, JFY2027\)/);
  for (const kind of [
    'plan',
    'scrutiny',
    'surveyResponse',
    'mofaDetermination',
    'nominations',
    'modeChange',
    'selection',
    'implementationReport',
    'evaluation',
  ]) {
    expect(status.stdout).toContain(kind);
  }
  expect(status.stdout).toContain('tanaka@jica.example');
  const kinds = h.activities.notices.map((n) => n.kind);
  expect(kinds).toEqual(
    expect.arrayContaining([
      'course-notification',
      'general-information',
      'nomination-acknowledgement',
      'selection-result',
      'mode-change',
      'cycle-not-held',
    ]),
  );
});
