/**
 * The yearly evaluation: every course with a cycle in the fiscal year is asked
 * its status and told its evaluation is due, and the program's figures are
 * written and mailed to staff.
 *
 * Fan-out: course ids come from visibility one page at a time (an activity);
 * each page is split into batches evaluated by parallel activities, each
 * returning only the tally of its batch. The history therefore grows by a few
 * events per page and never holds one entry per course, and a very long run
 * continues as new with its tally, its page token and the ids already seen.
 *
 * Trust: anyone with Temporal access may start this workflow, so a starter
 * chooses only which fiscal year (and how the work is split); the input is
 * checked here before any activity runs. Everything else is recomputed, and
 * the state a run carries into its continue-as-new is sealed by the worker's
 * key and verified by the next run (activities/evaluation/seal.ts).
 */
import {
  ActivityFailure,
  ApplicationFailure,
  continueAsNew,
  patched,
  proxyActivities,
  workflowInfo,
} from '@temporalio/workflow';
import type { EvaluationActivities, EvaluationState, SealedEvaluationState } from '../activities/evaluation/contracts';
import { toTokyoIso } from '../domain/calendar';
import { evaluationInputProblem } from '../domain/evaluation/input';
import { EVALUATION_ACTOR, evaluatedFiscalYear } from '../domain/evaluation/schedule';
import { emptyTally, mergeTallies } from '../domain/evaluation/tally';
import type { EvaluationTally } from '../domain/evaluation/tally';
import { FAILURE } from '../domain/failures';

export { EVALUATION_ACTOR };

export interface YearlyEvaluationInput {
  /** Default: the fiscal year the run's start time evaluates (see evaluatedFiscalYear). An integer, 2000–2100. */
  fiscalYear?: number;
  /** Courses listed per visibility page (1–1000). */
  pageSize?: number;
  /** Courses per batch activity (1–200); a page's batches run in parallel. */
  batchSize?: number;
  /** Set only by the evaluation's own continue-as-new, sealed by the worker; never with the fields above. */
  carried?: SealedEvaluationState;
}

/** The input as runs started before the input checks carried it; only replays of their histories read it. */
interface LegacyInput {
  fiscalYear?: number;
  pageSize?: number;
  batchSize?: number;
  carried?: { startedAt: number; pageToken?: string; seen: string[]; tally: EvaluationTally; pages: number };
}

export interface YearlyEvaluationResult {
  fiscalYear: number;
  courses: number;
  evaluations: EvaluationTally['evaluations'];
  problems: number;
  pages: number;
  report: { directory: string; markdown: string; csv: string; chart: string };
  mailedTo: string[];
}

const { listCoursesForEvaluation, evaluateCourseBatch } = proxyActivities<EvaluationActivities>({
  startToCloseTimeout: '10 minutes',
  // A batch heartbeats after each course; a stuck worker is noticed in a minute.
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes', maximumAttempts: 10 },
});

const { writeEvaluationReport, mailEvaluationReport, openEvaluation, sealEvaluationState } =
  proxyActivities<EvaluationActivities>({
    startToCloseTimeout: '5 minutes',
    retry: {
      initialInterval: '10 seconds',
      backoffCoefficient: 2,
      maximumInterval: '10 minutes',
      nonRetryableErrorTypes: [
        FAILURE.StaffAddressRejected,
        FAILURE.EvaluationNotAuthorized,
        FAILURE.CarriedStateRefused,
      ],
    },
  });

const DEFAULT_PAGE_SIZE = 200;
const DEFAULT_BATCH_SIZE = 50;
/** Runs that check their input and seal what they carry; histories without this marker replay the old way. */
const CHECKED_INPUT_PATCH = 'evaluation-checked-input-v1';
/** A run started the old way that continues as new after this code ships seals its state too. */
const SEALED_CARRY_PATCH = 'evaluation-sealed-carry-v1';

function batches<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The activity's own refusal as the workflow's failure, so the starter reads the reason, not "activity failed". */
function refusal(error: unknown): unknown {
  if (error instanceof ActivityFailure && error.cause instanceof ApplicationFailure && error.cause.nonRetryable)
    return ApplicationFailure.nonRetryable(error.cause.message, error.cause.type);
  return error;
}

