import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { decisionSignals, staffKeysChangedSignal } from '../../workflows/messages';
import { compressedCourse, DAY, decision } from '../fixtures/courses';
import { record, skipUntil, startCourse, status } from '../support/course-harness';
import { createRecordingActivities } from '../support/recording-activities';
import type { RecordingActivities } from '../support/recording-activities';
import { createTestWorker, startTimeSkipping } from '../support/temporal';
import { staffMember } from '../support/staff';
import { waitFor } from '../support/wait-for';

const HOUR = 3_600_000;

describe('signed decisions: staff may record only their own decisions', () => {
  let env: TestWorkflowEnvironment;
  let activities: RecordingActivities;
  let worker: Worker;
  let running: Promise<void>;
  const taskQueue = `signed-${randomUUID()}`;
  const secretariat = staffMember('sato-2027', 'sato@jica.example', 'scrutiny-secretariat');
  const surveyDesk = staffMember('ito-2027', 'ito@jica.example', 'survey-desk');
  const officer = staffMember('kimura-2027', 'kimura@jica.example', 'course-officer');
  const stranger = staffMember('mallory-1', 'sato@jica.example', 'scrutiny-secretariat');

  beforeAll(async () => {
    env = await startTimeSkipping();
    activities = createRecordingActivities();
    activities.staffKeys = { enforce: true, keys: [secretariat.key, surveyDesk.key, officer.key] };
    worker = await createTestWorker(env, {
      taskQueue,
      activities,
    });
    running = worker.run();
  });

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
  });

  /** Courses on one calendar, each planned by the course officer in formulation, brought together to their scrutiny. */
  async function coursesInScrutiny(...codes: string[]) {
    const now = Number(await env.currentTimeMs());
    const handles = await Promise.all(
      codes.map((code) => startCourse(env.client, compressedCourse(code, now + HOUR, DAY), taskQueue)),
    );
    for (const [i, handle] of handles.entries()) {
      await skipUntil(env, handle, (s) => s.phase === 'Formulation', 6 * HOUR);
      const plan = decision('plan', {
        summary: 'Field practice and study visits',
        materialChange: false,
        actor: 'kimura@jica.example',
      });
      await record(handle, 'plan', officer.sign(codes[i]!, plan, Number(await env.currentTimeMs())) as never);
    }
    for (const handle of handles) await skipUntil(env, handle, (s) => s.phase === 'Scrutiny', 6 * HOUR);
    return handles;
  }

  const reason = (err: unknown) => String((err as { cause?: Error }).cause?.message ?? (err as Error).message);

  it('accepts a decision signed by a key of the right role, and rejects every other with the reason, changing nothing', async () => {
    const [handle, other] = await coursesInScrutiny('SIGN-001', 'SIGN-002');
    const before = await status(handle);
    const at = Number(await env.currentTimeMs());
    const scrutiny = decision('scrutiny', { result: 'pass', reasons: ['ok'], actor: 'sato@jica.example' });

    const attempts: [string, Record<string, unknown>, RegExp][] = [
      ['unsigned', scrutiny, /^unauthorized: the decision carries no valid signature/],
      [
        'wrong role',
        surveyDesk.sign('SIGN-001', { ...scrutiny, actor: 'ito@jica.example' }, at),
        /^unauthorized: role survey-desk may not record a scrutiny decision/,
      ],
      [
        'unknown key',
        stranger.sign('SIGN-001', scrutiny, at),
        /^unauthorized: signing key mallory-1 is not on the staff roster/,
      ],
      [
        'tampered body',
        { ...secretariat.sign('SIGN-001', { ...scrutiny, result: 'fail' }, at), result: 'pass' },
        /^unauthorized: the signature by sato-2027 does not match/,
      ],
      [
        'replayed under another course',
        secretariat.sign('SIGN-002', scrutiny, at),
        /^unauthorized: the signature by sato-2027 does not match this decision for course SIGN-001/,
      ],
      [
        'another actor',
        secretariat.sign('SIGN-001', { ...scrutiny, actor: 'ito@jica.example' }, at),
        /^unauthorized: actor "ito@jica.example" is not the owner of key sato-2027/,
      ],
    ];
    for (const [name, body, expected] of attempts) {
      const err = await record(handle, 'scrutiny', body as never).then(
        () => new Error(`${name}: accepted`),
        (e: unknown) => e,
      );
      expect([name, reason(err)]).toEqual([name, expect.stringMatching(expected)]);
    }
    expect({ ...(await status(handle)), asOf: before.asOf }).toEqual(before);

    const answer = await record(handle, 'scrutiny', secretariat.sign('SIGN-001', scrutiny, at) as never);
    expect(answer).toMatchObject({ accepted: true, phase: 'RequestSurvey' });
    expect((await status(other)).phase).toBe('Scrutiny');
  });

  it('records a signal with a bad signature as rejected, and takes a key added to the roster after a reload', async () => {
    const [handle] = await coursesInScrutiny('SIGN-003');
    const newcomer = staffMember('kato-2027', 'kato@jica.example', 'survey-desk');
    const response = decision('surveyResponse', {
      country: 'KE',
      wantsToParticipate: true,
      expectedParticipants: 2,
      actor: 'kato@jica.example',
    });
    const at = Number(await env.currentTimeMs());
    await handle.signal(decisionSignals.surveyResponse, newcomer.sign('SIGN-003', response, at));
    await waitFor(async () => (await status(handle)).rejections.length === 1, {
      description: 'the rejected signal in the status',
    });
    expect((await status(handle)).rejections[0]).toMatchObject({
      via: 'signal',
      reason: expect.stringMatching(/^unauthorized: signing key kato-2027/),
    });

    activities.staffKeys = { enforce: true, keys: [...activities.staffKeys.keys, newcomer.key] };
    await handle.signal(staffKeysChangedSignal);
    await waitFor(
      async () => {
        const answer = await record(
          handle,
          'surveyResponse',
          newcomer.sign(
            'SIGN-003',
            { ...response, idempotencyKey: `${response.idempotencyKey}-2` },
            Number(await env.currentTimeMs()),
          ) as never,
        ).catch(() => undefined);
        return answer?.accepted;
      },
      { description: 'the new key accepted after the roster reload' },
    );
    expect((await status(handle)).cycles[0].surveyTally.requesting).toEqual(['KE']);
  });
});
