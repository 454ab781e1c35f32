/**
 * Exactly once across retries: a relay that fails part of a fan-out makes the
 * activity throw a retryable failure; the next attempt starts from the last
 * heartbeat and sends only what is missing, with the same Message-IDs.
 */
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { createCourseActivities, createSmtpTransport } from '../../activities';
import type { CountryNoticeRequest, CourseActivities, DeliveryReport } from '../../activities/contracts';
import { FROM, address, context, directoryOf, roster } from './support/fixtures';
import { useRelay } from './support/relay';

const COUNTRIES = ['KE', 'SN', 'PE', 'VN', 'MA', 'BO', 'GH', 'LK'];
const directory = directoryOf(COUNTRIES);
const request: CountryNoticeRequest = {
  context,
  kind: 'course-notification',
  countries: COUNTRIES,
};

// The expected attempt failures would otherwise be logged as warnings by the mock environment.
const logger = new DefaultLogger('ERROR');
const rig = useRelay(3);

/** Runs the activity the way Temporal retries it: each attempt sees the previous attempt's last heartbeat. */
async function runUntilDone(maxAttempts: number, via = rig.transport) {
  const activities = createCourseActivities({
    transport: via,
    directory,
    roster,
    from: FROM,
    concurrency: 3,
  });
  let heartbeatDetails: DeliveryReport | undefined;
  const failures: { type?: string; nonRetryable?: boolean }[] = [];
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const env = new MockActivityEnvironment({ attempt, heartbeatDetails }, { logger });
    env.on('heartbeat', (d: DeliveryReport) => (heartbeatDetails = d));
    try {
      return {
        report: await env.run<[CountryNoticeRequest], DeliveryReport, CourseActivities['notifyCountries']>(
          activities.notifyCountries,
          request,
        ),
        failures,
        attempts: attempt,
      };
    } catch (err) {
      failures.push(err as { type?: string; nonRetryable?: boolean });
    }
  }
  throw new Error(`not delivered in ${maxAttempts} attempts: ${JSON.stringify(failures)}`);
}

function expectEachCountryOnce(report: DeliveryReport) {
  expect(Object.keys(report.delivered).sort()).toEqual([...COUNTRIES].sort());
  expect(report.undeliverable).toEqual({});
  for (const country of COUNTRIES) {
    const mails = rig.relay.to(address(country));
    expect(mails).toHaveLength(1);
    expect(mails[0].parsed.messageId).toBe(report.delivered[country]);
  }
  expect(rig.relay.received).toHaveLength(COUNTRIES.length);
}

test('a relay answering 4xx for some recipients: the retry sends only those, each notice arrives once', async () => {
  const refusedOnce = new Set([address('KE'), address('MA')]);
  rig.relay.behaviour = {
    onRecipient(rcpt) {
      if (!refusedOnce.has(rcpt)) return undefined;
      refusedOnce.delete(rcpt);
      return { code: 451, message: '4.3.0 Temporary local problem, try later' };
    },
  };
  const { report, failures, attempts } = await runUntilDone(3);
  expect(attempts).toBe(2);
  expect(failures).toEqual([
    expect.objectContaining({
      type: 'MailRelayUnavailable',
      nonRetryable: false,
    }),
  ]);
  expectEachCountryOnce(report);
});

test('a relay refusing the first connections: later attempts resume from the heartbeat, each notice arrives once', async () => {
  let refusals = 4;
  rig.relay.behaviour = {
    onConnect() {
      if (refusals <= 0) return undefined;
      refusals--;
      return { code: 421, message: '4.7.0 Too many connections, try later' };
    },
  };
  // A fresh pool: the suite's transport keeps connections that were opened before the refusals.
  const fresh = createSmtpTransport(
    { host: '127.0.0.1', port: rig.relay.port, secure: false },
    { concurrency: 3, timeoutMs: 5_000 },
  );
  const { report, failures } = await runUntilDone(6, fresh).finally(() => fresh.close());
  expect(failures.length).toBeGreaterThanOrEqual(1);
  expect(failures.every((f) => f.type === 'MailRelayUnavailable')).toBe(true);
  expectEachCountryOnce(report);
});

test('a relay that is down: the attempt fails retryably without sending, and a later attempt delivers all', async () => {
  const down = createSmtpTransport({ host: '127.0.0.1', port: 1, secure: false }, { concurrency: 3, timeoutMs: 2_000 });
  const activities = createCourseActivities({
    transport: down,
    directory,
    roster,
    from: FROM,
  });
  const env = new MockActivityEnvironment({ attempt: 1 }, { logger });
  let last: DeliveryReport | undefined;
  env.on('heartbeat', (d: DeliveryReport) => (last = d));
  await expect(env.run(activities.notifyCountries, request)).rejects.toMatchObject({
    type: 'MailRelayUnavailable',
    nonRetryable: false,
  });
  await down.close();
  expect(last).toEqual({ delivered: {}, undeliverable: {} });

  const retry = new MockActivityEnvironment({ attempt: 2, heartbeatDetails: last }, { logger });
  const live = createCourseActivities({
    transport: rig.transport,
    directory,
    roster,
    from: FROM,
  });
  expectEachCountryOnce(
    await retry.run<[CountryNoticeRequest], DeliveryReport, CourseActivities['notifyCountries']>(
      live.notifyCountries,
      request,
    ),
  );
});