/** A starter's input checked, the worker's authority and any carried seal verified: the run's state. */
async function openRun(input: unknown): Promise<EvaluationState> {
  const problem = evaluationInputProblem(input);
  if (problem) throw ApplicationFailure.nonRetryable(problem, FAILURE.InvalidEvaluationInput);
  const checked = (input ?? {}) as YearlyEvaluationInput;
  try {
    await openEvaluation({ firstExecutionRunId: workflowInfo().firstExecutionRunId, carried: checked.carried });
  } catch (error) {
    throw refusal(error);
  }
  if (checked.carried) return checked.carried.state;
  const startedAt = Date.now();
  const fiscalYear = checked.fiscalYear ?? evaluatedFiscalYear(startedAt);
  return {
    fiscalYear,
    pageSize: checked.pageSize ?? DEFAULT_PAGE_SIZE,
    batchSize: checked.batchSize ?? DEFAULT_BATCH_SIZE,
    startedAt,
    seen: [],
    tally: emptyTally(fiscalYear),
    pages: 0,
  };
}

function legacyRun(input: LegacyInput): EvaluationState {
  const startedAt = input.carried?.startedAt ?? Date.now();
  const fiscalYear = input.fiscalYear ?? evaluatedFiscalYear(startedAt);
  return {
    fiscalYear,
    pageSize: input.pageSize ?? DEFAULT_PAGE_SIZE,
    batchSize: input.batchSize ?? DEFAULT_BATCH_SIZE,
    startedAt,
    pageToken: input.carried?.pageToken,
    seen: input.carried?.seen ?? [],
    tally: input.carried?.tally ?? emptyTally(fiscalYear),
    pages: input.carried?.pages ?? 0,
  };
}

export async function yearlyEvaluation(input: YearlyEvaluationInput = {}): Promise<YearlyEvaluationResult> {
  // patched() is false only when replaying a history recorded before the checks shipped: a new start always checks.
  const checked = patched(CHECKED_INPUT_PATCH);
  const run = checked ? await openRun(input) : legacyRun(input as LegacyInput);
  const { fiscalYear, pageSize, batchSize, startedAt } = run;
  const evaluatedAt = toTokyoIso(startedAt);
  let tally = run.tally;
  // A course that continues as new while the listing runs shows up again under its new run: count it once.
  const seen = new Set(run.seen);
  let pageToken = run.pageToken;
  let pages = run.pages;

  do {
    const page = await listCoursesForEvaluation({ fiscalYear, pageSize, nextPageToken: pageToken });
    pages += 1;
    const fresh = page.workflowIds.filter((id) => !seen.has(id));
    fresh.forEach((id) => seen.add(id));
    const tallies = await Promise.all(
      batches(fresh, batchSize).map((workflowIds) =>
        evaluateCourseBatch({ fiscalYear, workflowIds, actor: EVALUATION_ACTOR, evaluatedAt }),
      ),
    );
    tally = tallies.reduce(mergeTallies, tally);
    pageToken = page.nextPageToken;
    if (pageToken && workflowInfo().continueAsNewSuggested) {
      const state: EvaluationState = {
        fiscalYear,
        pageSize,
        batchSize,
        startedAt,
        pageToken,
        seen: [...seen],
        tally,
        pages,
      };
      if (checked || patched(SEALED_CARRY_PATCH)) {
        const firstExecutionRunId = workflowInfo().firstExecutionRunId;
        const seal = await sealEvaluationState({ firstExecutionRunId, state });
        await continueAsNew<typeof yearlyEvaluation>({ carried: { state, seal } });
      } else {
        await continueAsNew<(input: LegacyInput) => Promise<YearlyEvaluationResult>>({
          fiscalYear,
          pageSize,
          batchSize,
          carried: { startedAt, pageToken, seen: [...seen], tally, pages },
        });
      }
    }
  } while (pageToken);

  const report = await writeEvaluationReport({
    tally,
    generatedAt: evaluatedAt,
    source: `workflow ${workflowInfo().workflowId}`,
  });
  const mail = await mailEvaluationReport({ report, runKey: workflowInfo().workflowId });
  return {
    fiscalYear,
    courses: tally.courses,
    evaluations: tally.evaluations,
    problems: tally.problems.length + tally.problemsNotListed,
    pages,
    report: { directory: report.directory, ...report.files },
    mailedTo: mail.to,
  };
}
