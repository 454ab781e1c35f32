/**
 * Finding the courses of a fiscal year and evaluating them, one batch per
 * activity. Every course is asked its status, told its evaluation (an update
 * with a stable idempotency key, so a retried batch records it once) and
 * asked again, so the tally counts what the course now holds.
 */
import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { cycleFactsOf, findingsFor, isEvaluated } from '../../domain/evaluation/facts';
import { emptyTally, tallyCourse, tallyProblem } from '../../domain/evaluation/tally';
import type { CourseFacts, EvaluationRecording, EvaluationTally } from '../../domain/evaluation/tally';
import type { DecisionInputOf } from '../../domain/decisions';
import type { CourseStatus } from '../../domain/lifecycle/status';
import { signDecision } from '../../domain/staff';
import { courseLifecycleWorkflowType, decisionUpdates, statusQuery } from '../../workflows/messages';
import { currentActivity } from '../delivery';
import { inLanes } from '../../platform/concurrency';
import type { CourseBatchRequest, CoursePage, CoursePageRequest } from './contracts';

/**
 * A course's FiscalYear search attribute is the year of its focus cycle, which
 * moves as cycles end; every cycle of a course with a cycle in Y lies within
 * Y-2..Y+2, so that range finds them all, and each course's status then says
 * whether it really has a cycle in Y. Runs of every status are listed: a
 * course that continues as new during the listing is still met through its
 * earlier run (the workflow drops ids it has seen).
 */
export function courseEvaluationQuery(fiscalYear: number): string {
  return `WorkflowType = '${courseLifecycleWorkflowType}' AND FiscalYear >= ${fiscalYear - 2} AND FiscalYear <= ${fiscalYear + 2}`;
}

export async function listCoursePage(client: Client, request: CoursePageRequest): Promise<CoursePage> {
  const query = courseEvaluationQuery(request.fiscalYear);
  const response = await client.workflowService.listWorkflowExecutions({
    namespace: client.options.namespace,
    query,
    pageSize: request.pageSize,
    nextPageToken: request.nextPageToken ? Buffer.from(request.nextPageToken, 'base64') : undefined,
  });
  const ids = (response.executions ?? []).map((e) => e.execution?.workflowId).filter((id): id is string => !!id);
  const token =
    response.nextPageToken && response.nextPageToken.length > 0
      ? Buffer.from(response.nextPageToken).toString('base64')
      : undefined;
  return { workflowIds: [...new Set(ids)], nextPageToken: token, query };
}

export const evaluationKey = (fiscalYear: number, code: string) => `eval-${fiscalYear}-${code}`;

const messageOf = (error: unknown): string => {
  const cause = (error as { cause?: { message?: string } }).cause;
  return cause?.message ?? (error as Error).message ?? String(error);
};

type CourseResult = { facts: CourseFacts } | { problem: string; code: string } | { inactive: true };

/** The worker's operator key, when decisions must be signed (see evaluationSignerFromEnv). */
export interface EvaluationSigner {
  keyId: string;
  privateKey: Uint8Array;
}

/** The evaluation decision a course receives; signed when the worker holds an operator key. */
export function evaluationDecision(
  code: string,
  facts: CourseFacts,
  request: CourseBatchRequest,
  signer?: EvaluationSigner,
): DecisionInputOf<'evaluation'> {
  const decision = {
    kind: 'evaluation' as const,
    actor: request.actor,
    idempotencyKey: evaluationKey(request.fiscalYear, code),
    cycle: facts.cycle,
    fiscalYear: request.fiscalYear,
    findings: findingsFor(facts),
    evaluatedAt: request.evaluatedAt,
  };
  return signer ? signDecision(code, decision, signer.keyId, signer.privateKey) : decision;
}

/** Records the evaluation on the course unless it already holds one; answers how it went. */
async function tell(
  client: Client,
  workflowId: string,
  before: CourseStatus,
  facts: CourseFacts,
  request: CourseBatchRequest,
  signer: EvaluationSigner | undefined,
): Promise<{ recording: EvaluationRecording; note?: string }> {
  if (isEvaluated(before, request.fiscalYear)) return { recording: 'already-recorded' };
  const handle = client.workflow.getHandle(workflowId);
  try {
    const answer = await handle.executeUpdate(decisionUpdates.evaluation, {
      args: [evaluationDecision(before.code, facts, request, signer)],
    });
    // A duplicate is this evaluation's own earlier attempt: the course holds it.
    return { recording: answer.duplicate ? 'already-recorded' : 'recorded' };
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError)
      return { recording: 'not-recorded', note: `rejected: ${messageOf(error)}` };
    const description = await handle.describe().catch(() => undefined);
    if (description && description.status.name !== 'RUNNING') {
      return { recording: 'not-recorded', note: `the course workflow has ended (${description.status.name})` };
    }
    throw error;
  }
}

async function evaluateCourse(
  client: Client,
  workflowId: string,
  request: CourseBatchRequest,
  signer: EvaluationSigner | undefined,
): Promise<CourseResult> {
  const handle = client.workflow.getHandle(workflowId);
  let before: CourseStatus;
  try {
    before = await handle.query(statusQuery);
  } catch (error) {
    return { code: workflowId, problem: `status query failed: ${messageOf(error)}` };
  }
  const facts = cycleFactsOf(before, request.fiscalYear);
  if (!facts) return { inactive: true };
  const { recording, note } = await tell(client, workflowId, before, facts, request, signer);
  const after = recording === 'recorded' ? await handle.query(statusQuery).catch(() => before) : before;
  return {
    facts: cycleFactsOf(after, request.fiscalYear, recording, note) ?? { ...facts, evaluation: recording, note },
  };
}

const CONCURRENCY = 8;

export async function evaluateBatch(
  client: Client,
  request: CourseBatchRequest,
  signer?: EvaluationSigner,
): Promise<EvaluationTally> {
  const context = currentActivity();
  const results: CourseResult[] = new Array(request.workflowIds.length);
  let done = 0;
  await inLanes(request.workflowIds, CONCURRENCY, async (workflowId, i) => {
    results[i] = await evaluateCourse(client, workflowId, request, signer);
    done += 1;
    context?.heartbeat({ done, of: request.workflowIds.length });
  });
  let tally = emptyTally(request.fiscalYear);
  for (const result of results) {
    if ('facts' in result) tally = tallyCourse(tally, result.facts);
    else if ('problem' in result) tally = tallyProblem(tally, { code: result.code, problem: result.problem });
  }
  return tally;
}
