/**
 * Carries out the state machine's effects: notices and GI packages to
 * governments, reminders to staff. No failure of theirs ends a course: a
 * refused address or an activity that fails for good becomes a delivery
 * problem in the course's record, staff are told, and `kccp resend` repairs it.
 */
import { ActivityFailure, log, metricMeter, proxyActivities } from '@temporalio/workflow';
import type { CourseActivities, DeliveryReport, NoticeContext, NoticeKind } from '../../activities/contracts';
import type { CourseState, DeliveryProblem, Effect } from '../../domain/lifecycle';
import {
  noticeContext,
  pendingRecipients,
  recordDeliveries,
  recordDocuments,
  recordDeliveryProblem,
  retryEffect,
  settleDeliveryProblem,
  undelivered,
} from '../../domain/lifecycle';
import { FAILURE } from '../../domain/failures';

const { notifyCountries, sendGeneralInformation, remindStaff, notifyHostCentre, sendParticipantDocuments } =
  proxyActivities<CourseActivities>({
    // One call fans out to every country of a notice and heartbeats its progress.
    startToCloseTimeout: '15 minutes',
    heartbeatTimeout: '2 minutes',
    // No attempt limit: a relay that is down delays notices, it never loses them.
    retry: {
      initialInterval: '10 seconds',
      backoffCoefficient: 2,
      maximumInterval: '10 minutes',
      nonRetryableErrorTypes: [FAILURE.InvalidNoticeData, FAILURE.StaffAddressRejected],
    },
  });

/** The course's state as the workflow holds it: effects read and replace it. */
export interface CourseRecord {
  state: CourseState;
  effects: Effect[];
}

const problemsCounter = () =>
  metricMeter.createCounter('kccp_delivery_problems', 'problems', 'Notices or staff reminders that did not arrive');

export class Deliveries {
  /** @param integrity record-integrity-v1: refusals per notice kind, problems recorded for `kccp resend`. */
  constructor(
    private readonly course: CourseRecord,
    private readonly integrity: boolean,
  ) {}

  async run(effect: Effect): Promise<void> {
    const context = this.contextOf(effect);
    if (!context) return;
    try {
      await this.carryOut(effect, context);
    } catch (error) {
      // Only an activity's own failure is a delivery problem; anything else is a bug to surface.
      if (!(error instanceof ActivityFailure)) throw error;
      const reason = error.cause?.message ?? error.message;
      this.problem(effect, context, Object.fromEntries(recipientsOf(effect).map((r) => [r, reason])), true);
    }
  }

  private contextOf(effect: Effect): NoticeContext | undefined {
    if (effect.type === 'retryDelivery') return this.stored(effect.problem)?.context;
    const cycle = this.course.state.cycles.find((c) => c.cycle === effect.cycle);
    return cycle ? noticeContext(this.course.state, cycle) : undefined;
  }

  private stored(id: string): DeliveryProblem | undefined {
    return this.course.state.deliveryProblems?.find((p) => p.id === id);
  }

  /** Carries out one effect; a notice answers with what the relay took and refused. */
  private async carryOut(effect: Effect, context: NoticeContext): Promise<DeliveryReport | undefined> {
    switch (effect.type) {
      case 'notifyCountries':
        return this.deliver(effect, effect.kind, context, (countries) =>
          notifyCountries({ context, kind: effect.kind, countries, facts: effect.facts, details: effect.details }),
        );
      case 'sendGeneralInformation':
        return this.deliver(effect, 'general-information', context, (countries) =>
          sendGeneralInformation({ context, countries }),
        );
      case 'remindStaff':
        await remindStaff({
          context,
          office: effect.office,
          subject: effect.subject,
          reminderKey: effect.reminderKey,
          deadline: effect.deadline,
          facts: effect.facts,
        });
        return undefined;
      case 'notifyHostCentre':
        await notifyHostCentre({
          context,
          change: effect.change,
          reason: effect.reason,
          participants: effect.participants,
        });
        return undefined;
      case 'sendParticipantDocuments':
        return this.deliverDocuments(effect, context);
      case 'retryDelivery':
        await this.retry(effect.problem, context);
        return undefined;
    }
  }

