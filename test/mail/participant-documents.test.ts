/**
 * Documents to participants over real SMTP on loopback (issue 16, participant-documents-v1): the
 * acceptance letter and the certificate arrive as PDFs in the participant's language, the letter with
 * the government desk and the JICA office in copy; joining instructions and the action-plan request
 * are mail in that language; each participant has each document under one Message-ID, whatever the retries.
 */
import { createCourseActivities } from '../../activities';
import type { ParticipantDocumentRequest } from '../../activities/contracts';
import { participantMessageId } from '../../activities/participant-documents';
import { parseCountryDirectory } from '../../activities/directory';
import type { DocumentRecipient } from '../../domain/lifecycle';
import { FROM, address, context, roster } from './support/fixtures';
import { pdfText } from './support/pdf';
import { useRelay } from './support/relay';

const rig = useRelay(2);

const jicaOffice = (code: string) => `kccp@jica-${code.toLowerCase()}.example`;
const directory = parseCountryDirectory({
  countries: [
    ['KE', 'en'],
    ['SN', 'fr'],
    ['PE', 'es'],
    ['VN', 'ja'],
  ].map(([code, language]) => ({
    code,
    authority: 'Ministry of Foreign Affairs',
    addresses: [address(code!)],
    language,
    jicaOffice: { name: `JICA office (${code})`, addresses: [jicaOffice(code!)] },
  })),
});

const person = (country: string, name: string): DocumentRecipient => ({
  key: `${country}:${name}`,
  country,
  name,
  email: `${name.split(' ')[0]!.toLowerCase()}@people-${country.toLowerCase()}.example`,
  organization: 'Ministry of Agriculture',
  position: 'Engineer',
});
const amina = person('KE', 'Amina Otieno');
const awa = person('SN', 'Awa Diop');
const rosa = person('PE', 'Rosa Quispe');
const lan = person('VN', 'Nguyen Thi Lan');

const activities = () => createCourseActivities({ transport: rig.transport, directory, roster, from: FROM });
const request = (
  document: ParticipantDocumentRequest['document'],
  participants: DocumentRecipient[],
  facts?: Record<string, string>,
) => ({
  context,
  document,
  participants,
  ...(facts ? { facts } : {}),
});

/** Words only the language's own letter or certificate prints. */
const LETTER_WORDS = {
  en: 'Letter of Acceptance',
  fr: "Lettre d'admission",
  es: 'Carta de aceptación',
  ja: '受入通知書',
};
const CERTIFICATE_WORDS = {
  en: 'Certificate of Completion',
  fr: 'Certificat de fin de formation',
  es: 'Certificado de finalización',
  ja: '修了証書',
};

test('acceptance letters: a PDF in each participant’s language, the government desk and JICA office in copy, once each', async () => {
  const send = activities().sendParticipantDocuments;
  const everyone = [amina, awa, rosa, lan];
  const report = await send(request('acceptance-letter', everyone));
  // A retried activity hands the relay the same messages again: one Message-ID per participant all the same.
  await send(request('acceptance-letter', everyone));
  expect(Object.keys(report.delivered).sort()).toEqual(everyone.map((p) => p.key).sort());
  for (const [p, language] of [
    [amina, 'en'],
    [awa, 'fr'],
    [rosa, 'es'],
    [lan, 'ja'],
  ] as const) {
    const id = participantMessageId(context.course.code, context.cycle, 'acceptance-letter', p.key);
    expect(report.delivered[p.key]).toBe(id);
    const mails = rig.relay.to(p.email);
    expect(new Set(mails.map((m) => m.parsed.messageId))).toEqual(new Set([id]));
    const mail = mails[0]!;
    expect(mail.envelopeTo.sort()).toEqual([p.email, address(p.country), jicaOffice(p.country)].sort());
    expect(mail.parsed.headers.get('content-language')).toBe(language);
    const pdf = mail.parsed.attachments.find((a) => a.contentType === 'application/pdf')!;
    expect(pdf.filename).toBe(`${context.course.code}-JFY2027-c1-acceptance-letter-${language}.pdf`);
    const text = await pdfText(pdf.content);
    expect(text).toContain(LETTER_WORDS[language]);
    expect(text).toContain(context.course.title);
    expect(text.replace(/\s+/g, ' ')).toContain(p.name);
  }
  // The Message-ID names no one in clear: a name in any script gives a stable digest.
  expect(report.delivered[lan.key]).toMatch(/^<kccp-2027-agr-01\.c1\.acceptance-letter\.vn-[0-9a-f]{12}@/);
});

