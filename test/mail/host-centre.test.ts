/**
 * The host centre's participant list over real SMTP on loopback (issue 16): the shipped host centre
 * file names every centre, in Japanese unless a centre asks for English; the list arrives once per
 * change under its own Message-ID, in the centre's language; and a centre with no address fails for
 * good with its name, not silently.
 */
import { createCourseActivities } from '../../activities';
import { noticeMessageId, type HostCentreRequest } from '../../activities/contracts';
import { loadHostCentres, parseHostCentres } from '../../activities/host-centres';
import { FROM, context, directoryOf, roster } from './support/fixtures';
import { useRelay } from './support/relay';

const rig = useRelay(2);

const centre = 'centre@tsukuba.example';
const hostCentres = parseHostCentres({
  hostCentres: [{ name: context.course.hostCentre, addresses: [centre], language: 'en' }],
});
const list = (change: number, reason: string, names: string[]): HostCentreRequest => ({
  context,
  change,
  reason,
  participants: names.map((name) => ({ country: 'KE', name, organization: 'MoA', status: 'selected' })),
});

test('the list at selection and the update after a withdrawal arrive once each, whatever the retries', async () => {
  const activities = createCourseActivities({
    transport: rig.transport,
    directory: directoryOf(['KE']),
    roster,
    from: FROM,
    hostCentres,
  });
  const first = await activities.notifyHostCentre(list(1, 'selection made', ['Amina Otieno', 'John Kamau']));
  // A retried activity sends the same message again: the relay sees the same Message-ID, counted once below.
  await activities.notifyHostCentre(list(1, 'selection made', ['Amina Otieno', 'John Kamau']));
  const second = await activities.notifyHostCentre(list(2, 'John Kamau (KE) withdrew', ['Amina Otieno']));
  expect(first).toBe(noticeMessageId(context.course.code, context.cycle, 'host-centre-list-1', 'host-centre'));
  expect(second).not.toBe(first);
  const mails = rig.relay.to(centre);
  expect(new Set(mails.map((m) => m.parsed.messageId))).toEqual(new Set([first, second]));
  const update = mails.find((m) => m.parsed.messageId === second)!;
  expect(update.parsed.subject).toContain('(update 1)');
  expect(update.parsed.text).toContain('Reason: John Kamau (KE) withdrew.');
  expect(update.parsed.text).toContain('1. Amina Otieno (KE), MoA: selected');
  expect(update.parsed.text).not.toContain('John Kamau (KE), MoA');
  expect(update.parsed.headers.get('content-language')).toBe('en');
});

test('a centre in Japanese (the default) reads the list and each change in Japanese, once per Message-ID', async () => {
  const japanese = 'kenshu@tsukuba.example';
  const activities = createCourseActivities({
    transport: rig.transport,
    directory: directoryOf(['KE']),
    roster,
    from: FROM,
    // No language given: a JICA domestic office works in Japanese.
    hostCentres: parseHostCentres({ hostCentres: [{ name: context.course.hostCentre, addresses: [japanese] }] }),
  });
  const first = await activities.notifyHostCentre(list(1, 'selection made', ['Amina Otieno', 'John Kamau']));
  await activities.notifyHostCentre(list(1, 'selection made', ['Amina Otieno', 'John Kamau']));
  const second = await activities.notifyHostCentre(list(2, 'John Kamau (KE) withdrew', ['Amina Otieno']));
  const mails = rig.relay.to(japanese);
  expect(new Set(mails.map((m) => m.parsed.messageId))).toEqual(new Set([first, second]));
  const selection = mails.find((m) => m.parsed.messageId === first)!;
  expect(selection.parsed.subject).toBe(
    '[KCCP] 研修員名簿: KCCP-2027-AGR-01 Irrigated Rice Cultivation for Smallholders（2027年度 第1回）',
  );
  expect(selection.parsed.headers.get('content-language')).toBe('ja');
  expect(selection.parsed.text).toContain('JICA Tsukuba 御中');
  expect(selection.parsed.text).toContain('理由: 選考結果の決定');
  expect(selection.parsed.text).toContain('来日予定の研修員（2名）:');
  expect(selection.parsed.text).toContain('1. Amina Otieno（ケニア）MoA: 選考済み（参加回答待ち）');
  const update = mails.find((m) => m.parsed.messageId === second)!;
  expect(update.parsed.subject).toContain('研修員名簿（第1回更新）');
  expect(update.parsed.text).toContain('理由: John Kamau（ケニア）の参加取りやめ');
  expect(update.parsed.text).not.toContain('John Kamau（ケニア）MoA');
  expect(update.parsed.text).not.toMatch(/Participants expected|Reason:/);
});

test('a centre missing from the file fails for good naming it; the shipped file is placeholders for every centre', async () => {
  const activities = createCourseActivities({
    transport: rig.transport,
    directory: directoryOf(['KE']),
    roster,
    from: FROM,
    hostCentres: parseHostCentres({ hostCentres: [] }),
  });
  await expect(activities.notifyHostCentre(list(1, 'selection made', ['Amina Otieno']))).rejects.toThrow(
    `host centre ${context.course.hostCentre}: no address in the host centre file`,
  );
  const shipped = loadHostCentres();
  expect(shipped.get('JICA Tsukuba')).toMatchObject({ placeholder: true, language: 'ja' });
  for (const c of shipped.values()) expect(c.language).toBe('ja');
  expect(() =>
    parseHostCentres({ hostCentres: [{ name: 'JICA X', addresses: ['a@b.example'], language: 'fr' }] }),
  ).toThrow(/hostCentres\.0\.language/);
  for (const c of shipped.values()) expect(c.addresses.every((a) => a.endsWith('.example'))).toBe(true);
  expect(() => parseHostCentres({ hostCentres: [{ name: 'JICA X', addresses: ['not-an-address'] }] })).toThrow(
    /addresses\.0/,
  );
});
