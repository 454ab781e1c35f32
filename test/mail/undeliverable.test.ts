/**
 * Permanent refusals: a relay answering 5xx for one government's address
 * makes that country undeliverable in the report while every other country
 * receives its notice; staff reminders reach the roster's address.
 */
import { createCourseActivities, createSmtpTransport, type MailTransport } from '../../activities';
import { noticeMessageId } from '../../activities/contracts';
import { FROM, address, context, directoryOf, roster } from './support/fixtures';
import { startRelay, type LoopbackRelay } from './support/relay';

const COUNTRIES = ['KE', 'SN', 'PE', 'VN', 'MA'];
const directory = directoryOf(COUNTRIES);

let relay: LoopbackRelay;
let transport: MailTransport;

beforeAll(async () => {
  relay = await startRelay({
    onRecipient: (rcpt) =>
      rcpt === address('PE') || rcpt === 'operator@kccp.jica.example'
        ? { code: 550, message: '5.1.1 No such user here' }
        : undefined,
  });
  transport = createSmtpTransport(
    { host: '127.0.0.1', port: relay.port, secure: false },
    { concurrency: 2, timeoutMs: 5_000 },
  );
});
afterAll(async () => {
  await transport.close();
  await relay.close();
});
beforeEach(() => relay.received.splice(0));

test('a 5xx for one address makes that country undeliverable; every other country receives its notice', async () => {
  const activities = createCourseActivities({
    transport,
    directory,
    roster,
    from: FROM,
  });
  const report = await activities.notifyCountries({
    context,
    kind: 'cycle-not-held',
    countries: COUNTRIES,
    facts: { reason: 'mofa-not-approved' },
  });

  expect(Object.keys(report.undeliverable)).toEqual(['PE']);
  expect(report.undeliverable.PE).toMatch(/550.*No such user/);
  expect(Object.keys(report.delivered).sort()).toEqual(['KE', 'MA', 'SN', 'VN']);
  expect(relay.to(address('PE'))).toHaveLength(0);
  for (const country of ['KE', 'MA', 'SN', 'VN']) {
    const [mail, ...more] = relay.to(address(country));
    expect(more).toHaveLength(0);
    expect(mail.parsed.text).toContain('JFY2027');
    // The reason is in the reader's words, never the code (test/mail/government-words.test.ts has the wording).
    expect(mail.parsed.text).not.toContain('mofa-not-approved');
  }
  expect(relay.to(address('KE'))[0]!.parsed.text).toContain('The course will not be offered this fiscal year.');
});

test('a staff reminder reaches the roster address of its office, with the deadline in Japan time', async () => {
  const activities = createCourseActivities({
    transport,
    directory,
    roster,
    from: FROM,
  });
  const messageId = await activities.remindStaff({
    context,
    office: 'mofa-liaison',
    subject: 'undeliverable-countries',
    deadline: '2026-12-18T17:00:00+09:00',
    reminderKey: 'undeliverable-c1',
    facts: { countries: ['PE'] },
  });

  expect(messageId).toBe(noticeMessageId(context.course.code, 1, 'staff-undeliverable-c1', 'mofa-liaison'));
  const [mail, ...more] = relay.to('mofa-liaison@kccp.jica.example');
  expect(more).toHaveLength(0);
  expect(mail.parsed.messageId).toBe(messageId);
  expect(mail.parsed.subject).toContain('undeliverable-countries');
  expect(mail.parsed.text).toContain('18 December 2026 at 17:00 (Japan time)');
  expect(mail.parsed.text).toContain('countries: PE');
});

test('a staff address the relay rejects fails the reminder without retries', async () => {
  const activities = createCourseActivities({
    transport,
    directory,
    roster,
    from: FROM,
  });
  await expect(
    activities.remindStaff({
      context,
      office: 'operator',
      subject: 'mofa-determination',
      reminderKey: 'mofa-7d',
    }),
  ).rejects.toMatchObject({ type: 'StaffAddressRejected', nonRetryable: true });
});
