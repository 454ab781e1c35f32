/**
 * The activities of the yearly evaluation. The evaluation workflow imports
 * these types only; the worker binds implementations built by
 * createEvaluationActivities with a Temporal client, a reports folder and the
 * staff mail transport.
 */
import type { EvaluationTally } from '../../domain/evaluation/tally';

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
  /** One page of course workflows that may have a cycle in the fiscal year. */
  listCoursesForEvaluation(request: CoursePageRequest): Promise<CoursePage>;
  /** Asks each course its status, tells it its evaluation, and returns the batch's tally. */
  evaluateCourseBatch(request: CourseBatchRequest): Promise<EvaluationTally>;
  /** Markdown, CSV and chart into the reports folder. */
  writeEvaluationReport(request: ReportRequest): Promise<WrittenReport>;
  /** The report to every address of the staff roster. Returns the Message-ID and recipients. */
  mailEvaluationReport(request: ReportMailRequest): Promise<{ messageId: string; to: string[] }>;
}
