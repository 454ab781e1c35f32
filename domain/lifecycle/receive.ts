/**
 * One decision as the course receives it off the wire: the byte budget, the
 * schema of its kind, the signature and role, then `decide` at `now`. The
 * workflow's update validator and handler and the unit tests' machine all go
 * through here, so they can never judge a decision differently.
 */
import { decisionBudgetProblem } from '../decision-budget';
import { parseDecision } from '../decisions';
import type { DecisionKind } from '../decisions';
import { authorizeDecision, type StaffKeys } from '../staff';
import { decide, type DecisionResult } from './decide';
import { advance } from './timeline';
import type { CourseState } from './types';

/** The rules a run follows: 1 for runs begun before record-integrity-v1 (no byte budget, older signature rules). */
export interface ReceiveRules {
  version: 1 | 2;
}

/**
 * `keys` undefined skips the signature check (the workflow's validator before
 * the roster is loaded: the handler checks it). `raw` is untrusted.
 */
export function receiveDecision(
  state: CourseState,
  kind: DecisionKind,
  raw: unknown,
  keys: StaffKeys | undefined,
  now: number,
  rules: ReceiveRules = { version: 2 },
): DecisionResult {
  const budget = rules.version === 2 ? decisionBudgetProblem(raw) : undefined;
  if (budget) return { ok: false, reason: budget };
  const parsed = parseDecision(raw);
  if (!parsed.ok) return { ok: false, reason: parsed.reason };
  if (parsed.value.kind !== kind) {
    return { ok: false, reason: `invalid field: kind: "${parsed.value.kind}" sent as a ${kind} decision` };
  }
  const unauthorized =
    keys && authorizeDecision(keys, state.spec.code, raw as Record<string, unknown>, { ...rules, now });
  if (unauthorized) return { ok: false, reason: unauthorized };
  return decide(advance(state, now).state, parsed.value, now);
}
