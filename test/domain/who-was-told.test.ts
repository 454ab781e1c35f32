/**
 * Who was told what and when (issue 16), as the status query answers it: each notice per recipient
 * with its Message-ID and the time the relay took it, and each participant list the host centre was
 * sent, numbered, with its time, rows, reason and Message-ID, marked while it has not arrived.
 */
import { noticeMessageId } from '../../activities/contracts';
import { courseStatus } from '../../domain/lifecycle';
import { recordDeliveries, recordDeliveryProblem, noticeContext } from '../../domain/lifecycle/delivery';
import { at, must } from '../fixtures/machine';
import { accept, selectedCourse, withdraw } from '../fixtures/participants';

test('each notice delivered shows its recipient, Message-ID and time; one sent before times were kept shows none', () => {
  let state = selectedCourse();
  const code = state.spec.code;
  const id = (c: string) => noticeMessageId(code, 1, 'selection-result', c);
  // An activity of today reports when the relay took each notice; one recorded before, only the Message-ID.
  state = recordDeliveries(state, 1, 'selection-result', {
    delivered: { SN: id('SN'), KE: id('KE') },
    deliveredAt: { KE: at(4) + 5000, SN: at(4) + 6000 },
    undeliverable: {},
  });
  state = recordDeliveries(state, 1, 'selection-result', { delivered: { PE: id('PE') }, undeliverable: {} });
  const cycle = courseStatus(state, at(4)).cycles[0]!;
  const rows = cycle.notices.filter((n) => n.kind === 'selection-result');
  expect(rows).toEqual([
    { kind: 'selection-result', recipient: 'KE', messageId: id('KE'), at: '2027-01-08T00:00:05.001+09:00' },
    { kind: 'selection-result', recipient: 'PE', messageId: id('PE') },
    { kind: 'selection-result', recipient: 'SN', messageId: id('SN'), at: '2027-01-08T00:00:06.001+09:00' },
  ]);
  expect(cycle.noticesSent['selection-result']).toBe(3);
});

test('the host centre lists: number, time, rows, reason and Message-ID; one whose delivery failed says so', () => {
  let state = must(selectedCourse(), accept('Amina Otieno'), at(4)).state;
  const withdrawal = must(state, withdraw('John Kamau'), at(4) + 60_000);
  state = withdrawal.state;
  const list2 = withdrawal.effects.find((e) => e.type === 'notifyHostCentre')!;
  state = recordDeliveryProblem(
    state,
    list2,
    noticeContext(state, state.cycles[0]!),
    { 'host-centre': 'host centre JICA Tsukuba: 550 mailbox unavailable' },
    at(4) + 61_000,
  ).state;
  const lists = courseStatus(state, at(4)).cycles[0]!.hostCentreLists;
  const mid = (n: number) => noticeMessageId(state.spec.code, 1, `host-centre-list-${n}`, 'host-centre');
  expect(lists).toEqual([
    { list: 1, at: '2027-01-08T00:00:00.001+09:00', rows: 3, reason: 'selection made', messageId: mid(1) },
    {
      list: 2,
      at: '2027-01-08T00:01:00.001+09:00',
      rows: 2,
      reason: 'John Kamau (KE) withdrew',
      messageId: mid(2),
      notDelivered: 'host centre JICA Tsukuba: 550 mailbox unavailable',
    },
  ]);
  // A list counted before the log was kept still shows its number and Message-ID, with no invented time.
  delete state.cycles[0]!.hostCentreListLog;
  expect(courseStatus(state, at(4)).cycles[0]!.hostCentreLists![0]).toEqual({ list: 1, messageId: mid(1) });
});
