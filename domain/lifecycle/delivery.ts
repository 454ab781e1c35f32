/**
 * What the course knows of its deliveries: which notices arrived, which
 * recipients were refused, and the delivery problems staff repair with
 * `kccp resend`. A refused address or a failed activity is a condition of the
 * course, never its end: a course lives four years.
 */
import type { CycleNumber } from '../calendar';
import type { DeliveryReport, NoticeContext, NoticeKind } from '../notices';
import type { DecisionOf } from '../decisions';
import { clone } from './rules';
import type { CourseState, CycleState, DeliveryProblem, Effect } from './types';

/** Problems kept per course; the oldest settled ones go first. */
const MAX_DELIVERY_PROBLEMS = 30;
/** A reason as stored: enough for staff to act on, never a relay's whole transcript. */
const MAX_REASON_CHARS = 300;

/** What a notice needs to know about the course and its cycle; plain data, no personal data. */
export function noticeContext(state: CourseState, cycle: CycleState): NoticeContext {
  const { code, title, subject, hostCentre, languages } = state.spec;
  // A material change in this cycle's plan may have replaced the course's outline.
  const outline = cycle.plan?.outline ?? state.spec.outline;
  return {
    // The languages of instruction: notices and the GI package name them in the reader's language.
    // The outline only when the course has one, so a context without it stays as it was recorded.
    course: { code, title, subject, hostCentre, languages, ...(outline ? { outline } : {}) },
    cycle: cycle.cycle,
    fiscalYear: cycle.fiscalYear,
    windows: cycle.calendar.windows,
    mode: cycle.mode,
  };
}

/**
 * Countries still to receive a notice of this kind in this cycle: the delivery record, read
 * before sending. `perKind` (record-integrity-v1): a refusal bars only the kind that was refused,
 * so a country whose address is fixed hears the rest of the cycle; before, it barred every kind.
 */
export function undelivered(
  state: CourseState,
  cycle: CycleNumber,
  kind: NoticeKind,
  countries: string[],
  perKind = false,
): string[] {
  const c = state.cycles.find((x) => x.cycle === cycle);
  const sent = c?.notices[kind] ?? {};
  const refused = perKind ? (c?.refusedNotices?.[kind] ?? {}) : (c?.undeliverable ?? {});
  return countries.filter((country) => !sent[country] && !refused[country]);
}

export function recordDeliveries(
  current: CourseState,
  cycle: CycleNumber,
  kind: NoticeKind,
  report: DeliveryReport,
): CourseState {
  const state = clone(current);
  const c = state.cycles.find((x) => x.cycle === cycle);
  if (c) {
    c.notices[kind] = { ...(c.notices[kind] ?? {}), ...report.delivered };
    if (report.deliveredAt && Object.keys(report.deliveredAt).length > 0) {
      c.noticeTimes = { ...c.noticeTimes, [kind]: { ...c.noticeTimes?.[kind], ...report.deliveredAt } };
    }
    Object.assign(c.undeliverable, report.undeliverable);
    for (const country of Object.keys(report.delivered)) delete c.undeliverable[country];
    if (Object.keys(report.undeliverable).length > 0) {
      c.refusedNotices = {
        ...c.refusedNotices,
        [kind]: { ...c.refusedNotices?.[kind], ...report.undeliverable },
      };
    }
  }
  // An ended cycle's outcome counts notices too (a not-held notice goes out as the cycle ends).
  const outcome = state.outcomes.find((o) => o.cycle === cycle);
  if (outcome) {
    outcome.noticesSent += Object.keys(report.delivered).length;
    outcome.undeliverable = [...new Set([...outcome.undeliverable, ...Object.keys(report.undeliverable)])]
      .filter((country) => !report.delivered[country])
      .sort();
  }
  return state;
}

/** The id staff name in `kccp resend`: one per notice kind, or per staff reminder, of a cycle. */
export function deliveryProblemId(effect: Effect): string {
  switch (effect.type) {
    case 'notifyCountries':
      return `c${effect.cycle}/${effect.kind}`;
    case 'sendGeneralInformation':
      return `c${effect.cycle}/general-information`;
    case 'notifyHostCentre':
      return `c${effect.cycle}/host-centre-list-${effect.change}`;
    case 'sendParticipantDocuments':
      return `c${effect.cycle}/${effect.document}`;
    case 'remindStaff':
      return `c${effect.cycle}/staff-${effect.reminderKey}`
        .toLowerCase()
        .replace(/[^a-z0-9/-]+/g, '-')
        .slice(0, 63);
    case 'retryDelivery':
      return effect.problem;
  }
}

const truncate = (text: string) => (text.length > MAX_REASON_CHARS ? `${text.slice(0, MAX_REASON_CHARS)}…` : text);

/**
 * Records recipients an effect did not reach (merged into the problem of the same id) and clears
 * recipients that it did reach. Returns the new state and whether the problem is new.
 */
