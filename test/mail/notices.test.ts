/**
 * One cycle's notices over real SMTP on loopback: every country receives its
 * notice once, in its language, with HTML and text parts; the GI package
 * carries a readable PDF and a parseable calendar.
 */
import ICAL from 'ical.js';
import { createCourseActivities } from '../../activities';
import { noticeMessageId } from '../../activities/contracts';
import { FROM, address, context, directoryOf, roster } from './support/fixtures';
import { pdfText } from './support/pdf';
import { useRelay } from './support/relay';

const COUNTRIES = ['KE', 'SN', 'PE', 'VN', 'MA', 'BO'];
// Viet Nam's desk asks for Japanese in this fixture, to exercise the ja path and its Japanese PDF.
const directory = directoryOf([...COUNTRIES, 'TH'], {
  VN: { language: 'ja' },
  TH: { addresses: [] },
});

const rig = useRelay(4);

test('a course notification reaches every country once, in its language, with text and HTML parts', async () => {
  const activities = createCourseActivities({
    transport: rig.transport,
    directory,
    roster,
    from: FROM,
  });
  const report = await activities.notifyCountries({
    context,
    kind: 'course-notification',
    countries: [...COUNTRIES, 'TH'],
  });

  expect(Object.keys(report.delivered).sort()).toEqual([...COUNTRIES].sort());
  expect(report.undeliverable).toEqual({ TH: 'no contact address' });
  expect(rig.relay.received).toHaveLength(COUNTRIES.length);
  for (const country of COUNTRIES) {
    const mails = rig.relay.to(address(country));
    expect(mails).toHaveLength(1);
    const id = noticeMessageId(context.course.code, 1, 'course-notification', country);
    expect(mails[0].parsed.messageId).toBe(id);
    expect(report.delivered[country]).toBe(id);
    expect(mails[0].parsed.text).toContain(context.course.title);
    expect(mails[0].parsed.html).toContain('<html');
  }
  const text = (c: string) => rig.relay.to(address(c))[0].parsed.text ?? '';
  const subject = (c: string) => rig.relay.to(address(c))[0].parsed.subject ?? '';
  expect(subject('SN')).toContain('Cours proposé');
  expect(text('SN')).toContain('Nous avons le plaisir de vous informer');
  expect(text('SN')).toContain('26 février 2027 à 17:00 (heure du Japon)');
  expect(text('PE')).toContain('Nos complace informarles');
  expect(text('KE')).toContain('We are pleased to inform you');
  expect(text('KE')).toContain('26 February 2027 at 17:00 (Japan time)');
  expect(text('VN')).toContain('貴国を対象国とすることをお知らせいたします');
  expect(subject('VN')).toContain('研修実施のご案内');
  expect(rig.relay.to(address('MA'))[0].parsed.headers.get('content-language')).toBe('fr');
});

test('the GI package carries a PDF naming the course and the nomination deadline, and a calendar of the key dates', async () => {
  const activities = createCourseActivities({
    transport: rig.transport,
    directory,
    roster,
    from: FROM,
  });
  const report = await activities.sendGeneralInformation({
    context,
    countries: ['KE', 'SN', 'VN'],
  });
  expect(Object.keys(report.delivered).sort()).toEqual(['KE', 'SN', 'VN']);

  const attachmentsOf = (c: string) => rig.relay.to(address(c))[0].parsed.attachments;
  const pdfOf = (c: string) => attachmentsOf(c).find((a) => a.contentType === 'application/pdf')!;
  const icsOf = (c: string) => attachmentsOf(c).find((a) => a.contentType.startsWith('text/calendar'))!;

  const english = await pdfText(pdfOf('KE').content);
  expect(english).toContain(context.course.title);
  expect(english).toContain('26 February 2027 at 17:00');
  const french = await pdfText(pdfOf('SN').content);
  expect(french).toContain(context.course.title);
  expect(french).toContain('26 février 2027 à 17:00');

  // The ja country gets its PDF in Japanese (an embedded Noto Sans JP subset), so its mail says nothing of English.
  expect(pdfOf('VN').filename).toMatch(/-ja\.pdf$/);
  expect(await pdfText(pdfOf('VN').content)).toContain('2027年2月26日 17:00');
  expect(rig.relay.to(address('VN'))[0].parsed.text).not.toContain('添付のGI（PDF）は英語版です');

  const calendar = new ICAL.Component(ICAL.parse(icsOf('SN').content.toString('utf8')));
  const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
  expect(events.map((e) => e.summary)).toEqual(
    expect.arrayContaining([expect.stringContaining('Date limite des candidatures')]),
  );
  const deadline = events.find((e) => e.uid.includes('nomination-deadline'))!;
  expect(deadline.endDate.toJSDate().toISOString()).toBe(new Date('2027-02-26T08:00:00Z').toISOString());
  const nominations = events.find((e) => e.uid.includes('.nominations@'))!;
  expect(nominations.startDate.toJSDate().toISOString()).toBe('2027-01-10T15:00:00.000Z');
});

test('a selection result without the list of selected participants is refused before any mail leaves', async () => {
  const activities = createCourseActivities({
    transport: rig.transport,
    directory,
    roster,
    from: FROM,
  });
  await expect(
    activities.notifyCountries({
      context,
      kind: 'selection-result',
      countries: ['KE'],
    }),
  ).rejects.toMatchObject({
    type: 'InvalidNoticeData',
    nonRetryable: true,
  });
  expect(rig.relay.received).toHaveLength(0);
});
