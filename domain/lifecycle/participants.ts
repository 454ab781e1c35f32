/**
 * Participant records (issue 16, program-rules-v1): each nominee becomes a participant with the
 * application form and a status, moved only along the program's path:
 *   nominated → selected | not-selected → accepted | declined | withdrawn → attended → completed.
 * A run under the old rules keeps no records, so its histories replay as recorded.
 */
import type { Nominee } from '../decisions';
import { newRules } from './program-rules';
import type { CourseState, CycleState, Effect, Participant, ParticipantFigures, ParticipantStatus } from './types';

/** Where each status may go next; a status with no way on is terminal. */
export const NEXT_STATUSES: Readonly<Record<ParticipantStatus, readonly ParticipantStatus[]>> = {
  nominated: ['selected', 'not-selected'],
  selected: ['accepted', 'declined', 'withdrawn'],
  accepted: ['withdrawn', 'attended'],
  attended: ['completed'],
  'not-selected': [],
  declined: [],
  withdrawn: [],
  completed: [],
};
export const isTerminalStatus = (status: ParticipantStatus): boolean => NEXT_STATUSES[status].length === 0;

/** Selected or accepted: still expected in Japan, so still able to withdraw. */
export const LIVE_STATUSES: readonly ParticipantStatus[] = ['selected', 'accepted'];

interface By {
  actor: string;
  at: number;
}

export function findParticipant(cycle: CycleState, country: string, name: string): Participant | undefined {
  return cycle.participants?.find((p) => p.country === country && p.form.name === name);
}

/** The participant a decision names in `field`, or why there is none to act on. */
export function namedParticipant(
  cycle: CycleState,
  field: string,
  country: string,
  name: string,
): Participant | string {
  if (!cycle.participants)
    return `invalid field: ${field}: cycle ${cycle.cycle} keeps no participant records (its selection was made before program-rules-v1)`;
  return (
    findParticipant(cycle, country, name) ??
    `invalid field: ${field}: ${name} is not a participant from ${country} in cycle ${cycle.cycle}`
  );
}

/** Moves a participant on, or says why it may not: the status path is the rule. */
export function moveParticipant(p: Participant, to: ParticipantStatus, by: By, note?: string): string | undefined {
  if (!NEXT_STATUSES[p.status].includes(to)) {
    return `wrong status: ${p.form.name} (${p.country}) is ${p.status}; ${to} follows only ${statusesBefore(to).join(' or ')}`;
  }
  p.status = to;
  p.history.push({ status: to, actor: by.actor, at: by.at, ...(note ? { note } : {}) });
  return undefined;
}

const statusesBefore = (to: ParticipantStatus): ParticipantStatus[] =>
  (Object.keys(NEXT_STATUSES) as ParticipantStatus[]).filter((s) => NEXT_STATUSES[s].includes(to));

export function newParticipant(country: string, form: Nominee, status: ParticipantStatus, by: By): Participant {
  return { country, form, status, history: [{ status, actor: by.actor, at: by.at }] };
}

/** A government's nominees become participant records (new rules only). */
export function recordNominees(state: CourseState, cycle: CycleState, country: string, nominees: Nominee[], by: By) {
  if (!newRules(state)) return;
  cycle.participants = [
    ...(cycle.participants ?? []),
    ...nominees.map((n) => newParticipant(country, n, 'nominated', by)),
  ];
}

/** The selection settles every nominee: selected or not selected. */
export function recordSelection(cycle: CycleState, selected: Record<string, string[]>, by: By) {
  for (const p of cycle.participants ?? []) {
    if (p.status !== 'nominated') continue;
    const chosen = selected[p.country]?.includes(p.form.name) ?? false;
    moveParticipant(p, chosen ? 'selected' : 'not-selected', by);
  }
}

/**
 * The implementation report settles everyone still expected: those who came attended and completed,
 * those named absent (or of a country not reported) withdrew. With records, a country's count must
 * match its participants still expected less those named absent, so nobody's status is a guess.
 */
