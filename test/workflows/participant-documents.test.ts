/**
 * Documents to participants end to end (issue 16, participant-documents-v1): a course on a dev server
 * whose own timers move it through windows a few seconds long, the real mail activities and a real
 * SMTP relay on loopback. Letters, joining instructions, certificates and the action-plan request
 * reach the right people in their language; a withdrawn participant gets nothing after withdrawing, a
 * substitute everything from the letter on; reminders reach only those whose plan is out; every
 * Message-ID arrives once, and `kccp status` shows who was sent what and when.
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
import { pdfText } from '../mail/support/pdf';
import { startRelay, type LoopbackRelay, type ReceivedMail } from '../mail/support/relay';
import { testDataConverter } from '../support/codec-keys';
import { record, startCourse } from '../support/course-harness';
import { bundleWorkflowCodeOnce, startDevServer } from '../support/temporal';
import { waitFor } from '../support/wait-for';

/** One window: the plans of two participants must come back within the first half of post-return. */
const STEP = 10_000;
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
  // Kenya reads English, Senegal French (the directory's language for the country).
  const directory = parseCountryDirectory({
    countries: [
      ['KE', 'en'],
      ['SN', 'fr'],
      ['PE', 'es'],
      ['VN', 'ja'],
      ['BD', 'en'],
    ].map(([code, language]) => ({
      code,
      addresses: [address(code!)],
      language,
      jicaOffice: { name: `JICA office (${code})`, addresses: [jicaOffice(code!)] },
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

const AMINA = nominee('Amina Otieno');
const JOHN = nominee('John Kamau');
const PETER = nominee('Peter Mwangi');
const AWA = nominee('Awa Diop');
const MARY = nominee('Mary Njeri');

const documentsOf = (document: string): ReceivedMail[] =>
  relay.received.filter((m) => m.parsed.headers.get('x-kccp-document') === document);
/** The participants (by e-mail) a document reached. */
const reached = (document: string) =>
  documentsOf(document)
    .flatMap((m) => m.envelopeTo.filter((to) => to.endsWith('@gov.example')))
    .sort();
const arrived = (document: string, count: number) =>
  waitFor(() => documentsOf(document).length >= count, {
    timeoutMs: 90_000,
    description: `${count} ${document} message(s)`,
  });

test('letters, joining instructions, certificates and the action-plan follow-up reach the right people in their language, once', async () => {
  const code = `DOCS-${randomUUID().slice(0, 8).toUpperCase()}`;
  const handle = await startCourse(
    env.client,
    compressedCourse(code, Date.now() + 1_500, STEP, { participationThreshold: 2 }),
  );
  const status = () => env.client.workflow.getHandle(courseWorkflowId(code)).query(statusQuery);
  const until = (what: string, predicate: (s: CourseStatus) => boolean) =>
    waitFor(async () => predicate(await status()), { timeoutMs: 90_000, intervalMs: 200, description: what });
  const phase = (p: string) => until(`cycle 1 in ${p}`, (s) => s.cycles[0]?.phase === p);

  await record(handle, 'plan', decision('plan', { summary: 'Cycle 1', materialChange: false }));
  await phase('Scrutiny');
  await record(handle, 'scrutiny', decision('scrutiny', { result: 'pass', reasons: ['ok'] }));
  for (const country of ['KE', 'SN'])
    await record(
      handle,
      'surveyResponse',
      decision('surveyResponse', { country, wantsToParticipate: true, expectedParticipants: 2 }),
    );
  await phase('MofaDetermination');
  await record(handle, 'mofaDetermination', decision('mofaDetermination', { approved: true }));
  await record(
    handle,
    'nominations',
    decision('nominations', { country: 'KE', organizations: ['MoA'], nominees: [AMINA, JOHN, PETER] }),
  );
  await record(
    handle,
    'nominations',
    decision('nominations', { country: 'SN', organizations: ['ISRA'], nominees: [AWA] }),
  );
  await phase('Selection');
  await record(
    handle,
    'selection',
    decision('selection', {
      participants: [
        { country: 'KE', nominees: [AMINA.name, JOHN.name] },
        { country: 'SN', nominees: [AWA.name] },
      ],
    }),
  );
  await arrived('acceptance-letter', 3);
  await record(
    handle,
    'participantWithdrawal',
    decision('participantWithdrawal', { country: 'KE', participant: JOHN.name, reason: 'illness' }),
  );
  await phase('PreArrival');
  await record(
    handle,
    'participantSubstitution',
    decision('participantSubstitution', { country: 'KE', replaces: JOHN.name, nominee: MARY }),
  );
  await arrived('joining-instructions', 3);
  await phase('InJapan');
  await record(
    handle,
    'implementationReport',
    decision('implementationReport', {
      mode: 'in-person',
      startedOn: '2027-07-01',
      endedOn: '2027-07-20',
      attendance: [
        { country: 'KE', participants: 2 },
        { country: 'SN', participants: 1 },
      ],
    }),
  );
  await arrived('certificate', 3);
  await arrived('action-plan-request', 3);
  // Amina's and Mary's plans come back at once; Awa's does not.
  for (const p of [AMINA, MARY])
    await record(handle, 'actionPlanReceived', decision('actionPlanReceived', { country: 'KE', participant: p.name }));
  await arrived('action-plan-final-reminder', 1);
  // The relay has the mail a moment before the course records that it went.
  const recorded = (s: CourseStatus) =>
    s.cycles[0]?.participants?.some((p) => p.name === AWA.name && p.documents?.['action-plan-final-reminder']) ?? false;
  await until("Awa's final reminder recorded", recorded);
  const final = await status();
  await handle.terminate('the test has seen the action-plan follow-up');

  // Who was sent what: never Peter (not selected), nothing after John withdrew, Mary from her letter on.
  expect(reached('acceptance-letter')).toEqual([AMINA.email, AWA.email, JOHN.email, MARY.email].sort());
  expect(reached('joining-instructions')).toEqual([AMINA.email, AWA.email, MARY.email].sort());
  expect(reached('certificate')).toEqual([AMINA.email, AWA.email, MARY.email].sort());
  expect(reached('action-plan-request')).toEqual([AMINA.email, AWA.email, MARY.email].sort());
  expect(reached('action-plan-reminder')).toEqual([AWA.email]);
  expect(reached('action-plan-final-reminder')).toEqual([AWA.email]);
  expect(relay.to(PETER.email)).toEqual([]);

  // In their language: Awa's letter and certificate are French PDFs, Amina's English; the letter copies her government.
  const one = (document: string, email: string) => documentsOf(document).find((m) => m.envelopeTo.includes(email))!;
  const awaLetter = one('acceptance-letter', AWA.email);
  expect(awaLetter.parsed.headers.get('content-language')).toBe('fr');
  expect(awaLetter.envelopeTo.sort()).toEqual([AWA.email, address('SN'), jicaOffice('SN')].sort());
  expect(await pdfText(awaLetter.parsed.attachments[0]!.content)).toContain("Lettre d'admission");
  expect(await pdfText(one('certificate', AWA.email).parsed.attachments[0]!.content)).toContain(
    'Certificat de fin de formation',
  );
  expect(await pdfText(one('certificate', AMINA.email).parsed.attachments[0]!.content)).toContain(
    'Certificate of Completion',
  );
  expect(one('joining-instructions', AWA.email).parsed.text).toContain('Veuillez arriver au Japon');
  expect(one('action-plan-final-reminder', AWA.email).parsed.subject).toMatch(/^Dernier rappel : votre plan d'action/);

  // Every message once at the relay.
  const ids = relay.received.map((m) => m.parsed.messageId);
  expect(new Set(ids).size).toBe(ids.length);

  // kccp status: who was sent what and when, and whose plan came back.
  const rows = Object.fromEntries(final.cycles[0]!.participants!.map((p) => [p.name, p]));
  expect(Object.keys(rows[AWA.name]!.documents ?? {}).sort()).toEqual([
    'acceptance-letter',
    'action-plan-final-reminder',
    'action-plan-reminder',
    'action-plan-request',
    'certificate',
    'joining-instructions',
  ]);
  expect(Object.keys(rows[JOHN.name]!.documents ?? {})).toEqual(['acceptance-letter']);
  expect(rows[PETER.name]!.documents).toBeUndefined();
  expect(rows[MARY.name]!.actionPlan?.receivedAt).toMatch(/\+09:00$/);
  expect(rows[AWA.name]!.actionPlan).toEqual({ requestedAt: expect.stringMatching(/\+09:00$/) });
  // Nine windows of ten seconds and the mail of a whole cycle: more than the default two minutes on a loaded machine.
}, 240_000);
