import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { toTokyoIso } from '../../domain/calendar';
import { compressedCourse, DAY, decision, nominee } from '../fixtures/courses';
import { record, startCourse, status } from '../support/course-harness';
import { createRecordingActivities } from '../support/recording-activities';
import { createTestWorker, startDevServer } from '../support/temporal';
import { waitFor } from '../support/wait-for';

/**
 * On a real dev server, in real time: the time-skipping server keeps a
 * stopped worker's sticky task waiting while its clock stands still, which
 * is not how a cluster treats a worker that went away.
 */
describe('a course outlives its worker', () => {
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    env = await startDevServer();
  });

  afterAll(async () => {
    await env?.teardown();
  });

  it('is carried on by a new worker after the first stopped mid-cycle, with no notice sent twice', async () => {
    const taskQueue = `restart-${randomUUID()}`;
    const activities = createRecordingActivities();
    const newWorker = () => createTestWorker(env, { taskQueue, activities });

    // Scrutiny and the request survey are open now and the survey closes in 25 s; later windows are days away.
    const now = Date.now();
    const spec = compressedCourse('DEV-RESTART-1', now + 60 * DAY, DAY);
    const later = spec.calendar!['1']!;
    spec.calendar!['1'] = {
      ...later,
      formulation: { opens: toTokyoIso(now - 2 * DAY), closes: toTokyoIso(now - DAY) },
      scrutiny: { opens: toTokyoIso(now - DAY), closes: toTokyoIso(now + 25_000) },
      requestSurvey: { opens: toTokyoIso(now - DAY), closes: toTokyoIso(now + 25_000) },
      mofaDetermination: { opens: toTokyoIso(now + 25_000), closes: toTokyoIso(now + DAY) },
      nominations: { opens: toTokyoIso(now + 25_000), closes: toTokyoIso(now + 2 * DAY) },
    };
    const handle = await startCourse(env.client, spec, taskQueue);

    const first = await newWorker();
    await first.runUntil(async () => {
      await record(handle, 'scrutiny', decision('scrutiny', { result: 'pass', reasons: ['ok'] }));
      for (const country of ['KE', 'SN']) {
        await record(
          handle,
          'surveyResponse',
          decision('surveyResponse', { country, wantsToParticipate: true, expectedParticipants: 1 }),
        );
      }
    });
    expect(first.getState()).toBe('STOPPED');

    const second = await newWorker();
    await second.runUntil(async () => {
      // The new worker rebuilds the course from history: the tally the first one kept is still there.
      await record(
        handle,
        'surveyResponse',
        decision('surveyResponse', { country: 'PE', wantsToParticipate: true, expectedParticipants: 1 }),
      );
      expect((await status(handle)).cycles[0].surveyTally.requesting).toEqual(['KE', 'PE', 'SN']);
      await waitFor(async () => (await status(handle)).phase === 'MofaDetermination', {
        timeoutMs: 60_000,
        description: 'the survey window to close',
      });
      await record(handle, 'mofaDetermination', decision('mofaDetermination', { approved: true }));
      await record(
        handle,
        'nominations',
        decision('nominations', { country: 'PE', organizations: ['MIDAGRI'], nominees: [nominee('Luis Quispe')] }),
      );
      await waitFor(async () => (await status(handle)).cycles[0].noticesSent['nomination-acknowledgement'] === 1, {
        timeoutMs: 30_000,
        description: 'the nomination acknowledgement',
      });
    });

    expect(second.getState()).toBe('STOPPED');
    const mine = activities.notices.filter((n) => n.course === 'DEV-RESTART-1');
    expect(new Set(mine.map((n) => n.messageId)).size).toBe(mine.length);
    expect(
      mine
        .filter((n) => n.kind === 'general-information')
        .map((n) => n.country)
        .sort(),
    ).toEqual(['KE', 'PE', 'SN']);
    expect(mine.filter((n) => n.kind === 'course-notification')).toHaveLength(3);
  });
});
