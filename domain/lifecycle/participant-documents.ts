/**
 * Documents to participants (issue 16, participant-documents-v1): the acceptance letter at selection,
 * joining instructions when pre-arrival opens, the certificate of completion after the implementation
 * report, and after return the action-plan request with two reminders to those whose plan has not
 * come back. Each goes once per participant: the participant's own record says what they received.
 *
 * The follow-up window is the post-return phase: plans are due when it closes, reminders go 14 and 3
 * days before (half-way and the last eighth of a short window). It never holds the cycle open: a plan
 * may still be recorded during the evaluation, and when the cycle ends a plan not back is not received.
 */
import type { CycleNumber } from '../calendar';
import { participantDocuments } from './program-rules';
import { LIVE_STATUSES } from './participants';
import { clone } from './rules';
import { reminderLeads } from './calendar-events';
import type { CourseState, CycleState, DocumentRecipient, Effect, Participant, ParticipantDocument } from './types';

export type ActionPlanReminder = 'action-plan-reminder' | 'action-plan-final-reminder';

export interface ParticipantReminderEvent {
  type: 'participantReminderDue';
  cycle: CycleNumber;
  document: ActionPlanReminder;
  at: number;
}

export const recipientKey = (p: Pick<Participant, 'country' | 'form'>): string => `${p.country}:${p.form.name}`;

const recipientOf = (p: Participant): DocumentRecipient => ({
  key: recipientKey(p),
  country: p.country,
  name: p.form.name,
  email: p.form.email,
  organization: p.form.organization,
  position: p.form.position,
  ...(p.form.documentLanguage ? { language: p.form.documentLanguage } : {}),
});

const backFromJapan = (cycle: CycleState) => cycle.phase === 'PostReturn' || cycle.phase === 'Evaluation';

/** Whether a participant in this state may receive a document: checked when it is asked for and when it is sent. */
export function mayReceive(document: ParticipantDocument, p: Participant): boolean {
  switch (document) {
    case 'acceptance-letter':
    case 'joining-instructions':
      return LIVE_STATUSES.includes(p.status);
    case 'certificate':
      return p.status === 'completed';
    case 'action-plan-request':
      return p.status === 'completed' && p.actionPlan?.receivedAt === undefined;
    case 'action-plan-reminder':
    case 'action-plan-final-reminder':
      return p.status === 'completed' && p.actionPlan !== undefined && p.actionPlan.receivedAt === undefined;
  }
}

function send(
  state: CourseState,
  cycle: CycleState,
  document: ParticipantDocument,
  people: Participant[],
  facts?: Record<string, string>,
): Effect[] {
  if (!participantDocuments(state)) return [];
  const to = people.filter((p) => mayReceive(document, p) && !p.documents?.[document]);
  if (to.length === 0) return [];
  const participants = to.map(recipientOf).sort((a, b) => a.key.localeCompare(b.key));
  return [
    { type: 'sendParticipantDocuments', cycle: cycle.cycle, document, participants, ...(facts ? { facts } : {}) },
  ];
}

/** At selection, to everyone selected; at a substitution, to the substitute (`people`). */
export function acceptanceLetters(state: CourseState, cycle: CycleState, people = cycle.participants ?? []): Effect[] {
  return send(state, cycle, 'acceptance-letter', people);
}

/** When pre-arrival opens, to everyone still expected; a substitute named during pre-arrival has them at once. */
export function joiningInstructions(
  state: CourseState,
  cycle: CycleState,
  people = cycle.participants ?? [],
): Effect[] {
  if (cycle.phase !== 'PreArrival') return [];
  return send(state, cycle, 'joining-instructions', people);
}

/** After the implementation report, to each participant who completed. */
export function certificates(state: CourseState, cycle: CycleState): Effect[] {
  return send(state, cycle, 'certificate', cycle.participants ?? []);
}

/** When the plans are due: the post-return window's close, or the evaluation's for a report made after it. */
export function actionPlanDue(cycle: CycleState, now: number): string {
  const w = cycle.calendar.windows;
  return Date.parse(w.postReturn.closes) > now ? w.postReturn.closes : w.evaluation.closes;
}

/**
 * Once back (post-return or evaluation) and the implementation report settled who completed: the
 * request to each completed participant not yet asked. Recorded as asked when the request is made.
 */
export function actionPlanRequests(state: CourseState, cycle: CycleState, now: number): Effect[] {
  if (!participantDocuments(state) || !backFromJapan(cycle) || !cycle.implementation) return [];
  const asked = (cycle.participants ?? []).filter((p) => p.status === 'completed' && !p.actionPlan);
  for (const p of asked) p.actionPlan = { requestedAt: now };
  return send(state, cycle, 'action-plan-request', asked, { due: actionPlanDue(cycle, now) });
}

/** The two reminders before the plans are due, on the post-return window's leads. */
export function actionPlanReminderEvents(cycle: CycleState): ParticipantReminderEvent[] {
  const w = cycle.calendar.windows.postReturn;
  const opens = Date.parse(w.opens);
  const closes = Date.parse(w.closes);
  const kinds: ActionPlanReminder[] = ['action-plan-reminder', 'action-plan-final-reminder'];
  return reminderLeads(opens, closes).map((lead, i) => ({
    type: 'participantReminderDue',
    cycle: cycle.cycle,
    document: kinds[i]!,
    at: closes - lead.ms,
  }));
}

/** A reminder goes only to those asked whose plan has not come back. */
export function actionPlanReminder(state: CourseState, cycle: CycleState, event: ParticipantReminderEvent): Effect[] {
  if (cycle.phase !== 'PostReturn') return [];
  return send(state, cycle, event.document, cycle.participants ?? [], {
    due: cycle.calendar.windows.postReturn.closes,
  });
}

/** The recipients of a document still to receive it, and still in a status that may: read before sending. */
export function pendingRecipients(
  state: CourseState,
  cycleNumber: CycleNumber,
  document: ParticipantDocument,
  recipients: DocumentRecipient[],
): DocumentRecipient[] {
  const cycle = state.cycles.find((c) => c.cycle === cycleNumber);
  return recipients.filter((r) => {
    const p = cycle?.participants?.find((x) => recipientKey(x) === r.key);
    return p !== undefined && mayReceive(document, p) && !p.documents?.[document];
  });
}

/** Records which participants the relay took a document for (key → Message-ID). */
export function recordDocuments(
  current: CourseState,
  cycleNumber: CycleNumber,
  document: ParticipantDocument,
  delivered: Record<string, string>,
  at: number,
): CourseState {
  const state = clone(current);
  const cycle = state.cycles.find((c) => c.cycle === cycleNumber);
  for (const p of cycle?.participants ?? []) {
    const messageId = delivered[recipientKey(p)];
    if (messageId) p.documents = { ...p.documents, [document]: { messageId, at } };
  }
  return state;
}
