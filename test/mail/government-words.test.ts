/**
 * What a government reads, over real SMTP on loopback, in each of its
 * languages: why a cycle is not held in plain words (never the code, nothing
 * of scrutiny or MOFA), the staff's own reason for a cancellation, no dates of
 * a cycle that will not be held, periods ending at midnight as their last day,
 * and the course's language of instruction.
 */
import ICAL from 'ical.js';
import { createCourseActivities, createSmtpTransport, type MailTransport } from '../../activities';
import type { NoticeContext } from '../../activities/contracts';
import { renderCountryNotice } from '../../activities/templates/render';
import { cycleCalendar } from '../../domain/calendar';
import { NOT_HELD_REASONS } from '../../domain/lifecycle/types';
import { NOTICE_LANGUAGES } from '../../domain/reference';
import { FROM, address, directoryOf, roster } from './support/fixtures';
import { pdfText } from './support/pdf';
import { startRelay, type LoopbackRelay } from './support/relay';

// One country per language: Kenya in English, Senegal in French, Peru in Spanish, Viet Nam's desk in Japanese.
const BY_LANGUAGE = { en: 'KE', fr: 'SN', es: 'PE', ja: 'VN' } as const;
const COUNTRIES = Object.values(BY_LANGUAGE);
const directory = directoryOf(COUNTRIES, { VN: { language: 'ja' } });

/** The standard calendar of JFY2028: nominations close 2028-04-01T00:00+09:00, the course in Japan on 2028-09-01. */
const windows = cycleCalendar(2028, 1).windows;
const base: NoticeContext = {
  course: {
    code: 'KCCP-2028-DRR-02',
    title: 'Community-Based Disaster Risk Reduction',
    subject: 'Disaster Risk Reduction',
    hostCentre: 'JICA Kansai',
    languages: ['en', 'fr'],
  },
  cycle: 1,
  fiscalYear: 2028,
  mode: 'in-person',
  windows,
};

let relay: LoopbackRelay;
let transport: MailTransport;
let activities: ReturnType<typeof createCourseActivities>;

beforeAll(async () => {
  relay = await startRelay();
  transport = createSmtpTransport(
    { host: '127.0.0.1', port: relay.port, secure: false },
    { concurrency: 4, timeoutMs: 5_000 },
  );
  activities = createCourseActivities({ transport, directory, roster, from: FROM });
});
afterAll(async () => {
  await transport.close();
  await relay.close();
});
beforeEach(() => relay.received.splice(0));

const mailOf = (country: string) => {
  const mails = relay.to(address(country));
  expect(mails).toHaveLength(1);
  return mails[0]!.parsed;
};
const textOf = (country: string) => mailOf(country).text ?? '';
/** The body without the addressee line, which names the fixture's authority ("Ministry of Foreign Affairs"). */
const bodyOf = (country: string) => textOf(country).split('\n').slice(1).join('\n');
const flat = (text: string) => text.replace(/\s+/g, ' ');

/** Every date of the cycle's nomination, selection and in-Japan windows, as each language writes them. */
const CYCLE_DATES: Record<keyof typeof BY_LANGUAGE, string[]> = {
  en: ['15 January 2028', '31 March 2028', '1 April 2028', '30 April 2028', '1 July 2028', '31 August 2028'],
  fr: ['15 janvier 2028', '31 mars 2028', '1 avril 2028', '30 avril 2028', '1 juillet 2028', '31 août 2028'],
  es: ['15 de enero de 2028', '31 de marzo de 2028', '1 de abril de 2028', '1 de julio de 2028', '31 de agosto'],
  ja: ['2028年1月15日', '2028年3月31日', '2028年4月1日', '2028年7月1日', '2028年8月31日'],
};
/** Words that would tell a government of internal bodies' results. */
const INTERNAL = /mofa|scrutin|foreign affairs|affaires étrangères|relaciones exteriores|外務省|審査/i;

