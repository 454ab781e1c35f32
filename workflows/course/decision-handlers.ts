/**
 * Staff decisions reach a course as updates (answered at once) and signals (fire and forget). Both
 * go through the domain's one `receiveDecision`; only what differs lives here: the validator keeps a
 * rejected update out of history, and a rejected signal is kept in the record instead of failing a task.
 */
import { ApplicationFailure, setHandler } from '@temporalio/workflow';
import { decisionBudgetProblem } from '../../domain/decision-budget';
import type { DecisionKind } from '../../domain/decisions';
import { FAILURE } from '../../domain/failures';
import { receiveDecision, recordRejection, type CourseState, type DecisionResult } from '../../domain/lifecycle';
import type { StaffKeys } from '../../domain/staff';
import { decisionSignals, decisionUpdates, type DecisionAnswer } from '../messages';
import type { CourseRecord } from './deliveries';
import type { StaffRoster } from './staff-roster';
import type { RunVersions } from './versions';

export interface DecisionHooks {
  /** Applies calendar events due by now. */
  tick(): void;
  /** Publishes what the course waits for (search attributes and current details). */
  publish(): void;
}

export function registerDecisionHandlers(
  course: CourseRecord,
  roster: StaffRoster,
  versions: RunVersions,
  hooks: DecisionHooks,
): void {
  const { integrity, rules } = versions;

  /** The whole decision against a copy of the state; `keys` undefined skips the signature (the handler checks it). */
  const tryDecision = (kind: DecisionKind, raw: unknown, keys: StaffKeys | undefined) =>
    receiveDecision(course.state, kind, raw, keys, Date.now(), rules);

  /**
   * What the validator found, for the handler of the same update: the same state, time, keys and
   * decision give the same result, so the handler need not judge it again (issue 20: the two runs
   * were the largest cost of a decision). Validators do not run on replay; the handler then judges.
   */
  interface Validated {
    /** The state object judged: every change replaces it, except the flag compared beside it. */
    base: CourseState;
    signaturesRequired: boolean | undefined;
    now: number;
    keys: StaffKeys;
    result: DecisionResult;
  }
  const validated = new Map<string, Validated>();
  const judged = (kind: DecisionKind, raw: unknown, base: CourseState, keys: StaffKeys): DecisionResult => {
    const id = `${kind}:${JSON.stringify(raw)}`;
    const earlier = validated.get(id);
    validated.delete(id);
    const same =
      earlier?.base === base &&
      earlier.signaturesRequired === base.signaturesRequired &&
      earlier.now === Date.now() &&
      earlier.keys === keys;
    return same ? earlier.result : tryDecision(kind, raw, keys);
  };

  const settle = (kind: DecisionKind, raw: unknown, keys: StaffKeys): DecisionAnswer => {
    if (integrity) course.state.signaturesRequired = roster.signaturesRequired;
    const base = course.state;
    hooks.tick();
    const result = judged(kind, raw, base, keys);
    if (!result.ok) throw ApplicationFailure.nonRetryable(result.reason, FAILURE.DecisionRejected);
    course.state = result.state;
    course.effects.push(...result.effects);
    hooks.publish();
    const phase = course.state.cycles.find((c) => c.cycle === result.cycle)?.phase ?? 'Completed';
    return { accepted: true, cycle: result.cycle, duplicate: result.duplicate, phase, message: result.message };
  };

  /** Runs before sync-decisions-v1 awaited the roster on every decision; their histories replay that way. */
  const applyAwaiting = async (kind: DecisionKind, raw: unknown): Promise<DecisionAnswer> => {
    const budget = integrity ? decisionBudgetProblem(raw) : undefined;
    if (budget) throw ApplicationFailure.nonRetryable(budget, FAILURE.DecisionRejected);
    return settle(kind, raw, await roster.forHandler(raw, () => Date.now()));
  };

  const apply = (kind: DecisionKind, raw: unknown): DecisionAnswer | Promise<DecisionAnswer> => {
    if (!versions.syncDecisions) return applyAwaiting(kind, raw);
    // The budget first: an oversized decision must not cost a roster reload.
    const budget = integrity ? decisionBudgetProblem(raw) : undefined;
    if (budget) throw ApplicationFailure.nonRetryable(budget, FAILURE.DecisionRejected);
    // No await when the roster is at hand: each promise costs the SDK a stack trace.
    const ready = roster.ready(raw, Date.now());
    if (ready) return settle(kind, raw, ready);
    return roster.forHandler(raw, () => Date.now()).then((keys) => settle(kind, raw, keys));
  };

  for (const kind of Object.keys(decisionUpdates) as DecisionKind[]) {
    setHandler(decisionUpdates[kind], (raw: unknown) => apply(kind, raw), {
      // Validation runs before anything is written to history: a rejected update leaves no trace.
      validator: (raw: unknown) => {
        // Until the keys are loaded (or while they must be reloaded) the handler checks the signature.
        const keys = roster.forValidator(raw, Date.now());
        const result = tryDecision(kind, raw, keys);
        if (!result.ok) throw new Error(result.reason);
        if (keys) {
          const { state } = course;
          const entry = { base: state, signaturesRequired: state.signaturesRequired, now: Date.now(), keys, result };
          validated.set(`${kind}:${JSON.stringify(raw)}`, entry);
        }
      },
    });
    setHandler(decisionSignals[kind], async (raw: unknown) => {
      try {
        await apply(kind, raw);
      } catch (err) {
        // A bad signal must never fail a workflow task: keep it where operators can see it, cut to size.
        const actor = typeof raw === 'object' && raw !== null ? (raw as { actor?: unknown }).actor : undefined;
        course.state = recordRejection(course.state, {
          at: Date.now(),
          kind,
          actor: typeof actor === 'string' && actor ? actor : undefined,
          reason: (err as Error).message,
          via: 'signal',
        });
      }
    });
  }
}