export function recordDeliveryProblem(
  current: CourseState,
  effect: Effect,
  context: NoticeContext,
  failed: Record<string, string>,
  now: number,
): { state: CourseState; problem: DeliveryProblem; isNew: boolean } {
  const state = clone(current);
  const problems = state.deliveryProblems ?? [];
  const id = deliveryProblemId(effect);
  const reasons = Object.fromEntries(Object.entries(failed).map(([who, why]) => [who, truncate(why)]));
  let problem = problems.find((p) => p.id === id);
  const isNew = !problem || Object.keys(problem.failed).length === 0;
  if (problem) {
    problem.failed = { ...problem.failed, ...reasons };
    problem.updatedAt = now;
    if (effect.type !== 'retryDelivery') problem.effect = mergeRecipients(problem.effect, effect);
  } else {
    problem = { id, cycle: context.cycle, at: now, updatedAt: now, effect, context, failed: reasons, resends: [] };
    problems.push(problem);
  }
  state.deliveryProblems = boundProblems(problems);
  return { state, problem, isNew };
}

/** After a retry: recipients it reached leave the problem; those it did not stay, with the new reason. */
export function settleDeliveryProblem(
  current: CourseState,
  id: string,
  reached: string[],
  failed: Record<string, string>,
  now: number,
): CourseState {
  const state = clone(current);
  const problem = state.deliveryProblems?.find((p) => p.id === id);
  if (!problem) return state;
  for (const who of reached) delete problem.failed[who];
  for (const [who, why] of Object.entries(failed)) problem.failed[who] = truncate(why);
  problem.updatedAt = now;
  return state;
}

export const openDeliveryProblems = (state: CourseState): DeliveryProblem[] =>
  (state.deliveryProblems ?? []).filter((p) => Object.keys(p.failed).length > 0);

/**
 * A `noticeResend` decision: carry out the problem's effect again for the recipients it lacks.
 * The delivery record keeps anything already delivered from going twice.
 */
export function resendDelivery(
  current: CourseState,
  d: DecisionOf<'noticeResend'>,
  now: number,
):
  | { ok: true; state: CourseState; effects: Effect[]; cycle: CycleNumber; summary: string }
  | { ok: false; reason: string } {
  const problem = (current.deliveryProblems ?? []).find((p) => p.id === d.problem);
  if (!problem) {
    const open = openDeliveryProblems(current).map((p) => p.id);
    return {
      ok: false,
      reason: `unknown problem: course ${current.spec.code} has no delivery problem ${d.problem} (open: ${open.join(', ') || 'none'})`,
    };
  }
  if (d.cycle !== undefined && d.cycle !== problem.cycle) {
    return { ok: false, reason: `invalid field: cycle: problem ${problem.id} belongs to cycle ${problem.cycle}` };
  }
  const recipients = Object.keys(problem.failed);
  if (recipients.length === 0) {
    return { ok: false, reason: `nothing to re-send: every recipient of ${problem.id} has received it` };
  }
  const state = clone(current);
  const stored = state.deliveryProblems!.find((p) => p.id === d.problem)!;
  stored.resends.push({ actor: d.actor, at: now, idempotencyKey: d.idempotencyKey });
  stored.resends = stored.resends.slice(-10);
  // The staff fixed the address: let the delivery record try these recipients again.
  const cycle = state.cycles.find((c) => c.cycle === problem.cycle);
  const kind = noticeKindOf(problem.effect);
  if (cycle && kind) {
    for (const country of recipients) {
      delete cycle.refusedNotices?.[kind]?.[country];
      delete cycle.undeliverable[country];
    }
  }
  return {
    ok: true,
    state,
    effects: [{ type: 'retryDelivery', cycle: problem.cycle, problem: problem.id }],
    cycle: problem.cycle,
    summary: `re-sending ${problem.id} to ${recipients.join(', ')}`,
  };
}

export function noticeKindOf(effect: Effect): NoticeKind | undefined {
  if (effect.type === 'notifyCountries') return effect.kind;
  if (effect.type === 'sendGeneralInformation') return 'general-information';
  return undefined;
}

/** The stored effect narrowed to the recipients still missing, for a retry. */
export function retryEffect(problem: DeliveryProblem): Effect {
  const missing = Object.keys(problem.failed);
  const e = problem.effect;
  if (e.type === 'notifyCountries' || e.type === 'sendGeneralInformation') {
    return { ...e, countries: e.countries.filter((c) => missing.includes(c)) };
  }
  if (e.type === 'sendParticipantDocuments')
    return { ...e, participants: e.participants.filter((p) => missing.includes(p.key)) };
  return e;
}

function mergeRecipients(stored: Effect, next: Effect): Effect {
  if (
    (stored.type === 'notifyCountries' && next.type === 'notifyCountries') ||
    (stored.type === 'sendGeneralInformation' && next.type === 'sendGeneralInformation')
  ) {
    const details =
      stored.type === 'notifyCountries' && next.type === 'notifyCountries'
        ? { details: stored.details || next.details ? { ...stored.details, ...next.details } : undefined }
        : {};
    return { ...next, ...details, countries: [...new Set([...stored.countries, ...next.countries])].sort() };
  }
  if (stored.type === 'sendParticipantDocuments' && next.type === 'sendParticipantDocuments') {
    const byKey = new Map([...stored.participants, ...next.participants].map((p) => [p.key, p]));
    return { ...next, participants: [...byKey.values()].sort((a, b) => a.key.localeCompare(b.key)) };
  }
  return next;
}

function boundProblems(problems: DeliveryProblem[]): DeliveryProblem[] {
  const out = [...problems];
  while (out.length > MAX_DELIVERY_PROBLEMS) {
    const settled = out.findIndex((p) => Object.keys(p.failed).length === 0);
    out.splice(settled >= 0 ? settled : 0, 1);
  }
  return out;
}