describe('a cycle that will not be held', () => {
  test('reads as plain words in every language, names no internal body and lists no date of the cycle', async () => {
    const report = await activities.notifyCountries({
      context: base,
      kind: 'cycle-not-held',
      countries: COUNTRIES,
      facts: { reason: 'mofa-not-approved' },
    });
    expect(Object.keys(report.delivered).sort()).toEqual([...COUNTRIES].sort());

    const expected = {
      en: 'The course will not be offered this fiscal year.',
      fr: 'Le cours ne sera pas proposé au cours de cet exercice.',
      es: 'El curso no se ofrecerá en este año fiscal.',
      ja: '本年度は本研修を実施いたしません。',
    };
    for (const [language, country] of Object.entries(BY_LANGUAGE) as [keyof typeof BY_LANGUAGE, string][]) {
      const body = bodyOf(country);
      expect(body).toContain(expected[language]);
      expect(body).not.toContain('mofa-not-approved');
      expect(body).not.toMatch(INTERNAL);
      for (const date of CYCLE_DATES[language]) expect(body).not.toContain(date);
      expect(mailOf(country).html).not.toContain('mofa-not-approved');
    }
    // Neither the window headings nor the key-dates table are there.
    expect(textOf('KE')).not.toMatch(/Key dates|Nominations|Selection|Course in Japan/);
    expect(textOf('SN')).not.toMatch(/Dates clés|Candidatures|Cours au Japon/);
    expect(textOf('VN')).not.toMatch(/主要日程|応募受付|本邦研修/);
  });

  test('no reason code, including the coming no-plan, is ever printed, in any language', () => {
    const plainest = new Set<string>();
    for (const reason of [...NOT_HELD_REASONS, 'no-plan']) {
      for (const language of NOTICE_LANGUAGES) {
        const { text, html, subject } = renderCountryNotice({
          kind: 'cycle-not-held',
          context: base,
          country: 'KE',
          language,
          messageId: '<m@kccp.jica.example>',
          facts: { reason },
        });
        // "cancelled" is also an English word the sentence may use; as a code it would follow a label's colon.
        for (const part of [text, html, subject])
          if (reason === 'cancelled') expect(part).not.toMatch(/[:：]\s*cancelled/);
          else expect(part).not.toContain(reason);
        expect(text.split('\n').slice(1).join('\n')).not.toMatch(INTERNAL);
        if (language === 'en') plainest.add(text.split('\n\n')[3]!);
      }
    }
    // The wording differs where a government can act on it (requests, nominations, selection, cancellation).
    expect(plainest.size).toBeGreaterThanOrEqual(5);
  });

  test('too few requests says so, without the code', async () => {
    await activities.notifyCountries({
      context: base,
      kind: 'cycle-not-held',
      countries: ['KE', 'PE'],
      facts: { reason: 'too-few-requests' },
    });
    expect(bodyOf('KE')).toContain('Not enough countries requested to take part in the course this year.');
    expect(bodyOf('PE')).toContain('no hubo suficientes países que solicitaran participar');
    for (const c of ['KE', 'PE']) expect(textOf(c)).not.toContain('too-few-requests');
  });

  test("a cancellation carries the staff's own reason in every language", async () => {
    await activities.notifyCountries({
      context: base,
      kind: 'cycle-not-held',
      countries: COUNTRIES,
      facts: { reason: 'cancelled', staffReason: 'typhoon' },
    });
    expect(bodyOf('KE')).toContain('The course has been cancelled.\n\nReason for the cancellation: typhoon');
    expect(bodyOf('SN')).toContain('Motif de l’annulation : typhoon');
    expect(bodyOf('PE')).toContain('Motivo de la cancelación: typhoon');
    expect(bodyOf('VN')).toContain('中止の理由：typhoon');
    for (const country of COUNTRIES) {
      expect(mailOf(country).html).toContain('typhoon');
      expect(bodyOf(country)).not.toMatch(/Reason: cancelled|Motif : cancelled|Motivo: cancelled|理由：cancelled/);
    }
  });

  test('staff words given with an internal reason stay internal: only a cancellation quotes them', async () => {
    await activities.notifyCountries({
      context: base,
      kind: 'cycle-not-held',
      countries: ['KE'],
      facts: { reason: 'scrutiny-failed', staffReason: 'outside experts found no reason to hold it in Japan' },
    });
    expect(bodyOf('KE')).toContain('The course will not be offered this fiscal year.');
    expect(bodyOf('KE')).not.toContain('outside experts');
    expect(bodyOf('KE')).not.toContain('scrutiny-failed');
  });

  test('a reason code the templates do not know yet still reads as plain words, and a staff reason must be text', async () => {
    await activities.notifyCountries({
      context: base,
      kind: 'cycle-not-held',
      countries: ['SN'],
      facts: { reason: 'budget-frozen' },
    });
    expect(bodyOf('SN')).toContain('Le cours ne sera pas proposé au cours de cet exercice.');
    expect(bodyOf('SN')).not.toContain('budget-frozen');
    await expect(
      activities.notifyCountries({
        context: base,
        kind: 'cycle-not-held',
        countries: ['SN'],
        facts: { reason: 'cancelled', staffReason: 42 },
      }),
    ).rejects.toMatchObject({ type: 'InvalidNoticeData', message: expect.stringContaining('facts.staffReason') });
  });
});

