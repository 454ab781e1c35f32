/**
 * The host centre's participant list over real SMTP on loopback (issue 16): the shipped host centre
 * file names every centre, the list arrives once per change under its own Message-ID, and a centre
 * with no address fails for good with its name, not silently.
 */
import { createCourseActivities } from '../../activities';
import { noticeMessageId, type HostCentreRequest } from '../../activities/contracts';
import { loadHostCentres, parseHostCentres } from '../../activities/host-centres';
import { FROM, context, directoryOf, roster } from './support/fixtures';
import { useRelay } from './support/relay';

const rig = useRelay(2);

const centre = 'centre@tsukuba.example';
const hostCentres = parseHostCentres({ hostCentres: [{ name: context.course.hostCentre, addresses: [centre] }] });
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
  expect(shipped.get('JICA Tsukuba')).toMatchObject({ placeholder: true });
  for (const c of shipped.values()) expect(c.addresses.every((a) => a.endsWith('.example'))).toBe(true);
  expect(() => parseHostCentres({ hostCentres: [{ name: 'JICA X', addresses: ['not-an-address'] }] })).toThrow(
    /addresses\.0/,
  );
});
