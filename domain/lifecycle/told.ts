/**
 * Who was told what and when (issue 16), for `kccp status`: every notice a running cycle delivered,
 * per recipient, and every participant list sent to the host centre. Times are Asia/Tokyo; a notice
 * delivered before its time was kept shows none rather than a guess.
 */
import { toTokyoIso } from '../calendar';
import { NOTICE_KINDS, noticeMessageId, type NoticeKind } from '../notices';
import { deliveryProblemId } from './delivery';
import type { CourseState, CycleState } from './types';

export interface NoticeRow {
  kind: NoticeKind;
  /** The country whose government was told. */
  recipient: string;
  messageId: string;
  /** When the relay accepted it; absent for notices delivered before the time was kept. */
  at?: string;
}

export interface HostCentreListRow {
  /** 1 for the list at selection, then one more per change. */
  list: number;
  /** When the change was made; the list goes out with it. Absent for lists sent before the log was kept. */
  at?: string;
  /** Participants on the list. */
  rows?: number;
  reason?: string;
  messageId: string;
  /** Why it has not arrived, while a delivery problem for it is open (`kccp resend`). */
  notDelivered?: string;
}

/** Kinds in the lifecycle's order, recipients by country code. */
export function noticeRows(cycle: CycleState): NoticeRow[] {
  const rows: NoticeRow[] = [];
  for (const kind of NOTICE_KINDS) {
    const byCountry = cycle.notices[kind] ?? {};
    for (const recipient of Object.keys(byCountry).sort()) {
      const at = cycle.noticeTimes?.[kind]?.[recipient];
      rows.push({ kind, recipient, messageId: byCountry[recipient]!, ...(at ? { at: toTokyoIso(at) } : {}) });
    }
  }
  return rows;
}

export function hostCentreListRows(state: CourseState, cycle: CycleState): HostCentreListRow[] {
  const log = new Map((cycle.hostCentreListLog ?? []).map((l) => [l.change, l]));
  const rows: HostCentreListRow[] = [];
  for (let list = 1; list <= (cycle.hostCentreLists ?? 0); list += 1) {
    const entry = log.get(list);
    const problemId = deliveryProblemId({
      type: 'notifyHostCentre',
      cycle: cycle.cycle,
      change: list,
      reason: '',
      participants: [],
    });
    const problem = state.deliveryProblems?.find((p) => p.id === problemId && Object.keys(p.failed).length > 0);
    rows.push({
      list,
      ...(entry ? { at: toTokyoIso(entry.at), rows: entry.rows, reason: entry.reason } : {}),
      messageId: noticeMessageId(state.spec.code, cycle.cycle, `host-centre-list-${list}`, 'host-centre'),
      ...(problem ? { notDelivered: Object.values(problem.failed).join('; ') } : {}),
    });
  }
  return rows;
}
