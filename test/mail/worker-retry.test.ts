/**
 * The same exactly-once promise under a real worker on the dev server: the
 * retry Temporal schedules after a relay's 4xx sees the failed attempt's last
 * heartbeat, so no government gets a notice twice.
 */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createCourseActivities, createSmtpTransport, type MailTransport } from '../../activities';
import { createTestWorker, startDevServer } from '../support/temporal';
import { FROM, address, context, directoryOf, roster } from './support/fixtures';
import { sendOneNotice } from './support/notice-workflow';
import { startRelay, type LoopbackRelay } from './support/relay';

const COUNTRIES = ['KE', 'SN', 'PE', 'VN', 'MA', 'BO', 'GH', 'LK', 'NP', 'HT'];

let env: TestWorkflowEnvironment;
let relay: LoopbackRelay;
let transport: MailTransport;

beforeAll(async () => {
  [env, relay] = await Promise.all([startDevServer(), startRelay()]);
  transport = createSmtpTransport(
    { host: '127.0.0.1', port: relay.port, secure: false },
    { concurrency: 3, timeoutMs: 5_000 },
  );
});
afterAll(async () => {
  await transport?.close();
  await relay?.close();
  await env?.teardown();
});

test('a fan-out that fails mid-way is retried by Temporal and delivers each notice exactly once', async () => {
  // Refuse the last countries of the fan-out on the first two tries, after most have been delivered.
  const refusals = new Map([address('LK'), address('NP'), address('HT')].map((a) => [a, 2]));
  relay.behaviour = {
    onRecipient(rcpt) {
      const left = refusals.get(rcpt) ?? 0;
      if (left === 0) return undefined;
      refusals.set(rcpt, left - 1);
      return { code: 451, message: '4.7.1 Greylisted, try again later' };
    },
  };
  const taskQueue = `mail-${randomUUID()}`;
  const worker = await createTestWorker(env, {
    taskQueue,
    workflowsPath: require.resolve('./support/notice-workflow'),
    activities: createCourseActivities({
      transport,
      directory: directoryOf(COUNTRIES),
      roster,
      from: FROM,
      concurrency: 3,
    }),
  });
  const workflowId = `mail-retry-${randomUUID()}`;
  const report = await worker.runUntil(
    env.client.workflow.execute(sendOneNotice, {
      args: [
        {
          context,
          kind: 'mode-change',
          countries: COUNTRIES,
          facts: { reason: 'Travel restrictions' },
        },
      ],
      taskQueue,
      workflowId,
    }),
  );

  expect(Object.keys(report.delivered).sort()).toEqual([...COUNTRIES].sort());
  for (const country of COUNTRIES) {
    const mails = relay.to(address(country));
    expect(mails).toHaveLength(1);
    expect(mails[0].parsed.messageId).toBe(report.delivered[country]);
  }
  expect(relay.received).toHaveLength(COUNTRIES.length);

  // The history shows the retries really happened: the activity ran three times.
  const history = await env.client.workflow.getHandle(workflowId).fetchHistory();
  const completed = history.events?.find((e) => e.activityTaskStartedEventAttributes);
  expect(completed?.activityTaskStartedEventAttributes?.attempt).toBe(3);
});
