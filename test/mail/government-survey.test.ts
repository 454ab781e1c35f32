/**
 * The request survey's invitation and the governments' reminders over real SMTP on loopback (issue
 * 16): the outline, the two questions, how and by when, in each language; copies to the Embassy of
 * Japan and the JICA office as the directory routes each notice kind, on one message per country.
 */
import { createCourseActivities, parseCountryDirectory } from '../../activities';
import type { NoticeContext } from '../../activities/contracts';
import { ContactFileError } from '../../activities/directory';
import { cycleCalendar } from '../../domain/calendar';
import { courseOutlineSchema } from '../../domain/course-outline';
import { demoDisasterRiskOutline } from '../../domain/demo-outline';
import { FROM, address, roster } from './support/fixtures';
import { useRelay } from './support/relay';

const BY_LANGUAGE = { en: 'KE', fr: 'SN', es: 'PE', ja: 'VN' } as const;
const COUNTRIES = Object.values(BY_LANGUAGE);
const embassy = (code: string) => `kccp@embassy-${code.toLowerCase()}.example`;
const jicaOffice = (code: string) => `kccp@jica-${code.toLowerCase()}.example`;

/** Rows with both offices, as the shipped directory has them; `copies` routes like the shipped file when absent. */
function directoryWith(copies?: object) {
  return parseCountryDirectory({
    ...(copies ? { copies } : {}),
    countries: COUNTRIES.map((code) => ({
      code,
      authority: 'ODA desk',
      addresses: [address(code)],
      ...(code === 'VN' ? { language: 'ja' } : {}),
      embassy: { name: `Embassy of Japan (${code})`, addresses: [embassy(code)], placeholder: true },
      jicaOffice: { name: `JICA office (${code})`, addresses: [jicaOffice(code)] },
    })),
  });
}

const outline = courseOutlineSchema.parse(demoDisasterRiskOutline());
/** JFY2028 cycle 1: the request survey runs 1 August to 31 October 2027 (it closes at 00:00 on 1 November). */
const context: NoticeContext = {
  course: {
    code: 'KCCP-2028-DRR-02',
    title: 'Community-Based Disaster Risk Reduction',
    subject: 'Disaster Risk Reduction',
    hostCentre: 'JICA Kansai',
    languages: ['en'],
    outline,
  },
  cycle: 1,
  fiscalYear: 2028,
  mode: 'in-person',
  windows: cycleCalendar(2028, 1).windows,
};

const rig = useRelay(4);

const activitiesWith = (directory = directoryWith()) =>
  createCourseActivities({ transport: rig.transport, directory, roster, from: FROM });
const flat = (text: string | undefined) => (text ?? '').replace(/\s+/g, ' ');

describe('the survey invitation', () => {
  test('reaches each government once in its language with the outline, the two questions, the channel and the close', async () => {
    const report = await activitiesWith().notifyCountries({ context, kind: 'survey-invitation', countries: COUNTRIES });
    expect(Object.keys(report.delivered).sort()).toEqual([...COUNTRIES].sort());
    expect(rig.relay.received).toHaveLength(COUNTRIES.length);
    const expected = {
      en: [
        /Embassy of Japan or the JICA office/,
        /by 31 October 2027 \(Japan time\)/,
        /yes or no/,
        /To strengthen disaster risk reduction/,
      ],
      fr: [/ambassade du Japon ou du bureau de la JICA/, /31 octobre 2027/, /oui ou non/],
      es: [/Embajada del Japón o de la oficina de JICA/, /31 de octubre de 2027/, /sí o no/, /Fortalecer la reducción/],
      ja: [/在外日本国大使館またはJICA在外事務所/, /2027年10月31日/, /はい・いいえ/, /防災と災害からの強靭な復興/],
    };
    for (const [language, code] of Object.entries(BY_LANGUAGE)) {
      const [mail] = rig.relay.to(address(code));
      expect(mail.parsed.headers.get('content-language')).toBe(language);
      const text = flat(mail.parsed.text);
      for (const pattern of expected[language as keyof typeof expected]) expect(text).toMatch(pattern);
      // The course outline: its days and participants per country are in every language.
      expect(text).toContain(String(outline.totalDays));
      // The close is written as its last day, never as 1 November.
      expect(text).not.toMatch(/1 November|1er novembre|1 de noviembre|11月1日/);
    }
  });

  test('is copied to the Embassy of Japan and the JICA office on the same message: each recipient once', async () => {
    await activitiesWith().notifyCountries({ context, kind: 'survey-invitation', countries: ['KE', 'SN'] });
    expect(rig.relay.received).toHaveLength(2);
    const [mail] = rig.relay.to(address('KE'));
    expect(mail.envelopeTo.sort()).toEqual([address('KE'), embassy('KE'), jicaOffice('KE')].sort());
    expect(mail.parsed.cc).toBeDefined();
    const ids = rig.relay.received.map((m) => m.parsed.messageId);
    expect(new Set(ids).size).toBe(2);
    for (const who of [address('SN'), embassy('SN'), jicaOffice('SN')]) expect(rig.relay.to(who)).toHaveLength(1);
  });

  test('a survey notice without the survey window is refused before any mail leaves', async () => {
    const { requestSurvey: _dropped, ...windows } = context.windows;
    await expect(
      activitiesWith().notifyCountries({
        context: { ...context, windows },
        kind: 'survey-reminder',
        countries: ['KE'],
      }),
    ).rejects.toThrow(/context\.windows\.requestSurvey: a survey-reminder notice needs the requestSurvey window/);
    expect(rig.relay.received).toHaveLength(0);
  });
});

