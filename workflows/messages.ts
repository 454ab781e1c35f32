/**
 * The one definition of every message of the course workflow. The admin client,
 * tests and scripts import these; nobody types a message name as a string.
 *
 * Each decision arrives two ways with one handler behind them: as an update
 * (name = the decision kind, e.g. `scrutiny`), which answers at once with
 * accepted or the reason it was rejected, and as a signal (`<kind>Signal`) for
 * senders that cannot wait; a rejected signal is recorded in the status.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { CourseSpec } from '../domain/course';
import type { CycleNumber } from '../domain/calendar';
import { DECISION_KINDS } from '../domain/decisions';
import type { DecisionInputOf, DecisionKind } from '../domain/decisions';
import type { CourseState, CyclePhase } from '../domain/lifecycle/types';
import type { CourseStatus } from '../domain/lifecycle/status';

export const courseLifecycleWorkflowType = 'courseLifecycle';

export interface CourseWorkflowInput {
  spec: CourseSpec;
  /** Carried across continue-as-new; absent when the course starts. */
  state?: CourseState;
}

export interface CourseWorkflowResult {
  code: string;
  outcomes: CourseState['outcomes'];
}

/** The workflow's answer to an accepted decision. Rejections are update failures carrying the reason. */
export interface DecisionAnswer {
  accepted: true;
  cycle: CycleNumber;
  /** True when the same idempotency key was already applied: nothing changed this time. */
  duplicate: boolean;
  phase: CyclePhase;
  message: string;
}

type UpdateOf<K extends DecisionKind> = ReturnType<typeof defineUpdate<DecisionAnswer, [DecisionInputOf<K>], K>>;
type SignalOf<K extends DecisionKind> = ReturnType<typeof defineSignal<[DecisionInputOf<K>], `${K}Signal`>>;

export const decisionUpdates = Object.fromEntries(
  DECISION_KINDS.map((kind) => [kind, defineUpdate<DecisionAnswer, [unknown]>(kind)]),
) as { [K in DecisionKind]: UpdateOf<K> };

export const decisionSignals = Object.fromEntries(
  DECISION_KINDS.map((kind) => [kind, defineSignal<[unknown]>(`${kind}Signal`)]),
) as { [K in DecisionKind]: SignalOf<K> };

export const scrutinyDecisionUpdate = decisionUpdates.scrutiny;
export const surveyResponseUpdate = decisionUpdates.surveyResponse;
export const mofaDeterminationUpdate = decisionUpdates.mofaDetermination;
export const nominationsUpdate = decisionUpdates.nominations;
export const selectionUpdate = decisionUpdates.selection;
export const evaluationUpdate = decisionUpdates.evaluation;

export const statusQuery = defineQuery<CourseStatus>('status');

/** Tells a course to reload the staff keys from its worker's configuration (after a key is added or revoked). */
export const staffKeysChangedSignal = defineSignal('staffKeysChanged');
