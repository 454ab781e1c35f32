/**
 * What governments hear of a cycle (issue 16), end to end: a course on a dev server whose own timers
 * move it through windows a few seconds long, the real mail activities, and a real SMTP relay on
 * loopback that counts every message by Message-ID. Invitations go to every target government,
 * reminders only to those still owing an answer, copies to the embassy and the JICA office as the
 * directory routes them, and nothing twice.
 */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import {
  createCourseActivities,
  createSmtpTransport,
  parseCountryDirectory,
  type MailTransport,
} from '../../activities';
import type { CourseStatus } from '../../domain/lifecycle';
import { courseWorkflowId } from '../../domain/reference';
import { statusQuery } from '../../workflows/messages';
import { COURSE_WORKFLOWS_PATH, createCourseWorker } from '../../worker/bootstrap';
import { compressedCourse, decision, nominee } from '../fixtures/courses';
import { FROM, address, roster } from '../mail/support/fixtures';
import { startRelay, type LoopbackRelay, type ReceivedMail } from '../mail/support/relay';
import { testDataConverter } from '../support/codec-keys';
import { record, startCourse } from '../support/course-harness';
import { bundleWorkflowCodeOnce, startDevServer } from '../support/temporal';
import { waitFor } from '../support/wait-for';

/**
 * One window. A late answer must land between the half-way reminder and the last-eighth one (3/8 of a
 * window, 6 s here) on a loaded two-core machine, with the reminder's mail received first.
 */
const STEP = 16_000;
const TARGETS = ['BD', 'KE', 'PE', 'SN', 'VN'];
const embassy = (code: string) => `kccp@embassy-${code.toLowerCase()}.example`;
const jicaOffice = (code: string) => `kccp@jica-${code.toLowerCase()}.example`;

let env: TestWorkflowEnvironment;
let relay: LoopbackRelay;
let transport: MailTransport;
let worker: Worker | undefined;
let running: Promise<void> | undefined;

beforeAll(async () => {
  const dataConverter = testDataConverter();
  [env, relay] = await Promise.all([startDevServer({ dataConverter }), startRelay()]);
  transport = createSmtpTransport(
    { host: '127.0.0.1', port: relay.port, secure: false },
    { concurrency: 4, timeoutMs: 5_000 },
  );
  // Every target has an embassy and a JICA office; the shipped routing decides who is copied on what.
  const directory = parseCountryDirectory({
    countries: TARGETS.map((code) => ({
      code,
      addresses: [address(code)],
      embassy: { name: `Embassy of Japan (${code})`, addresses: [embassy(code)] },
      jicaOffice: { name: `JICA office (${code})`, addresses: [jicaOffice(code)] },
    })),
  });
  worker = await createCourseWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    activities: createCourseActivities({ transport, directory, roster, from: FROM }),
    workflowBundle: await bundleWorkflowCodeOnce(COURSE_WORKFLOWS_PATH),
    dataConverter,
  });
  running = worker.run();
});
afterAll(async () => {
  worker?.shutdown();
  await running;
  await transport?.close();
  await relay?.close();
  await env?.teardown();
});

/** Government notices the relay received, by notice kind (staff reminders carry no X-KCCP-Notice). */
const noticesOf = (kind: string): ReceivedMail[] =>
  relay.received.filter((m) => m.parsed.headers.get('x-kccp-notice') === kind);
/** The government each notice of `kind` was addressed to, as country codes. */
const countriesOf = (kind: string) =>
  noticesOf(kind)
    .flatMap((m) => m.envelopeTo.flatMap((to) => /^kccp@gov-([a-z]{2})\.example$/.exec(to)?.[1].toUpperCase() ?? []))
    .sort();
const arrived = (kind: string, count: number) =>
  waitFor(() => noticesOf(kind).length >= count, { timeoutMs: 60_000, description: `${count} ${kind} notice(s)` });

