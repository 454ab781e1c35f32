/**
 * One workflow per KCCP course, across its three annual cycles. It is the thin
 * shell around domain/lifecycle: decisions and the clock become events, the
 * machine's effects become activity calls, and what the course waits for is
 * published to search attributes and current details for operators.
 */
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { CourseActivities, DeliveryReport, NoticeContext, NoticeKind } from '../activities/contracts';
import { parseDecision } from '../domain/decisions';
import { authorizeDecision } from '../domain/staff';
import type { StaffKeys } from '../domain/staff';
import type { DecisionKind } from '../domain/decisions';
import type { CourseState, Effect } from '../domain/lifecycle';
import {
  advance,
  checkCourseSpec,
  compactForContinueAsNew,
  courseIndex,
  courseStatus,
  createCourseState,
  decide,
  isCourseFinished,
  isTerminal,
  nextWakeUp,
  recordDeliveries,
  recordRejection,
  undelivered,
  waitingFor,
} from '../domain/lifecycle';
import { decisionSignals, decisionUpdates, staffKeysChangedSignal, statusQuery } from './messages';
import type { CourseWorkflowInput, CourseWorkflowResult, DecisionAnswer } from './messages';
import { CourseCode, CourseCycle, CoursePhase, CourseSubject, FiscalYear } from './search-attributes';

const { notifyCountries, sendGeneralInformation, remindStaff } = proxyActivities<CourseActivities>({
  // One call fans out to every country of a notice and heartbeats its progress.
  startToCloseTimeout: '15 minutes',
  heartbeatTimeout: '2 minutes',
  // No attempt limit: a relay that is down delays notices, it never loses them.
  retry: {
    initialInterval: '10 seconds',
    backoffCoefficient: 2,
    maximumInterval: '10 minutes',
    nonRetryableErrorTypes: ['InvalidNoticeData', 'StaffAddressRejected'],
  },
});

const { loadStaffKeys } = proxyActivities<CourseActivities>({
  startToCloseTimeout: '30 seconds',
  // A broken staff-keys file shows as a retrying activity until an operator fixes it; decisions wait.
  retry: { initialInterval: '5 seconds', maximumInterval: '5 minutes' },
});

/** Courses started before signed decisions existed never load keys: their histories have no such activity. */
const SIGNED_DECISIONS_PATCH = 'signed-decisions-v1';