test('certificates: a PDF in the participant’s language to the participant alone', async () => {
  const report = await activities().sendParticipantDocuments(request('certificate', [awa, lan]));
  expect(Object.keys(report.delivered).sort()).toEqual([awa.key, lan.key].sort());
  for (const [p, language] of [
    [awa, 'fr'],
    [lan, 'ja'],
  ] as const) {
    const [mail] = rig.relay.to(p.email);
    expect(mail!.envelopeTo).toEqual([p.email]);
    const pdf = mail!.parsed.attachments[0]!;
    const text = await pdfText(pdf.content);
    expect(text).toContain(CERTIFICATE_WORDS[language]);
    expect(text.replace(/\s+/g, ' ')).toContain(p.name);
  }
  expect(rig.relay.to(address('SN'))).toEqual([]);
});

test('joining instructions and the action-plan request: mail in the participant’s language with dates and the host centre', async () => {
  const send = activities().sendParticipantDocuments;
  await send(request('joining-instructions', [amina, awa]));
  const [en] = rig.relay.to(amina.email);
  expect(en!.parsed.subject).toBe(`Joining instructions: ${context.course.title} (${context.course.code})`);
  expect(en!.parsed.text).toContain('Please arrive in Japan on 7 June 2027');
  expect(en!.parsed.text).toContain('JICA Tsukuba');
  expect(en!.parsed.text).toContain('- your passport');
  expect(en!.parsed.attachments).toEqual([]);
  const [fr] = rig.relay.to(awa.email);
  expect(fr!.parsed.text).toContain('Veuillez arriver au Japon le 7 juin 2027');

  await send(request('action-plan-request', [rosa], { due: '2027-12-01T00:00:00+09:00' }));
  const [es] = rig.relay.to(rosa.email);
  expect(es!.parsed.subject).toBe(`Su plan de acción: ${context.course.title} (${context.course.code})`);
  expect(es!.parsed.text).toContain('a más tardar el 30 de noviembre de 2027');
  await send(request('action-plan-final-reminder', [rosa], { due: '2027-12-01T00:00:00+09:00' }));
  expect(rig.relay.to(rosa.email).map((m) => m.parsed.subject)).toEqual([
    `Su plan de acción: ${context.course.title} (${context.course.code})`,
    `Último recordatorio: su plan de acción para ${context.course.title} (${context.course.code})`,
  ]);
});

test('the form’s document language wins over the country’s', async () => {
  const kenyanInSpanish = { ...person('KE', 'Lucia Wambui'), language: 'es' as const };
  await activities().sendParticipantDocuments(request('certificate', [kenyanInSpanish]));
  const [mail] = rig.relay.to(kenyanInSpanish.email);
  expect(mail!.parsed.headers.get('content-language')).toBe('es');
  expect(await pdfText(mail!.parsed.attachments[0]!.content)).toContain('Certificado de finalización');
});

test('a participant the relay refuses is reported undeliverable; the others still have theirs', async () => {
  rig.relay.behaviour = {
    onRecipient: (to) => (to === amina.email ? { code: 550, message: '5.1.1 mailbox unavailable' } : undefined),
  };
  const report = await activities().sendParticipantDocuments(request('joining-instructions', [amina, awa]));
  expect(Object.keys(report.delivered)).toEqual([awa.key]);
  expect(report.undeliverable[amina.key]).toMatch(/relay refused/);
});
