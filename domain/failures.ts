/**
 * Every failure type the orchestrator throws as an ApplicationFailure, in one
 * table: where it is thrown and the retry policies that must not retry it
 * (`nonRetryableErrorTypes`) name it from here, so a typo cannot make a
 * permanent failure retry forever. Pure strings: workflow code imports it too.
 */
export const FAILURE = {
  /** A notice's or reminder's data fails its template's checks: no retry fixes the data. */
  InvalidNoticeData: 'InvalidNoticeData',
  /** The relay refused a staff office's address permanently, or none is known. */
  StaffAddressRejected: 'StaffAddressRejected',
  /** Some countries were not yet delivered because the relay is unavailable: retried, delivered ones kept. */
  MailRelayUnavailable: 'MailRelayUnavailable',
  /** A report folder outside the reports folder, or a fiscal year that is not one. */
  InvalidReportPath: 'InvalidReportPath',
  /** A signed deployment's evaluation without the operator's key. */
  EvaluationNotAuthorized: 'EvaluationNotAuthorized',
  /** The evaluation's carried state does not carry this run's seal. */
  CarriedStateRefused: 'CarriedStateRefused',
  /** The yearly evaluation's input fails its checks. */
  InvalidEvaluationInput: 'InvalidEvaluationInput',
  /** The course spec a workflow was started with fails its checks. */
  InvalidCourse: 'InvalidCourse',
  /** A staff decision the course does not take (phase, schema, signature, budget). */
  DecisionRejected: 'DecisionRejected',
} as const;

export type FailureType = (typeof FAILURE)[keyof typeof FAILURE];
