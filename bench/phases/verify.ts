/**
 * What "reached its expected end state" means for a benchmark course: cycle 1
 * Completed after MOFA approval with every planned decision applied, cycle 2
 * waiting in the new run, and each expected notice received by the sink once.
 */
import type { Client } from '@temporalio/client';
import { openRunningCourse, queryStatus } from '../../client/course-access';
import { noticeMessageId } from '../../activities/contracts';
import { inPool } from '../support/measure';
import type { SmtpSink } from '../support/smtp-sink';
import type { CourseRun } from './annual-cycle';

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
        const expectedNotices = run.course.plan.flatMap((d) => d.notices);
        if (outcome && outcome.noticesSent !== expectedNotices.length) {
          problems.push(
            `${code}: ${outcome.noticesSent} notices recorded in cycle 1, expected ${expectedNotices.length}`,
          );
        }
        if (!status.cycles.some((c) => c.cycle === 2 && !['Completed', 'NotHeld', 'Cancelled'].includes(c.phase))) {
          problems.push(`${code}: cycle 2 is not waiting in the new run`);
        }
        for (const [kind, country] of expectedNotices) {
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
