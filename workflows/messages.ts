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
import type { SignalDefinition, UpdateDefinition } from '@temporalio/common';
import type { CourseSpec } from '../domain/course';
import type { CycleNumber } from '../domain/calendar';
import { DECISION_KINDS } from '../domain/decisions';
import type { DecisionInputOf, DecisionKind, DecisionOf } from '../domain/decisions';
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

/**
 * What a sender may send as a decision of kind K: its input, or a decision
 * already parsed by the same schema (the schemas carry the optional signature).
 * The workflow still parses every message as untrusted data.
 */
export type DecisionMessage<K extends DecisionKind> = DecisionInputOf<K> | DecisionOf<K>;
export type DecisionUpdate<K extends DecisionKind> = UpdateDefinition<DecisionAnswer, [DecisionMessage<K>], K>;
export type DecisionSignal<K extends DecisionKind> = SignalDefinition<[DecisionMessage<K>], `${K}Signal`>;

const decisionUpdate = <K extends DecisionKind>(kind: K): DecisionUpdate<K> =>
  defineUpdate<DecisionAnswer, [DecisionMessage<K>], K>(kind);
const decisionSignal = <K extends DecisionKind>(kind: K): DecisionSignal<K> =>
  defineSignal<[DecisionMessage<K>], `${K}Signal`>(`${kind}Signal`);

// Object.fromEntries loses the key-to-value link; each entry is built with its own kind's types above.
export const decisionUpdates = Object.fromEntries(DECISION_KINDS.map((kind) => [kind, decisionUpdate(kind)])) as {
  [K in DecisionKind]: DecisionUpdate<K>;
};
export const decisionSignals = Object.fromEntries(DECISION_KINDS.map((kind) => [kind, decisionSignal(kind)])) as {
  [K in DecisionKind]: DecisionSignal<K>;
};

/** The update of one kind, typed by that kind's input (indexing with a union kind would type it by all of them). */
export const updateOf = <K extends DecisionKind>(kind: K): DecisionUpdate<K> => decisionUpdates[kind];
export const signalOf = <K extends DecisionKind>(kind: K): DecisionSignal<K> => decisionSignals[kind];

export const statusQuery = defineQuery<CourseStatus>('status');

/** Tells a course to reload the staff keys from its worker's configuration (after a key is added or revoked). */
export const staffKeysChangedSignal = defineSignal('staffKeysChanged');
