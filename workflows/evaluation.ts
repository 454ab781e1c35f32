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
 */
import { continueAsNew, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { EvaluationActivities } from '../activities/evaluation/contracts';
import { toTokyoIso } from '../domain/calendar';
import { evaluatedFiscalYear } from '../domain/evaluation/schedule';
import { emptyTally, mergeTallies } from '../domain/evaluation/tally';
import type { EvaluationTally } from '../domain/evaluation/tally';

export const EVALUATION_ACTOR = 'yearly-evaluation';

export interface YearlyEvaluationInput {
  /** Default: the fiscal year the run's start time evaluates (see evaluatedFiscalYear). */
  fiscalYear?: number;
  /** Courses listed per visibility page. */
  pageSize?: number;
  /** Courses per batch activity; a page's batches run in parallel. */
  batchSize?: number;
  /** Set only by continue-as-new. */
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

const { writeEvaluationReport, mailEvaluationReport } = proxyActivities<EvaluationActivities>({
  startToCloseTimeout: '5 minutes',
  retry: {
    initialInterval: '10 seconds',
    backoffCoefficient: 2,
    maximumInterval: '10 minutes',
    nonRetryableErrorTypes: ['StaffAddressRejected'],
  },
});

const DEFAULT_PAGE_SIZE = 200;
const DEFAULT_BATCH_SIZE = 50;

function batches<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export async function yearlyEvaluation(input: YearlyEvaluationInput = {}): Promise<YearlyEvaluationResult> {
  const startedAt = input.carried?.startedAt ?? Date.now();
  const fiscalYear = input.fiscalYear ?? evaluatedFiscalYear(startedAt);
  const pageSize = input.pageSize ?? DEFAULT_PAGE_SIZE;
  const batchSize = input.batchSize ?? DEFAULT_BATCH_SIZE;
  const evaluatedAt = toTokyoIso(startedAt);
  let tally = input.carried?.tally ?? emptyTally(fiscalYear);
  // A course that continues as new while the listing runs shows up again under its new run: count it once.
  const seen = new Set(input.carried?.seen ?? []);
  let pageToken = input.carried?.pageToken;
  let pages = input.carried?.pages ?? 0;

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
      await continueAsNew<typeof yearlyEvaluation>({
        fiscalYear,
        pageSize,
        batchSize,
        carried: { startedAt, pageToken, seen: [...seen], tally, pages },
      });
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
