import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { sleepAndReadClock } from '../workflows-fixture';
import { createTestWorker, startTimeSkipping } from '../support/temporal';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('time-skipping test server', () => {
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    env = await startTimeSkipping();
  });

  afterAll(async () => {
    await env?.teardown();
  });

  it('runs a workflow through a 400-day sleep, its own clock advancing more than a year', async () => {
    const taskQueue = `foundation-${randomUUID()}`;
    const worker = await createTestWorker(env, {
      taskQueue,
      workflowsPath: require.resolve('../workflows-fixture'),
      activities: {},
    });

    const clock = await worker.runUntil(
      env.client.workflow.execute(sleepAndReadClock, {
        args: [400 * DAY_MS],
        taskQueue,
        workflowId: `sleep-${randomUUID()}`,
      }),
    );

    expect(clock.finishedAt - clock.startedAt).toBeGreaterThan(365 * DAY_MS);
  });
});
