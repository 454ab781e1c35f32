/**
 * The yearly evaluation end to end on a real dev server (the time-skipping
 * server has no schedules): the schedule as `kccp schedule ensure` leaves it,
 * seeded courses played to their evaluation window on a compressed calendar,
 * a trigger, and the report, the mail and the courses' own record of it.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { createEvaluationActivities } from '../../activities/evaluation';
import { loadStaffRoster } from '../../activities/directory';
import type { OutgoingMail } from '../../activities/transport';
import { seedCourses } from '../../client/commands/seed-courses';
import type { CourseStatus } from '../../domain/lifecycle/status';
import type { EvaluationReport } from '../../domain/evaluation/report';
import { EVALUATION_SCHEDULE_ID, evaluatedFiscalYear } from '../../domain/evaluation/schedule';
import { seedPlan } from '../../domain/evaluation/seed-plan';
import { courseWorkflowId } from '../../domain/reference';
import { createCourseWorker, COURSE_WORKFLOWS_PATH } from '../../worker/bootstrap';
import { yearlyEvaluation } from '../../workflows/evaluation';
import { statusQuery } from '../../workflows/messages';
import { json, kccp } from '../client/run-kccp';
import { testDataConverter } from '../support/codec-keys';
import { createRecordingActivities } from '../support/recording-activities';
import { bundleWorkflowCodeOnce, startDevServer } from '../support/temporal';
import { waitFor } from '../support/wait-for';

describe('yearly evaluation on a dev server', () => {
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  let reportsDir: string;
  const mails: OutgoingMail[] = [];
  const run = (args: string[]) => kccp(env.address, args, { KCCP_REPORTS_DIR: reportsDir });

  beforeAll(async () => {
    // kccp encrypts with the ring run-kccp hands it; this worker and env.client hold the same one.
    env = await startDevServer({ dataConverter: testDataConverter() });
    reportsDir = await mkdtemp(path.join(os.tmpdir(), 'kccp-reports-'));
    const evaluation = createEvaluationActivities({
      client: env.client,
      reportsDir,
      roster: loadStaffRoster(),
      from: 'JICA KCCP <kccp@kccp.jica.example>',
      transport: {
        mode: 'outbox',
        send: async (mail) => {
          mails.push(mail);
          return { accepted: mail.message.to as string[], rejected: [] };
        },
        close: async () => undefined,
      },
    });
    worker = await createCourseWorker({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      activities: { ...createRecordingActivities(), ...evaluation },
      workflowBundle: await bundleWorkflowCodeOnce(COURSE_WORKFLOWS_PATH),
      dataConverter: testDataConverter(),
    });
    running = worker.run();
  });

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
    if (reportsDir) await rm(reportsDir, { recursive: true, force: true });
  });

  it('ensures one schedule with the calendar in Asia/Tokyo, idempotently, and replaces a changed calendar', async () => {
    const first = await run(['--json', 'schedule', 'ensure']);
    expect(first.code).toBe(0);
    expect(json(first)).toMatchObject({ outcome: 'created', timing: { month: 4, day: 10, hour: 9, minute: 0 } });
    expect(json(await run(['--json', 'schedule', 'ensure']))).toMatchObject({ outcome: 'unchanged' });

    const d = await env.client.schedule.getHandle(EVALUATION_SCHEDULE_ID).describe();
    expect(d.spec.timezone).toBe('Asia/Tokyo');
    expect(d.spec.calendars).toHaveLength(1);
    expect(d.spec.calendars![0]).toMatchObject({
      month: [{ start: 'APRIL', end: 'APRIL' }],
      dayOfMonth: [{ start: 10, end: 10 }],
      hour: [{ start: 9, end: 9 }],
    });
    expect(d.policies.overlap).toBe('SKIP');
    expect(d.action).toMatchObject({
      type: 'startWorkflow',
      workflowType: 'yearlyEvaluation',
      taskQueue: 'kccp-courses',
    });
    // The next run is a 10 April, 09:00 in Tokyo (00:00 UTC).
    expect(d.info.nextActionTimes[0]!.toISOString()).toMatch(/-04-10T00:00:00\.000Z$/);

    const changed = await run(['--json', 'schedule', 'ensure', '--month', '5', '--day', '1', '--time', '10:30']);
    expect(json(changed)).toMatchObject({ outcome: 'updated' });
    const after = await env.client.schedule.getHandle(EVALUATION_SCHEDULE_ID).describe();
    expect(after.spec.calendars).toHaveLength(1);
    expect(after.spec.calendars![0]).toMatchObject({
      month: [{ start: 'MAY', end: 'MAY' }],
      dayOfMonth: [{ start: 1, end: 1 }],
      minute: [{ start: 30, end: 30 }],
    });
    const schedules = await waitFor(
      async () => {
        const ids: string[] = [];
        for await (const s of env.client.schedule.list()) ids.push(s.scheduleId);
        return ids.length > 0 ? ids : undefined;
      },
      { description: 'the schedule in the list' },
    );
    expect(schedules).toEqual([EVALUATION_SCHEDULE_ID]);
    expect(json(await run(['--json', 'schedule', 'ensure']))).toMatchObject({ outcome: 'updated' });
    const shown = json(await run(['--json', 'schedule', 'show']));
    expect(shown).toMatchObject({
      scheduleId: EVALUATION_SCHEDULE_ID,
      runs: 'every year on 10 April at 09:00 Asia/Tokyo',
      overlap: 'SKIP',
    });
  });

  it('evaluates seeded courses on a trigger: the report shows what was seeded, staff get it, the courses record it', async () => {
    const fiscalYear = evaluatedFiscalYear(Date.now());
    const plan = seedPlan({ fiscalYear, count: 12, prefix: 'EVAL' });
    const seeded = await seedCourses(env.client, plan, { stepMs: 5_000 });
    expect(seeded.failed).toEqual({});
    expect(seeded.started).toHaveLength(12);
    const status = (code: string): Promise<CourseStatus> =>
      env.client.workflow.getHandle(courseWorkflowId(code)).query(statusQuery);
    await waitFor(
      async () =>
        (await Promise.all(plan.courses.map((c) => status(c.code)))).every(
          (s) =>
            s.cycles.find((c) => c.cycle === 1)?.phase === 'Evaluation' ||
            s.outcomes.find((o) => o.cycle === 1)?.phase === 'Cancelled',
        ),
      { timeoutMs: 60_000, intervalMs: 500, description: 'every seeded course in its evaluation window or cancelled' },
    );

    const triggered = await run(['schedule', 'trigger']);
    expect(triggered.stdout).toContain(`evaluating JFY${fiscalYear}`);
    const workflowId = await waitFor(
      async () =>
        (await env.client.schedule.getHandle(EVALUATION_SCHEDULE_ID).describe()).info.recentActions[0]?.action.workflow
          .workflowId,
      {
        description: 'the triggered evaluation',
      },
    );
    const result = await env.client.workflow.getHandle<typeof yearlyEvaluation>(workflowId).result();
    expect(result).toMatchObject({
      fiscalYear,
      courses: 12,
      evaluations: { recorded: 12, 'already-recorded': 0, 'not-recorded': 0 },
      problems: 0,
    });

    const report = json<EvaluationReport>(await run(['--json', 'report', String(fiscalYear)]));
    // The seed of 12 is as JFY2020 went: 9 online, 1 hybrid, 2 cancelled; planned 12, held 10.
    expect(plan.cancelled).toBe(2);
    expect(report.totalCourses).toBe(12);
    expect(report.totalHeld).toBe(10);
    expect(Object.fromEntries(report.subjects.filter((s) => s.held).map((s) => [s.subject, s.held]))).toEqual(
      plan.heldBySubject,
    );
    expect(Object.fromEntries(report.subjects.filter((s) => s.courses).map((s) => [s.subject, s.courses]))).toEqual(
      plan.coursesBySubject,
    );
    expect(Object.fromEntries(report.regions.map((r) => [r.region, r.participants]))).toEqual(
      plan.participantsByRegion,
    );
    expect(report.totalParticipants).toBe(Object.values(plan.participantsByCountry).reduce((n, x) => n + x, 0));
    expect(report.participantsFromSelection).toBe(0);
    const outcome = Object.fromEntries(report.outcomes.map((o) => [o.outcome, o.courses]));
    expect(outcome).toMatchObject({
      'Passed scrutiny': 12,
      // A cycle cancelled after selection had been approved: its outcome keeps the approval.
      'Approved by MOFA': 12,
      Held: 10,
      '- Held in person': plan.heldByMode['in-person'],
      '- Held online': plan.heldByMode.online,
      '- Held hybrid': plan.heldByMode.hybrid,
      Cancelled: 2,
    });
    // Participant rates (issue 16): held courses from their running cycle's records (all came, so all
    // accepted and completed, and each was asked for an action plan that has not come back yet),
    // cancelled ones from the outcome their ended cycle kept (all withdrew, nobody was asked).
    expect(report.participantRates.courses.map((r) => r.code)).toEqual(plan.courses.map((c) => c.code).sort());
    for (const course of plan.courses) {
      const n = course.countries.reduce((sum, c) => sum + c.participants, 0);
      const row = report.participantRates.courses.find((r) => r.code === course.code)!;
      expect(row.figures).toEqual(
        course.cancelled
          ? { selected: n, accepted: 0, withdrawn: n, completed: 0, actionPlansRequested: 0, actionPlansReceived: 0 }
          : { selected: n, accepted: n, withdrawn: 0, completed: n, actionPlansRequested: n, actionPlansReceived: 0 },
      );
    }
    expect(report.participantRates.coursesWithRecords).toBe(12);
    const markdown = (await run(['report', String(fiscalYear)])).stdout;
    expect(markdown).toContain('## Participant rates by course');
    expect(markdown).toMatch(
      /\| EVAL-[^|]+ \| 1 \| \d+ \| (\d+)\/\1 \(100%\) \| 0\/\1 \(0%\) \| \1\/\1 \(100%\) \| 0\/\1 \(0%\) \|/,
    );
    expect(markdown).toContain(`# KCCP yearly evaluation, JFY${fiscalYear}`);
    expect(markdown).toContain('| **Total** | **12** | **10** |');
    expect(markdown).toContain(`12 courses were planned for JFY${fiscalYear} and 10 were held.`);
    const dir = path.join(reportsDir, `JFY${fiscalYear}`);
    expect(await readFile(path.join(dir, 'chart.svg'), 'utf8')).toMatch(
      /^<svg[^>]*>[\s\S]*Number of courses by subject[\s\S]*<\/svg>$/,
    );
    const csv = await readFile(path.join(dir, 'report.csv'), 'utf8');
    expect(csv).toContain('courses by subject,Total,12,');
    expect(csv).toContain('courses held by subject,Total,10,');

    expect(mails).toHaveLength(1);
    expect(mails[0]!.message.to).toEqual(
      [...new Set(Object.values(loadStaffRoster()).flatMap((o) => o.addresses))].sort(),
    );
    expect((mails[0]!.message.attachments ?? []).map((a) => a.filename)).toEqual([
      'report.md',
      'report.csv',
      'chart.svg',
    ]);

    for (const course of plan.courses) {
      const s = await status(course.code);
      const first = s.outcomes.find((o) => o.cycle === 1)!;
      if (course.cancelled) {
        expect(first).toMatchObject({ phase: 'Cancelled', fiscalYear, notHeldReason: 'cancelled' });
        expect(first.evaluationFindings![0]).toBe(
          `JFY${fiscalYear} (cycle 1) was cancelled; plan the next cycle with a fallback mode (online or hybrid).`,
        );
        expect(s.cycles.find((c) => c.cycle === 2)!.carriedFindings).toEqual(first.evaluationFindings);
        continue;
      }
      expect(first).toMatchObject({ phase: 'Completed', fiscalYear, evaluated: true, mode: course.mode });
      expect(first.evaluationFindings![0]).toMatch(
        new RegExp(
          `^JFY${fiscalYear} \\(cycle 1\\) held .*: ${course.countries.reduce((n, c) => n + c.participants, 0)} participants`,
        ),
      );
      // The findings wait for the next cycle's planning.
      expect(s.cycles.find((c) => c.cycle === 2)!.carriedFindings).toEqual(first.evaluationFindings);
    }
  });

  it('gives the same figures when run again in small pages and batches, recording nothing twice', async () => {
    const fiscalYear = evaluatedFiscalYear(Date.now());
    const before = json<EvaluationReport>(await run(['--json', 'report', String(fiscalYear)]));
    const result = await env.client.workflow.execute(yearlyEvaluation, {
      workflowId: `evaluation-again-${fiscalYear}`,
      taskQueue: 'kccp-courses',
      args: [{ fiscalYear, pageSize: 5, batchSize: 2 }],
    });
    expect(result.pages).toBeGreaterThan(2);
    expect(result).toMatchObject({
      courses: 12,
      evaluations: { recorded: 0, 'already-recorded': 12, 'not-recorded': 0 },
    });
    const again = json<EvaluationReport>(await run(['--json', 'report', String(fiscalYear)]));
    expect({ ...again, generatedAt: '', source: '', evaluations: {} }).toEqual({
      ...before,
      generatedAt: '',
      source: '',
      evaluations: {},
    });
  });

  it('evaluates another fiscal year on request, with a report of zeros when it has no course', async () => {
    const started = await run(['--json', 'schedule', 'trigger', '--fiscal-year', '2019']);
    expect(json(started)).toEqual({ workflowId: 'kccp-yearly-evaluation-JFY2019', fiscalYear: 2019 });
    const result = await env.client.workflow
      .getHandle<typeof yearlyEvaluation>('kccp-yearly-evaluation-JFY2019')
      .result();
    expect(result).toMatchObject({ fiscalYear: 2019, courses: 0, problems: 0 });
    const report = json<EvaluationReport>(await run(['--json', 'report', '2019']));
    expect(report.totalCourses).toBe(0);
    expect(report.totalParticipants).toBe(0);
    expect(report.subjects).toHaveLength(19);
    expect(report.regions.every((r) => r.participants === 0 && r.percent === 0)).toBe(true);
    const missing = await run(['report', '2018']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no report for JFY2018');
  });
});
