/**
 * The activities of the yearly evaluation. The evaluation workflow imports
 * these types only; the worker binds implementations built by
 * createEvaluationActivities with a Temporal client, a reports folder and the
 * staff mail transport.
 */
import type { EvaluationSeal } from '../../domain/evaluation/input';
import type { EvaluationTally } from '../../domain/evaluation/tally';

/** What a run hands its continue-as-new, sealed by the worker (see seal.ts). */
export interface EvaluationState {
  fiscalYear: number;
  pageSize: number;
  batchSize: number;
  startedAt: number;
  pageToken?: string;
  seen: string[];
  tally: EvaluationTally;
  pages: number;
}

export interface SealedEvaluationState {
  state: EvaluationState;
  seal: EvaluationSeal;
}

export interface OpenEvaluationRequest {
  /** The workflow's first run id: a seal is valid only within the chain of runs that made it. */
  firstExecutionRunId: string;
  carried?: SealedEvaluationState;
}

export interface EvaluationOpening {
  /** `<alg>:<keyId>` of the key that seals this evaluation's carried state. */
  sealedWith: string;
  /** Whether decisions are signed with the operator key (Ed25519). */
  signed: boolean;
}

export interface SealRequest {
  firstExecutionRunId: string;
  state: EvaluationState;
}

export interface CoursePageRequest {
  fiscalYear: number;
  pageSize: number;
  /** Visibility page token from the previous page, base64; absent for the first page. */
  nextPageToken?: string;
}

export interface CoursePage {
  /** Course workflow ids on this page, each once (a course's runs share its id). */
  workflowIds: string[];
  nextPageToken?: string;
  /** The visibility query, for the report and for operators to run themselves. */
  query: string;
}

export interface CourseBatchRequest {
  fiscalYear: number;
  workflowIds: string[];
  /** Who the courses see as the evaluator, and when (the evaluation's start, Asia/Tokyo). */
  actor: string;
  evaluatedAt: string;
}

export interface ReportRequest {
  tally: EvaluationTally;
  generatedAt: string;
  /** The evaluation workflow's id, named in the report. */
  source: string;
}

export interface WrittenReport {
  fiscalYear: number;
  directory: string;
  files: { markdown: string; csv: string; chart: string };
  totalCourses: number;
  totalParticipants: number;
}

export interface ReportMailRequest {
  report: WrittenReport;
  /** Stable per evaluation run, so a retried activity sends the same message. */
  runKey: string;
}

export interface EvaluationActivities {
  /**
   * Before anything else: refuses a signed deployment without the operator key,
   * and a carried state whose seal does not verify (non-retryable).
   */
  openEvaluation(request: OpenEvaluationRequest): Promise<EvaluationOpening>;
  /** The seal over the state a run carries into its continue-as-new. */
  sealEvaluationState(request: SealRequest): Promise<EvaluationSeal>;
  /** One page of course workflows that may have a cycle in the fiscal year. */
  listCoursesForEvaluation(request: CoursePageRequest): Promise<CoursePage>;
  /** Asks each course its status, tells it its evaluation, and returns the batch's tally. */
  evaluateCourseBatch(request: CourseBatchRequest): Promise<EvaluationTally>;
  /** Markdown, CSV and chart into the reports folder. */
  writeEvaluationReport(request: ReportRequest): Promise<WrittenReport>;
  /** The report to every address of the staff roster. Returns the Message-ID and recipients. */
  mailEvaluationReport(request: ReportMailRequest): Promise<{ messageId: string; to: string[] }>;
}