export function recordAttendance(
  cycle: CycleState,
  attendance: Record<string, number>,
  absent: { country: string; participant: string }[],
  by: By,
): string | undefined {
  if (!cycle.participants) return undefined;
  const live = cycle.participants.filter((p) => LIVE_STATUSES.includes(p.status));
  for (const a of absent) {
    if (!live.some((p) => p.country === a.country && p.form.name === a.participant)) {
      return `invalid field: absent: ${a.participant} is not a selected or accepted participant of ${a.country} in cycle ${cycle.cycle}`;
    }
  }
  const isAbsent = (p: Participant) =>
    absent.some((a) => a.country === p.country && a.participant === p.form.name) || attendance[p.country] === undefined;
  for (const [country, count] of Object.entries(attendance)) {
    const came = live.filter((p) => p.country === country && !isAbsent(p));
    if (came.length !== count) {
      return `invalid field: attendance.${country}.participants: ${came.length} participant(s) of ${country} are expected (${came.map((p) => p.form.name).join(', ') || 'none'}); report ${came.length}, or name who did not come with absent`;
    }
  }
  for (const p of live) {
    if (isAbsent(p)) moveParticipant(p, 'withdrawn', by, 'did not attend');
    else {
      // A selected participant who never confirmed but came is taken as accepted.
      if (p.status === 'selected') moveParticipant(p, 'accepted', by, 'attended without a recorded acceptance');
      moveParticipant(p, 'attended', by);
      moveParticipant(p, 'completed', by);
    }
  }
  return undefined;
}

/**
 * A cycle that ends leaves nobody in between: nominees never selected were not selected, those
 * still expected withdrew with the cycle, and those who attended completed.
 */
export function closeParticipants(cycle: CycleState, at: number) {
  const by = { actor: 'system', at };
  for (const p of cycle.participants ?? []) {
    const note = `cycle ended (${cycle.phase})`;
    if (p.status === 'nominated') moveParticipant(p, 'not-selected', by, note);
    else if (LIVE_STATUSES.includes(p.status)) moveParticipant(p, 'withdrawn', by, note);
    else if (p.status === 'attended') moveParticipant(p, 'completed', by, note);
  }
}

/** Counts by status, for `kccp status` and the yearly evaluation's rates. */
export function participantCounts(cycle: CycleState): Partial<Record<ParticipantStatus, number>> {
  const counts: Partial<Record<ParticipantStatus, number>> = {};
  for (const p of cycle.participants ?? []) counts[p.status] = (counts[p.status] ?? 0) + 1;
  return counts;
}

/** The figures the yearly evaluation's rates divide; undefined when the cycle keeps no records (old rules). */
export function participantFigures(cycle: CycleState): ParticipantFigures | undefined {
  if (!cycle.participants) return undefined;
  const ever = (p: Participant, status: ParticipantStatus) => p.history.some((h) => h.status === status);
  const count = (test: (p: Participant) => boolean) => cycle.participants!.filter(test).length;
  return {
    selected: count((p) => ever(p, 'selected')),
    accepted: count((p) => ever(p, 'accepted')),
    withdrawn: count((p) => p.status === 'withdrawn'),
    completed: count((p) => p.status === 'completed'),
    actionPlansRequested: count((p) => p.actionPlan !== undefined),
    actionPlansReceived: count((p) => p.actionPlan?.receivedAt !== undefined),
  };
}

/** When the participant list last changed: every change to it moves someone, so their newest status time. */
const lastChange = (cycle: CycleState): number =>
  Math.max(0, ...(cycle.participants ?? []).map((p) => p.history.at(-1)!.at));

/**
 * The host centre (the JICA domestic office running the course) is sent the list of participants
 * still expected when the selection is made, and the whole list again at each change, numbered so
 * each change has its own Message-ID and a retried delivery is the same message. Each list is
 * logged (number, time, rows, reason) for `kccp status`.
 */
export function hostCentreList(cycle: CycleState, reason: string, at = lastChange(cycle)): Effect[] {
  if (!cycle.participants) return [];
  const change = (cycle.hostCentreLists ?? 0) + 1;
  cycle.hostCentreLists = change;
  const participants = cycle.participants
    .filter((p) => LIVE_STATUSES.includes(p.status))
    .map((p) => ({ country: p.country, name: p.form.name, organization: p.form.organization, status: p.status }));
  cycle.hostCentreListLog = [...(cycle.hostCentreListLog ?? []), { change, at, rows: participants.length, reason }];
  return [{ type: 'notifyHostCentre', cycle: cycle.cycle, change, reason, participants }];
}
