/**
 * Messages of the engine baseline: one update stands for every staff decision
 * of a course, carrying how many activities the course would run after it.
 */
import { defineUpdate } from '@temporalio/workflow';

export const baselineWorkflowType = 'engineBaseline';

export interface BaselineInput {
  /** Instants (epoch ms) at which the course's calendar wakes it this cycle. */
  wakeAt: number[];
  /** Activities the course runs when it starts, before any decision (e.g. loading staff keys). */
  startActivities?: number;
  /** Set on the run after continue-as-new: it only waits, as the course's next cycle does. */
  parked?: boolean;
}

export interface BaselineDecision {
  /** Activities the course runs because of this decision (notices). */
  activities: number;
  /** The decision that ends the cycle: continue-as-new follows. */
  endsCycle?: boolean;
}

export interface BaselineAnswer {
  accepted: true;
  applied: number;
}

export const baselineDecisionUpdate = defineUpdate<BaselineAnswer, [BaselineDecision]>('baselineDecision');