describe('end-of-period dates', () => {
  test('a deadline at 00:00 on 1 April reads 31 March and a window closing on 1 September reads until 31 August', async () => {
    await activities.notifyCountries({ context: base, kind: 'course-notification', countries: COUNTRIES });
    expect(textOf('KE')).toContain('Nominations must reach JICA by 31 March 2028 (Japan time).');
    expect(textOf('KE')).toContain('Course in Japan: from 1 July 2028 to 31 August 2028');
    expect(textOf('KE')).toContain('Nominations: from 15 January 2028 to 31 March 2028');
    expect(textOf('SN')).toContain('au plus tard le 31 mars 2028 (heure du Japon)');
    expect(textOf('SN')).toContain('Cours au Japon: du 1 juillet 2028 au 31 août 2028');
    expect(textOf('PE')).toContain('a más tardar el 31 de marzo de 2028 (hora de Japón)');
    expect(textOf('PE')).toContain('del 1 de julio de 2028 al 31 de agosto de 2028');
    expect(textOf('VN')).toContain('応募は2028年3月31日 （日本時間）までに');
    expect(textOf('VN')).toContain('本邦研修: 2028年7月1日 ～ 2028年8月31日');
    for (const country of COUNTRIES) {
      // The exclusive ends themselves must not appear as the end of a period or a deadline.
      expect(textOf(country)).not.toMatch(
        /to 1 September|au 1 septembre|al 1 de septiembre|～ 2028年9月1日|by 1 April|le 1 avril 2028 \(|el 1 de abril de 2028 \(|2028年4月1日 （/,
      );
      expect(textOf(country)).not.toContain('00:00');
    }
  });

  test('the GI PDF and the .ics agree with the mail: whole days, the iCalendar end exclusive', async () => {
    await activities.sendGeneralInformation({ context: base, countries: ['KE', 'SN'] });
    const attachments = (c: string) => mailOf(c).attachments;
    const pdf = flat(await pdfText(attachments('KE').find((a) => a.contentType === 'application/pdf')!.content));
    expect(pdf).toContain('Course in Japan: from 1 July 2028 to 31 August 2028');
    expect(pdf).toContain('Deadline: 31 March 2028 (Japan time)');
    expect(pdf).not.toMatch(/to 1 September 2028|1 April 2028 \(/);
    const french = flat(await pdfText(attachments('SN').find((a) => a.contentType === 'application/pdf')!.content));
    expect(french).toContain('du 1 juillet 2028 au 31 août 2028');

    const ics = attachments('KE')
      .find((a) => a.contentType.startsWith('text/calendar'))!
      .content.toString('utf8');
    const events = new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const inJapan = events.find((e) => e.uid.includes('.injapan@'))!;
    expect(inJapan.startDate.isDate).toBe(true);
    expect(inJapan.startDate.toString()).toBe('2028-07-01');
    // DTEND of an all-day event is the first day after it: the course's last day is 31 August.
    expect(inJapan.endDate.toString()).toBe('2028-09-01');
    const deadline = events.find((e) => e.uid.includes('nomination-deadline'))!;
    expect(deadline.startDate.isDate).toBe(true);
    expect(deadline.startDate.toString()).toBe('2028-03-31');
    expect(deadline.endDate.toString()).toBe('2028-04-01');
  });
});

describe('the language of instruction', () => {
  test('the course notification names it in the reader’s language', async () => {
    await activities.notifyCountries({ context: base, kind: 'course-notification', countries: COUNTRIES });
    expect(textOf('KE')).toContain('The course is conducted in English and French.');
    expect(textOf('KE')).toContain('Language of instruction: English and French');
    expect(textOf('SN')).toContain('Le cours est dispensé en anglais et français.');
    expect(textOf('PE')).toContain('El curso se imparte en inglés y francés.');
    expect(textOf('VN')).toContain('本研修は英語、フランス語で実施します。');
    expect(textOf('VN')).toContain('研修言語: 英語、フランス語');
  });

  test('the GI PDF names it in the eligibility text, in the PDF’s language', async () => {
    await activities.sendGeneralInformation({
      context: { ...base, course: { ...base.course, languages: ['es'] } },
      countries: ['KE', 'SN', 'PE', 'VN'],
    });
    const pdfOf = async (c: string) =>
      flat(await pdfText(mailOf(c).attachments.find((a) => a.contentType === 'application/pdf')!.content));
    const english = await pdfOf('KE');
    expect(english).toContain('a good command of Spanish.');
    expect(english).toContain('Language of instruction: Spanish');
    expect(english).not.toContain('the course language');
    expect(await pdfOf('SN')).toContain('une bonne maîtrise de la langue du cours (espagnol)');
    expect(await pdfOf('PE')).toContain('buen dominio del idioma del curso (español)');
    // Viet Nam's desk reads Japanese: its PDF and its mail name the language in Japanese.
    expect(await pdfOf('VN')).toContain('研修分野の実務経験とスペイン語の十分な');
    expect(textOf('VN')).toContain('研修言語: スペイン語');
  });

  test('several languages read as alternatives for eligibility; a context without them falls back to "the course language"', async () => {
    await activities.sendGeneralInformation({ context: base, countries: ['KE'] });
    const pdf = async () =>
      flat(await pdfText(mailOf('KE').attachments.find((a) => a.contentType === 'application/pdf')!.content));
    expect(await pdf()).toContain('a good command of English or French.');

    relay.received.splice(0);
    const { languages: _omitted, ...withoutLanguages } = base.course;
    await activities.sendGeneralInformation({ context: { ...base, course: withoutLanguages }, countries: ['KE'] });
    const fallback = await pdf();
    expect(fallback).toContain('a good command of the course language.');
    expect(fallback).not.toContain('Language of instruction');
    expect(textOf('KE')).not.toContain('Language of instruction');
  });
});