describe('routing copies per notice kind', () => {
  test('the shipped routing copies nomination reminders to the JICA office only', async () => {
    await activitiesWith().notifyCountries({ context, kind: 'nomination-reminder', countries: ['PE'] });
    expect(rig.relay.received.map((m) => m.envelopeTo.sort())).toEqual([[address('PE'), jicaOffice('PE')].sort()]);
    expect(flat(rig.relay.received[0].parsed.text)).toMatch(/a más tardar el 31 de marzo de 2028/);
  });

  test('a directory routing of its own replaces the defaults: a kind it does not name goes to the government alone', async () => {
    const directory = directoryWith({ 'survey-reminder': ['embassy'] });
    const activities = activitiesWith(directory);
    await activities.notifyCountries({ context, kind: 'survey-reminder', countries: ['KE'] });
    await activities.notifyCountries({ context, kind: 'survey-invitation', countries: ['KE'] });
    const byKind = Object.fromEntries(
      rig.relay.received.map((m) => [m.parsed.headers.get('x-kccp-notice'), m.envelopeTo.sort()]),
    );
    expect(byKind).toEqual({
      'survey-reminder': [address('KE'), embassy('KE')].sort(),
      'survey-invitation': [address('KE')],
    });
  });

  test('a refused government address is undeliverable even when its copies were accepted', async () => {
    rig.relay.behaviour = {
      onRecipient: (rcpt) => (rcpt === address('SN') ? { code: 550, message: '5.1.1 no such mailbox' } : undefined),
    };
    const report = await activitiesWith().notifyCountries({ context, kind: 'survey-invitation', countries: ['SN'] });
    expect(report.delivered).toEqual({});
    expect(report.undeliverable.SN).toMatch(/relay accepted no recipient|refused/);
  });

  test('a routing that names an unknown office or notice kind stops the worker naming the field', () => {
    expect(() => directoryWith({ 'survey-invitation': ['consulate'] })).toThrow(ContactFileError);
    expect(() => directoryWith({ 'survey-invitation': ['consulate'] })).toThrow(/field copies\.survey-invitation\.0/);
    expect(() => directoryWith({ 'survey-invite': ['embassy'] })).toThrow(/copies/);
  });

  test('the shipped directory marks its invented contacts as placeholders until staff confirm them', () => {
    const shipped = jest.requireActual<typeof import('../../activities/directory')>('../../activities/directory');
    const directory = shipped.loadCountryDirectory();
    expect(directory.copies('survey-invitation', 'KE').map((o) => o.name)).toEqual([
      'Embassy of Japan in Kenya (placeholder)',
      'JICA Kenya Office (placeholder)',
    ]);
    expect(directory.placeholders()).toEqual(expect.arrayContaining(['KE government', 'KE embassy', 'KE jicaOffice']));
    expect(directoryWith().placeholders()).toEqual(COUNTRIES.map((c) => `${c} embassy`));
  });
});
