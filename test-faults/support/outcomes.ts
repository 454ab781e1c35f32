/**
 * What a fault run left behind, read after the faults: each course's end state and recorded notices,
 * the notices and reminders the mail sink received (by Message-ID), and any failed run or task.
 */
import type { Client } from '@temporalio/client';
import type { CourseStatus } from '../../domain/lifecycle';
import { courseWorkflowId } from '../../domain/reference';
import { statusQuery } from '../../workflows/messages';
import type { MailSink } from './mail-sink';
import { expectedNotices } from './scenario';

export async function courseStatus(client: Client, code: string): Promise<CourseStatus> {
  return client.workflow.getHandle(courseWorkflowId(code)).query(statusQuery);
}

/**
 * Cycle 1's outcome with the course's own name taken out, to compare courses with each other. Without
 * its notice count: survey reminders (issue 16) go to whoever has not answered when they fall due, so
 * courses differ there by timing; `noticesRecorded` checks that count against the mail instead.
 */
export function endState(status: CourseStatus): unknown {
  const outcome = status.outcomes.find((o) => o.cycle === 1);
  const { noticesSent: _count, ...compared } = outcome ?? { cycle: 1, phase: 'unfinished', noticesSent: 0 };
  return JSON.parse(JSON.stringify(compared).split(status.code).join('<code>'));
}

/** Cycle 1's recorded notice count beside the distinct cycle-1 government notices the sink received. */
export function noticesRecorded(status: CourseStatus, sink: MailSink): { recorded: number; received: number } {
  const recorded = status.outcomes.find((o) => o.cycle === 1)?.noticesSent ?? 0;
  const ids = sink.received
    .filter((m) => m.notice && m.course === status.code && m.messageId.includes('.c1.'))
    .map((m) => m.messageId);
  return { recorded, received: new Set(ids).size };
}

/** Polls every course until cycle 1 has an outcome; returns the statuses. */
export async function waitForCycleEnd(
  client: Client,
  codes: string[],
  deadline: number,
): Promise<Map<string, CourseStatus>> {
  const done = new Map<string, CourseStatus>();
  while (done.size < codes.length) {
    for (const code of codes.filter((c) => !done.has(c))) {
      try {
        const s = await courseStatus(client, code);
        if (s.outcomes.some((o) => o.cycle === 1)) done.set(code, s);
      } catch {
        // Worker or server down right now: ask again.
      }
    }
    if (done.size === codes.length) break;
    if (Date.now() > deadline) {
      throw new Error(`cycle 1 did not end for ${codes.filter((c) => !done.has(c)).join(', ')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  return done;
}

export interface NoticeTally {
  expected: number;
  /** Distinct expected Message-IDs that arrived. */
  delivered: number;
  /** Expected notices that never arrived. */
  lost: string[];
  /** Government notices that arrived with an unexpected Message-ID (a second notice for the same event). */
  unexpected: string[];
  /** Extra copies of a Message-ID that had already arrived. */
  copies: number;
}

/**
 * The notice kinds the scenario predicts. The survey's invitation and the governments' reminders
 * (issue 16) depend on when each answer lands, so they are not predicted; they still count in `copies`.
 */
const PREDICTED_KINDS = new Set([
  'course-notification',
  'general-information',
  'nomination-acknowledgement',
  'selection-result',
]);

export function tallyNotices(sink: MailSink, codes: string[]): NoticeTally {
  const expected = new Set(codes.flatMap(expectedNotices));
  const courses = new Set(codes);
  const government = sink.received.filter((m) => m.notice && m.course && courses.has(m.course));
  const seen = new Set(government.map((m) => m.messageId));
  const predicted = new Set(government.filter((m) => PREDICTED_KINDS.has(m.notice!)).map((m) => m.messageId));
  return {
    expected: expected.size,
    delivered: [...expected].filter((id) => seen.has(id)).length,
    lost: [...expected].filter((id) => !seen.has(id)),
    unexpected: [...predicted].filter((id) => !expected.has(id)),
    copies: government.length - seen.size,
  };
}

export async function waitForNotices(sink: MailSink, codes: string[], deadline: number): Promise<NoticeTally> {
  for (;;) {
    const tally = tallyNotices(sink, codes);
    if (tally.lost.length === 0 || Date.now() > deadline) return tally;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Reminders to staff, per Message-ID: each must arrive once. */
export function staffReminders(sink: MailSink, codes: string[]) {
  const courses = new Set(codes);
  return sink.received.filter((m) => m.reminder && m.course && courses.has(m.course));
}

/** Runs of the courses that failed, were terminated or timed out, and workflow tasks that failed (nondeterminism, bugs), over every run of each course. */
export async function failedWorkflows(
  client: Client,
  codes: string[],
): Promise<{ runs: number; failedRuns: number; failedTasks: number; details: string[] }> {
  const ids = new Set(codes.map(courseWorkflowId));
  const details: string[] = [];
  let runs = 0;
  let failedRuns = 0;
  let failedTasks = 0;
  for await (const execution of client.workflow.list()) {
    if (!ids.has(execution.workflowId)) continue;
    runs += 1;
    const history = await client.workflow.getHandle(execution.workflowId, execution.runId).fetchHistory();
    if (!['RUNNING', 'COMPLETED', 'CONTINUED_AS_NEW'].includes(execution.status.name)) {
      failedRuns += 1;
      const last = history.events?.[history.events.length - 1];
      details.push(
        `${execution.workflowId} ${execution.runId}: ${execution.status.name}: ${last?.workflowExecutionFailedEventAttributes?.failure?.message ?? ''}`,
      );
    }
    for (const event of history.events ?? []) {
      if (event.workflowTaskFailedEventAttributes) {
        failedTasks += 1;
        details.push(
          `${execution.workflowId}: workflow task failed: ${event.workflowTaskFailedEventAttributes.failure?.message}`,
        );
      }
    }
  }
  return { runs, failedRuns, failedTasks, details };
}