  /** Documents to participants: the participants' own records keep each to once per person. */
  private async deliverDocuments(
    effect: Extract<Effect, { type: 'sendParticipantDocuments' }>,
    context: NoticeContext,
  ): Promise<DeliveryReport> {
    const pending = pendingRecipients(this.course.state, context.cycle, effect.document, effect.participants);
    if (pending.length === 0) return { delivered: {}, undeliverable: {} };
    const report = await sendParticipantDocuments({
      context,
      document: effect.document,
      participants: pending,
      facts: effect.facts,
    });
    this.course.state = recordDocuments(
      this.course.state,
      context.cycle,
      effect.document,
      report.delivered,
      Date.now(),
    );
    const refused = Object.keys(report.undeliverable);
    if (refused.length > 0) {
      this.course.effects.push({
        type: 'remindStaff',
        cycle: context.cycle,
        office: 'course-officer',
        subject: 'undeliverable-participants',
        reminderKey: `undeliverable-${effect.document}`,
        facts: {
          kind: effect.document,
          participants: refused,
          reasons: refused.map((k) => `${k}: ${report.undeliverable[k]}`),
        },
      });
      this.problem(effect, context, report.undeliverable, false);
    }
    return report;
  }

  private async deliver(
    effect: Effect & { countries: string[] },
    kind: NoticeKind,
    context: NoticeContext,
    send: (countries: string[]) => Promise<DeliveryReport>,
  ): Promise<DeliveryReport> {
    const pending = undelivered(this.course.state, context.cycle, kind, effect.countries, this.integrity);
    if (pending.length === 0) return { delivered: {}, undeliverable: {} };
    const report = await send(pending);
    this.course.state = recordDeliveries(this.course.state, context.cycle, kind, report);
    const refused = Object.keys(report.undeliverable);
    if (refused.length === 0) return report;
    this.course.effects.push({
      type: 'remindStaff',
      cycle: context.cycle,
      office: 'course-officer',
      subject: 'undeliverable-countries',
      reminderKey: `undeliverable-${kind}`,
      facts: { kind, countries: refused, reasons: refused.map((c) => `${c}: ${report.undeliverable[c]}`) },
    });
    if (this.integrity) this.problem(effect, context, report.undeliverable, false);
    return report;
  }

  /** A `kccp resend`: the stored effect again, for those it lacks; the record keeps the rest from going twice. */
  private async retry(id: string, context: NoticeContext): Promise<void> {
    const problem = this.stored(id);
    if (!problem || Object.keys(problem.failed).length === 0) return;
    const effect = retryEffect(problem);
    const missing = recipientsOf(effect);
    let failed: Record<string, string> = {};
    try {
      const report = await this.carryOut(effect, context);
      failed = Object.fromEntries(Object.entries(report?.undeliverable ?? {}).filter(([c]) => missing.includes(c)));
    } catch (error) {
      if (!(error instanceof ActivityFailure)) throw error;
      const reason = error.cause?.message ?? error.message;
      failed = Object.fromEntries(missing.map((r) => [r, reason]));
    }
    // Anyone not refused now has it: delivered by this retry, or already before (never twice).
    const reached = missing.filter((r) => failed[r] === undefined);
    this.course.state = settleDeliveryProblem(this.course.state, id, reached, failed, Date.now());
    log.info('delivery problem retried', { problem: id, reached, failed: Object.keys(failed) });
  }

  private problem(effect: Effect, context: NoticeContext, failed: Record<string, string>, activityFailed: boolean) {
    const recorded = recordDeliveryProblem(this.course.state, effect, context, failed, Date.now());
    this.course.state = recorded.state;
    problemsCounter().add(Object.keys(failed).length, { course: context.course.code, problem: recorded.problem.id });
    log.warn('delivery problem', { problem: recorded.problem.id, failed });
    // Refused countries already reach the course officer above; a failed activity is an operator's to look at.
    const office = effect.type === 'remindStaff' && effect.office === 'operator' ? 'course-officer' : 'operator';
    const aboutAReminder = effect.type === 'remindStaff' && effect.subject === 'delivery-problem';
    if (activityFailed && recorded.isNew && !aboutAReminder) {
      this.course.effects.push({
        type: 'remindStaff',
        cycle: context.cycle,
        office,
        subject: 'delivery-problem',
        reminderKey: `problem-${recorded.problem.id.replace('/', '-')}`,
        facts: {
          problem: recorded.problem.id,
          reasons: Object.entries(failed).map(([who, why]) => `${who}: ${why}`),
          repair: `kccp resend ${context.course.code} ${recorded.problem.id}`,
        },
      });
    }
  }
}

function recipientsOf(effect: Effect): string[] {
  switch (effect.type) {
    case 'notifyCountries':
    case 'sendGeneralInformation':
      return effect.countries;
    case 'remindStaff':
      return [effect.office];
    case 'notifyHostCentre':
      return ['host-centre'];
    case 'sendParticipantDocuments':
      return effect.participants.map((p) => p.key);
    case 'retryDelivery':
      return [];
  }
}
