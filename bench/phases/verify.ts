/**
 * What "reached its expected end state" means for a benchmark course: cycle 1
 * Completed after MOFA approval with every planned decision applied, cycle 2
 * carried into the new run, each expected notice received once, and the
 * course's own count of notices equal to the distinct ones the sink received.
 */
import type { Client } from '@temporalio/client';
import { openRunningCourse, queryStatus } from '../../client/course-access';
import { noticeMessageId } from '../../activities/contracts';
import type { CourseStatus } from '../../domain/lifecycle';
import { inPool } from '../support/measure';
import type { SmtpSink } from '../support/smtp-sink';
import type { CourseRun } from './annual-cycle';

/**
 * Cycle 2 waits in the continued run, or was not held because its formulation window (which opens after
 * cycle 1's evaluation on the compressed calendar) closed with no plan: the program rules at work.
 */
function cycleTwoCarriedOn(status: CourseStatus): boolean {
  if (status.cycles.some((c) => c.cycle === 2 && !['Completed', 'NotHeld', 'Cancelled'].includes(c.phase))) return true;
  const two = status.outcomes.find((o) => o.cycle === 2);
  return two?.phase === 'NotHeld' && two.notHeldReason === 'no-plan';
}

export async function verifyCourses(client: Client, runs: CourseRun[], sink: SmtpSink): Promise<string[]> {
  const problems: string[] = [];
  await inPool(
    runs.filter((r) => !r.failure),
    16,
    async (run) => {
      const code = run.course.spec.code;
      try {
        const status = await queryStatus(client, await openRunningCourse(client, code));
        const outcome = status.outcomes.find((o) => o.cycle === 1);
        if (outcome?.phase !== 'Completed' || outcome.mofaApproved !== true) {
          problems.push(
            `${code}: cycle 1 outcome is ${JSON.stringify(outcome && { phase: outcome.phase, mofa: outcome.mofaApproved })}, expected Completed after MOFA approval`,
          );
        }
        // Reminders depend on who had answered when they fell due, so the count is checked against the mail.
        const received = [...(sink.noticesByCourse.get(code) ?? [])].filter((id) => id.includes('.c1.'));
        if (outcome && outcome.noticesSent !== received.length) {
          problems.push(`${code}: ${outcome.noticesSent} notices recorded in cycle 1, ${received.length} received`);
        }
        if (!cycleTwoCarriedOn(status)) problems.push(`${code}: cycle 2 is not carried into the new run`);
        const expected = [...run.course.calendarNotices, ...run.course.plan.flatMap((d) => d.notices)];
        for (const [kind, country] of expected) {
          const id = noticeMessageId(code, 1, kind, country);
          if (!sink.received.has(id)) problems.push(`${code}: the sink never received ${id}`);
        }
      } catch (error) {
        problems.push(`${code}: ${(error as Error).message}`);
      }
    },
  );
  return problems;
}
