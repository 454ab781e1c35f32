/**
 * The real kccp process against a dev server: creating, reading and listing
 * courses, and every bad input refused with one clear message and nothing
 * half-applied.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WorkflowNotFoundError } from '@temporalio/client';
import { courseCalendar } from '../../domain/calendar';
import { courseWorkflowId } from '../../domain/reference';
import type { StaffKey } from '../../domain/staff';
import { decisionUpdates, staffKeysChangedSignal } from '../../workflows/messages';
import { waitFor } from '../support/wait-for';
import { startHarness, type Harness } from './harness';
import { json, kccp } from './run-kccp';

const CODE = 'KCCP-CLI-CHK-01';
let h: Harness;
let dir: string;
const file = (name: string, content: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
};
const exists = async (code: string) =>
  h.client.workflow
    .getHandle(courseWorkflowId(code))
    .describe()
    .then(
      () => true,
      (e: unknown) => (e instanceof WorkflowNotFoundError ? false : Promise.reject(e)),
    );

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'kccp-cli-'));
  h = await startHarness();
  // An hour per window: the course stays in Formulation for the whole suite.
  const created = await kccp(h.address, [
    'course',
    'create',
    '--code',
    CODE,
    '--title',
    'Rice Cultivation Techniques',
    '--subject',
    'agricultural development',
    '--region',
    'Africa',
    '--countries',
    'KE,SN,TZ,GH',
    '--host-centre',
    'JICA Tsukuba',
    '--languages',
    'en,fr',
    '--demo-calendar',
    '60',
  ]);
  expect(created).toMatchObject({ code: 0, stderr: '' });
  expect(created.stdout).toContain(`created course ${CODE}`);
  expect(created.stdout).toContain(courseWorkflowId(CODE));
  expect(created.stdout).toMatch(/phase\s*│\s*Formulation/);
});
afterAll(async () => {
  await h?.stop();
});

test('course create refuses a code that exists, missing fields and an unknown country, starting nothing', async () => {
  const again = await kccp(h.address, [
    'course',
    'create',
    '--code',
    CODE,
    '--title',
    'Again',
    '--subject',
    'Health',
    '--countries',
    'KE',
    '--host-centre',
    'JICA Tokyo',
    '--demo-calendar',
    '60',
  ]);
  expect(again.code).toBe(1);
  expect(again.stderr).toContain(`course ${CODE} already exists`);

  const unknown = await kccp(h.address, [
    'course',
    'create',
    '--code',
    'KCCP-CLI-CHK-02',
    '--title',
    'Unknown country',
    '--subject',
    'Health',
    '--countries',
    'KE,XX',
    '--host-centre',
    'JICA Tokyo',
    '--demo-calendar',
    '60',
  ]);
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toContain('unknown country code');
  expect(unknown.stderr).toContain('XX');
  expect(await exists('KCCP-CLI-CHK-02')).toBe(false);

  const incomplete = await kccp(h.address, ['course', 'create', '--code', 'KCCP-CLI-CHK-03', '--subject', 'Health']);
  expect(incomplete.code).toBe(2);
  expect(incomplete.stderr).toContain('missing: --title, --countries, --host-centre, --first-year');
});

test('status and calendar show the phase, what the course waits for, and every window in Asia/Tokyo', async () => {
  const status = await kccp(h.address, ['status', CODE]);
  expect(status.code).toBe(0);
  expect(status.stdout).toContain('Rice Cultivation Techniques');
  expect(status.stdout).toMatch(/Formulation \(cycle 1 of 3, JFY\d{4}\)/);
  // Issue 14's program rules (a run under them has a MOFA cut-off) tell the course officer what a missing plan costs.
  const programRules = (await h.status(CODE)).cycles[0]!.mofaCutOff !== undefined;
  expect(status.stdout).toContain(
    programRules
      ? 'the course plan (without one the cycle is not held), until formulation closes'
      : 'the course plan, until formulation closes',
  );

  const calendar = await kccp(h.address, ['--json', 'calendar', CODE]);
  expect(calendar.code).toBe(0);
  const shown = json<{ timeZone: string; cycles: ReturnType<typeof courseCalendar> }>(calendar);
  expect(shown.timeZone).toBe('Asia/Tokyo');
  expect(shown.cycles).toHaveLength(3);
  expect(shown.cycles.map((c) => Object.keys(c.windows).length)).toEqual([10, 10, 10]);
  expect(shown.cycles[0]!.windows.scrutiny.closes).toMatch(/\+09:00$/);
  // Windows an hour apart, starting when the course was created.
  const step =
    Date.parse(shown.cycles[0]!.windows.scrutiny.opens) - Date.parse(shown.cycles[0]!.windows.formulation.opens);
  expect(step).toBe(3_600_000);
});

test("kccp resend names the course's open delivery problems when asked for one it does not have", async () => {
  const help = await kccp(h.address, ['resend', '--help']);
  expect(help.code).toBe(0);
  expect(help.stdout).toContain('kccp resend KCCP-2028-AGR-01 c1/course-notification');
  const none = await kccp(h.address, ['resend', CODE, 'c1/course-notification']);
  expect(none.code).toBe(1);
  expect(none.stderr).toContain(
    `rejected: unknown problem: course ${CODE} has no delivery problem c1/course-notification (open: none)`,
  );
  const malformed = await kccp(h.address, ['resend', CODE, '../etc']);
  expect(malformed.code).toBe(2);
  expect(malformed.stderr).toMatch(/problem: a delivery problem id as the course status lists it/);
  expect((await h.status(CODE)).cycles[0]!.decisions).toEqual([]);
});

test('unknown course and wrong phase are refused before anything is sent', async () => {
  const unknown = await kccp(h.address, ['scrutiny', 'KCCP-NO-SUCH', '--result', 'pass', '--reason', 'fine']);
  expect(unknown.code).toBe(1);
  expect(unknown.stderr).toContain('unknown course: KCCP-NO-SUCH (no workflow course-KCCP-NO-SUCH');

  const wrongPhase = await kccp(h.address, ['scrutiny', CODE, '--result', 'pass', '--reason', 'fine']);
  expect(wrongPhase.code).toBe(1);
  expect(wrongPhase.stderr).toContain(
    `wrong phase: course ${CODE} takes a scrutiny decision in Scrutiny; now cycle 1 is Formulation`,
  );
  expect(wrongPhase.stderr).toMatch(
    /The scrutiny window of cycle 1 \(JFY\d{4}\) opens \d{4}-\d\d-\d\d \d\d:\d\d(:\d\d)? JST/,
  );
  const status = await h.status(CODE);
  expect(status.cycles[0]!.decisions).toEqual([]);
});

test('a decision is accepted with who made it, and the same key counts once', async () => {
  const plan = await kccp(h.address, [
    'plan',
    CODE,
    '--summary',
    'Field practice in Tsukuba',
    '--as',
    'sato@jica.example',
    '--key',
    'plan-key-0001',
  ]);
  expect(plan.code).toBe(0);
  expect(plan.stdout).toContain('accepted: plan recorded; cycle 1 is now Formulation');
  expect(plan.stdout).toContain('by sato@jica.example, key plan-key-0001');

  const again = await kccp(h.address, [
    '--json',
    'plan',
    CODE,
    '--summary',
    'Field practice in Tsukuba',
    '--key',
    'plan-key-0001',
  ]);
  expect(again.code).toBe(0);
  expect(json(again)).toMatchObject({
    accepted: true,
    duplicate: true,
    cycle: 1,
    kind: 'plan',
    actor: 'tanaka@jica.example',
  });
  const decisions = (await h.status(CODE)).cycles[0]!.decisions;
  expect(decisions).toHaveLength(1);
  expect(decisions[0]).toMatchObject({ kind: 'plan', actor: 'sato@jica.example', idempotencyKey: 'plan-key-0001' });
});

test('list finds courses by phase, subject and region with visibility queries', async () => {
  await waitFor(
    async () => (await h.client.workflow.count(`CourseCode = "${CODE}" AND CoursePhase = "Formulation"`)).count === 1,
    {
      description: 'the course in visibility',
    },
  );
  const found = await kccp(h.address, [
    'list',
    '--phase',
    'formulation',
    '--subject',
    'Agricultural Development',
    '--region',
    'Africa',
  ]);
  expect(found.code).toBe(0);
  expect(found.stdout).toContain(CODE);
  expect(found.stdout).toContain('Rice Cultivation Techniques');
  expect(found.stdout).toContain(
    'query: WorkflowType = "courseLifecycle" AND ExecutionStatus = "Running" AND CoursePhase = "Formulation" AND CourseSubject = "Agricultural Development"; region Africa',
  );

  const none = await kccp(h.address, ['--json', 'list', '--phase', 'Scrutiny']);
  expect(json<{ courses: unknown[] }>(none).courses).toEqual([]);
  const otherRegion = await kccp(h.address, ['list', '--json', '--region', 'South Asia']);
  expect(json<{ courses: unknown[] }>(otherRegion).courses).toEqual([]);
});

test('a CSV with bad rows names each by line and field and sends nothing', async () => {
  const survey = file(
    'survey.csv',
    [
      'country,wants_to_participate,expected_participants',
      'KE,yes,3',
      'XX,yes,2',
      'SN,maybe,1',
      'TZ,yes,0',
      'GH,no',
    ].join('\n'),
  );
  const run = await kccp(h.address, ['survey', CODE, '--csv', survey]);
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).toContain(`${survey}: 4 bad rows; nothing was sent`);
  expect(run.stderr).toContain('line 3, field "country": unknown country code "XX"');
  expect(run.stderr).toContain('line 4, field "wants_to_participate": "maybe" is not yes or no');
  expect(run.stderr).toContain(
    'line 5, field "expected_participants": must be at least 1 when the country wants to participate',
  );
  expect(run.stderr).toContain(
    'line 6: expected 3 fields (country, wants_to_participate, expected_participants), found 2',
  );

  const nominations = file(
    'nominations.csv',
    [
      'country,organization,nominee_name,position,email',
      'KE,Ministry of Agriculture,Jane Wanjiru,Director,jane.wanjiru@agri.go.ke',
      'KE,Ministry of Agriculture,Peter Otieno,Engineer,not-an-email',
    ].join('\n'),
  );
  const nom = await kccp(h.address, ['nominations', CODE, '--csv', nominations]);
  expect(nom.code).toBe(2);
  expect(nom.stderr).toContain('line 3, field "email": Invalid email address');

  const one = await kccp(h.address, ['survey', CODE, '--country', 'ZZ', '--participate', 'yes', '--expected', '2']);
  expect(one.code).toBe(2);
  expect(one.stderr).toContain('unknown country code "ZZ"');
  const usage = await kccp(h.address, ['mofa', CODE, '--result', 'maybe']);
  expect(usage.code).toBe(2);
  expect(usage.stderr).toContain("argument 'maybe' is invalid");
  expect((await h.status(CODE)).cycles[0]!.surveyTally.responses).toBe(0);
});

test('catalogue import creates nothing from a file with a bad row, then the good rows with --skip-bad-rows, once', async () => {
  const catalogue = file(
    'catalogue.csv',
    [
      'code,title,subject,regions,target_countries,host_centre,languages,first_course_year',
      'KCCP-CLI-CAT-01,Maternal and Child Health,Health,Africa,KE;TZ;GH,JICA Tokyo,en;fr,2030',
      'KCCP-CLI-CAT-02,Urban Water Supply,Water Resources,South Asia,BD;NP,JICA Kansai,en,2030',
      'KCCP-CLI-CAT-03,Road Maintenance,Transport,Africa,KE,JICA Chubu,en,2030',
    ].join('\n'),
  );
  const refusedRun = await kccp(h.address, ['catalogue', 'import', catalogue]);
  expect(refusedRun.code).toBe(2);
  expect(refusedRun.stderr).toContain('1 bad row; nothing was sent');
  expect(refusedRun.stderr).toContain('line 4, field "subject": "Transport" is not a subject');
  expect(await exists('KCCP-CLI-CAT-01')).toBe(false);

  const skipping = await kccp(h.address, ['catalogue', 'import', catalogue, '--skip-bad-rows', '--progress']);
  expect(skipping.code).toBe(0);
  expect(skipping.stdout).toContain('2 created, 0 already existed, 0 failed, 1 skipped');
  expect(skipping.stderr).toContain('courses');
  expect(await exists('KCCP-CLI-CAT-01')).toBe(true);
  expect(await exists('KCCP-CLI-CAT-02')).toBe(true);

  const again = await kccp(h.address, ['--json', 'catalogue', 'import', catalogue, '--skip-bad-rows']);
  expect(again.code).toBe(0);
  expect(json<{ results: { result: string }[] }>(again).results.map((r) => r.result)).toEqual([
    'exists',
    'exists',
    'skipped',
  ]);
});

test('where the worker requires signed decisions, kccp signs with the staff key and unsigned ones are refused', async () => {
  const keyFile = path.join(dir, 'officer.key.json');
  const created = await kccp(h.address, [
    '--json',
    'staff-key',
    'new',
    '--key-id',
    'sato-2027',
    '--actor',
    'sato@jica.example',
    '--role',
    'course-officer',
    '--out',
    keyFile,
  ]);
  expect(created.code).toBe(0);
  const { staffKey } = json<{ staffKey: StaffKey }>(created);
  expect(staffKey).toMatchObject({ keyId: 'sato-2027', actor: 'sato@jica.example', role: 'course-officer' });

  h.activities.staffKeys = { enforce: true, keys: [staffKey] };
  const handle = h.client.workflow.getHandle(courseWorkflowId(CODE));
  try {
    await handle.signal(staffKeysChangedSignal);
    await waitFor(() => kccpStatusHasKeysLoaded(), { description: 'the course to reload its staff keys' });

    const unsigned = await kccp(h.address, ['plan', CODE, '--summary', 'Unsigned plan']);
    expect(unsigned.code).toBe(1);
    expect(unsigned.stderr).toContain('rejected: unauthorized: the decision carries no valid signature');

    const signedRun = await kccp(h.address, ['plan', CODE, '--summary', 'Signed plan', '--signing-key', keyFile], {
      KCCP_ACTOR: '',
    });
    expect(signedRun.stderr).toBe('');
    expect(signedRun.stdout).toContain('accepted: plan recorded');
    expect(signedRun.stdout).toContain('by sato@jica.example');
  } finally {
    h.activities.staffKeys = { enforce: false, keys: [] };
    await handle.signal(staffKeysChangedSignal);
  }

  /** An unsigned decision sent in-process is refused once the keys are in force. */
  async function kccpStatusHasKeysLoaded(): Promise<boolean> {
    try {
      await handle.executeUpdate(decisionUpdates.plan, {
        args: [
          {
            kind: 'plan',
            actor: 'probe@jica.example',
            idempotencyKey: `probe-${Date.now()}`,
            summary: 'probe',
            materialChange: false,
          },
        ],
      });
      return false;
    } catch (error) {
      return String((error as { cause?: Error }).cause?.message).startsWith('unauthorized');
    }
  }
});