export async function courseLifecycle(input: CourseWorkflowInput): Promise<CourseWorkflowResult> {
  let state: CourseState;
  const effects: Effect[] = [];
  if (input.state) {
    state = input.state;
  } else {
    // Judged at the start the client asked for, not at the first task: a slow or stopped worker must not fail the course.
    const check = checkCourseSpec(input.spec, workflowInfo().startTime.getTime());
    if (!check.ok) throw ApplicationFailure.nonRetryable(check.reason, 'InvalidCourse');
    const created = createCourseState(check.spec, Date.now());
    state = created.state;
    effects.push(...created.effects);
  }
  const runningAtStart = state.cycles.filter((c) => !isTerminal(c.phase)).length;
  const signedDecisions = patched(SIGNED_DECISIONS_PATCH);
  let staffKeys: StaffKeys | undefined = signedDecisions ? undefined : { enforce: false, keys: [] };
  let reloadStaffKeys = signedDecisions;

  /** Applies calendar events due by now; every path that reads or changes the state goes through here. */
  const tick = (): void => {
    const moved = advance(state, Date.now());
    state = moved.state;
    effects.push(...moved.effects);
  };

  const tryDecision = (kind: DecisionKind, raw: unknown) => {
    const parsed = parseDecision(raw);
    if (!parsed.ok) return { ok: false as const, reason: parsed.reason };
    if (parsed.value.kind !== kind) {
      return { ok: false as const, reason: `invalid field: kind: "${parsed.value.kind}" sent as a ${kind} decision` };
    }
    // Until the keys are loaded the handler waits and checks again; the validator lets it through to wait.
    const unauthorized = staffKeys && authorizeDecision(staffKeys, state.spec.code, raw as Record<string, unknown>);
    if (unauthorized) return { ok: false as const, reason: unauthorized };
    return decide(advance(state, Date.now()).state, parsed.value, Date.now());
  };

  const apply = async (kind: DecisionKind, raw: unknown): Promise<DecisionAnswer> => {
    await condition(() => staffKeys !== undefined);
    tick();
    const result = tryDecision(kind, raw);
    if (!result.ok) throw ApplicationFailure.nonRetryable(result.reason, 'DecisionRejected');
    state = result.state;
    effects.push(...result.effects);
    publish();
    const phase = state.cycles.find((c) => c.cycle === result.cycle)?.phase ?? 'Completed';
    return { accepted: true, cycle: result.cycle, duplicate: result.duplicate, phase, message: result.message };
  };

  for (const kind of Object.keys(decisionUpdates) as DecisionKind[]) {
    setHandler(decisionUpdates[kind], (raw: unknown) => apply(kind, raw), {
      // Validation runs before anything is written to history: a rejected update leaves no trace.
      validator: (raw: unknown) => {
        const result = tryDecision(kind, raw);
        if (!result.ok) throw new Error(result.reason);
      },
    });
    setHandler(decisionSignals[kind], async (raw: unknown) => {
      try {
        await apply(kind, raw);
      } catch (err) {
        // A bad signal must never fail a workflow task: keep it where operators can see it.
        const actor = typeof raw === 'object' && raw !== null ? String((raw as { actor?: unknown }).actor ?? '') : '';
        state = recordRejection(state, {
          at: Date.now(),
          kind,
          actor: actor || undefined,
          reason: (err as Error).message,
          via: 'signal',
        });
      }
    });
  }
  setHandler(statusQuery, () => courseStatus(state, Date.now()));
  setHandler(staffKeysChangedSignal, () => {
    // Only a prompt: the keys themselves come from the worker's configuration, never from the signal.
    if (signedDecisions) reloadStaffKeys = true;
  });

  let published = '';
  let publishedDetails = '';
  function publish(): void {
    const index = courseIndex(state);
    const key = `${index.phase}/${index.cycle}/${index.fiscalYear}`;
    if (key !== published) {
      upsertSearchAttributes([
        { key: CourseCode, value: state.spec.code },
        { key: CourseSubject, value: state.spec.subject },
        { key: CoursePhase, value: index.phase },
        { key: CourseCycle, value: index.cycle },
        { key: FiscalYear, value: index.fiscalYear },
      ]);
      published = key;
    }
    // Current details need only what each running cycle waits for; the full status is for the query.
    const running = state.cycles.filter((c) => !isTerminal(c.phase));
    const focus = running.find((c) => c.cycle === index.cycle);
    const threshold = state.spec.participationThreshold;
    const details = [
      `**${state.spec.code}** ${state.spec.title} (${state.spec.subject})`,
      `Phase: **${index.phase}**, cycle ${index.cycle} of 3, JFY${index.fiscalYear}`,
      `Waiting for: ${focus ? `cycle ${focus.cycle}: ${waitingFor(focus, threshold).text}` : 'nothing: the course has completed'}`,
      ...running
        .filter((c) => c !== focus)
        .map((c) => `Cycle ${c.cycle}: ${c.phase}, waiting for ${waitingFor(c, threshold).text}`),
    ].join('\n\n');
    if (details !== publishedDetails) {
      setCurrentDetails(details);
      publishedDetails = details;
    }
  }

  const context = (cycleNumber: 1 | 2 | 3): NoticeContext => {
    const cycle = state.cycles.find((c) => c.cycle === cycleNumber)!;
    const { code, title, subject, hostCentre } = state.spec;
    return {
      course: { code, title, subject, hostCentre },
      cycle: cycleNumber,
      fiscalYear: cycle.fiscalYear,
      windows: cycle.calendar.windows,
      mode: cycle.mode,
    };
  };

  async function deliver(
    cycle: 1 | 2 | 3,
    kind: NoticeKind,
    countries: string[],
    send: (countries: string[]) => Promise<DeliveryReport>,
  ): Promise<void> {
    const pending = undelivered(state, cycle, kind, countries);
    if (pending.length === 0) return;
    const report = await send(pending);
    state = recordDeliveries(state, cycle, kind, report);
    const refused = Object.keys(report.undeliverable);
    if (refused.length) {
      effects.push({
        type: 'remindStaff',
        cycle,
        office: 'course-officer',
        subject: 'undeliverable-countries',
        reminderKey: `undeliverable-${kind}`,
        facts: { kind, countries: refused, reasons: refused.map((c) => `${c}: ${report.undeliverable[c]}`) },
      });
    }
  }

  async function run(effect: Effect): Promise<void> {
    switch (effect.type) {
      case 'notifyCountries':
        return deliver(effect.cycle, effect.kind, effect.countries, (countries) =>
          notifyCountries({
            context: context(effect.cycle),
            kind: effect.kind,
            countries,
            facts: effect.facts,
            details: effect.details,
          }),
        );
      case 'sendGeneralInformation':
        return deliver(effect.cycle, 'general-information', effect.countries, (countries) =>
          sendGeneralInformation({ context: context(effect.cycle), countries }),
        );
      case 'remindStaff':
        await remindStaff({
          context: context(effect.cycle),
          office: effect.office,
          subject: effect.subject,
          reminderKey: effect.reminderKey,
          deadline: effect.deadline,
          facts: effect.facts,
        });
        return;
    }
  }

  for (;;) {
    if (reloadStaffKeys) {
      reloadStaffKeys = false;
      staffKeys = await loadStaffKeys();
    }
    tick();
    publish();
    while (effects.length > 0) {
      await run(effects.shift()!);
      tick();
      publish();
    }
    if (isCourseFinished(state)) break;
    const cycleEnded = state.cycles.filter((c) => !isTerminal(c.phase)).length < runningAtStart;
    if (cycleEnded || workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      if (effects.length === 0) {
        await continueAsNew<typeof courseLifecycle>({ spec: state.spec, state: compactForContinueAsNew(state) });
      }
      continue;
    }
    const wake = nextWakeUp(state);
    const wait = wake === undefined ? undefined : wake - Date.now();
    const woken = () => effects.length > 0 || reloadStaffKeys;
    if (wait === undefined) await condition(woken);
    else if (wait > 0) await condition(woken, wait);
  }

  await condition(allHandlersFinished);
  return { code: state.spec.code, outcomes: state.outcomes };
}