test('invitations reach every target, reminders only those owing an answer, copies as routed, every message once', async () => {
  const code = `GOV-${randomUUID().slice(0, 8).toUpperCase()}`;
  const handle = await startCourse(env.client, compressedCourse(code, Date.now() + 1_500, STEP));
  const status = () => env.client.workflow.getHandle(courseWorkflowId(code)).query(statusQuery);
  const until = (what: string, predicate: (s: CourseStatus) => boolean) =>
    waitFor(async () => predicate(await status()), { timeoutMs: 60_000, intervalMs: 200, description: what });

  await record(handle, 'plan', decision('plan', { summary: 'Cycle 1', materialChange: false }));
  await until('cycle 1 in scrutiny', (s) => s.cycles[0]?.phase === 'Scrutiny');
  // Three governments answer at once; VN and BD stay silent until the first reminder.
  await record(handle, 'scrutiny', decision('scrutiny', { result: 'pass', reasons: ['ok'] }));
  for (const country of ['KE', 'SN', 'PE'])
    await record(
      handle,
      'surveyResponse',
      decision('surveyResponse', { country, wantsToParticipate: true, expectedParticipants: 2 }),
    );
  await arrived('survey-invitation', TARGETS.length);
  await arrived('survey-reminder', 2);
  // VN answers "no" after the reminder: it is an answer, so the final reminder leaves it out.
  await record(
    handle,
    'surveyResponse',
    decision('surveyResponse', { country: 'VN', wantsToParticipate: false, expectedParticipants: 0 }),
  );
  await arrived('survey-final-reminder', 1);

  await until('cycle 1 at MOFA', (s) => s.cycles[0]?.phase === 'MofaDetermination');
  await record(handle, 'mofaDetermination', decision('mofaDetermination', { approved: true }));
  await record(
    handle,
    'nominations',
    decision('nominations', { country: 'KE', organizations: ['MoA'], nominees: [nominee('Amina Otieno')] }),
  );
  await arrived('nomination-reminder', 2);
  await record(
    handle,
    'nominations',
    decision('nominations', { country: 'SN', organizations: ['MoA'], nominees: [nominee('Awa Diop')] }),
  );
  await arrived('nomination-final-reminder', 1);
  const selecting = await waitFor(
    async () => {
      const s = await status();
      return s.cycles[0]?.phase === 'Selection' ? s : undefined;
    },
    { timeoutMs: 60_000, description: 'cycle 1 in selection' },
  );
  await handle.terminate('the test has seen what governments hear up to selection');

  // Who heard what: the invitation everyone, each reminder only those still owing an answer.
  expect(countriesOf('survey-invitation')).toEqual(TARGETS);
  expect(countriesOf('survey-reminder')).toEqual(['BD', 'VN']);
  expect(countriesOf('survey-final-reminder')).toEqual(['BD']);
  // BD and VN did not ask to take part, so they were not offered the course and are not asked to nominate.
  expect(countriesOf('nomination-reminder')).toEqual(['PE', 'SN']);
  expect(countriesOf('nomination-final-reminder')).toEqual(['PE']);

  // Copies ride on the government's message: the survey with the embassy and the JICA office, nominations with the JICA office.
  const envelope = (kind: string, country: string) =>
    noticesOf(kind)
      .find((m) => m.envelopeTo.includes(address(country)))!
      .envelopeTo.slice()
      .sort();
  expect(envelope('survey-invitation', 'BD')).toEqual([address('BD'), embassy('BD'), jicaOffice('BD')].sort());
  expect(envelope('survey-final-reminder', 'BD')).toEqual([address('BD'), embassy('BD'), jicaOffice('BD')].sort());
  expect(envelope('nomination-reminder', 'SN')).toEqual([address('SN'), jicaOffice('SN')].sort());
  expect(envelope('course-notification', 'KE')).toEqual([address('KE'), embassy('KE'), jicaOffice('KE')].sort());

  // Every message once at the relay, and each recipient holds each notice once.
  const ids = relay.received.map((m) => m.parsed.messageId);
  expect(new Set(ids).size).toBe(ids.length);
  for (const kind of ['survey-invitation', 'survey-reminder', 'nomination-reminder']) {
    for (const m of noticesOf(kind)) expect(new Set(m.envelopeTo).size).toBe(m.envelopeTo.length);
  }
  expect(relay.to(embassy('BD')).map((m) => m.parsed.headers.get('x-kccp-notice'))).toEqual([
    'survey-invitation',
    'survey-reminder',
    'survey-final-reminder',
  ]);

  // kccp status counts the same notices per kind.
  expect(selecting.cycles[0]?.noticesSent).toMatchObject({
    'survey-invitation': 5,
    'survey-reminder': 2,
    'survey-final-reminder': 1,
    'course-notification': 3,
    'general-information': 3,
    'nomination-reminder': 2,
    'nomination-final-reminder': 1,
  });
});
