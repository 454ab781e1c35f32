/**
 * The parts of `kccp status` that say who was told what and when (issue 16): the host centre's
 * participant lists, and with --notices every notice delivered, per recipient, with its Message-ID.
 */
import type { CourseStatus } from '../../domain/lifecycle';
import { print, table, tokyo } from '../output';

export function printHostCentreLists(status: CourseStatus): void {
  const rows = status.cycles.flatMap((c) =>
    (c.hostCentreLists ?? []).map((l) => [
      c.cycle,
      l.list === 1 ? '1 (selection)' : `${l.list} (update ${l.list - 1})`,
      tokyo(l.at),
      l.rows ?? '—',
      l.reason ?? '—',
      l.messageId,
      l.notDelivered ? `NOT DELIVERED: ${l.notDelivered}` : 'sent',
    ]),
  );
  if (rows.length === 0) return;
  print('Participant lists sent to the host centre');
  print(table(['cycle', 'list', 'at', 'participants', 'reason', 'Message-ID', 'delivery'], rows));
}

export function printNotices(status: CourseStatus, all: boolean): void {
  const rows = status.cycles.flatMap((c) =>
    c.notices.map((n) => [c.cycle, n.kind, n.recipient, n.at ? tokyo(n.at) : 'not recorded', n.messageId]),
  );
  if (!all) {
    if (rows.length)
      print(
        `${rows.length} notices delivered; each recipient, time and Message-ID: kccp status ${status.code} --notices`,
      );
    return;
  }
  print('Notices delivered (who was told what and when)');
  print(rows.length ? table(['cycle', 'notice', 'recipient', 'at', 'Message-ID'], rows) : 'none yet');
}
