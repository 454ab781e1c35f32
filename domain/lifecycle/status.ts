/** The status query's answer: what a course is doing, waits for and has done, in Asia/Tokyo. */
import type { WindowName } from '../course';
import type { CycleNumber } from '../calendar';
import { toTokyoIso } from '../calendar';
import type { CourseMode } from '../decisions';
import { courseIndex } from './course';
import { openDeliveryProblems } from './delivery';
import { participantFigures } from './participants';
import { hostCentreListRows, noticeRows, type HostCentreListRow, type NoticeRow } from './told';
import { requestingCountries } from './rules';
import { expectedParticipants, mofaCutOff, newRules, openFindings } from './program-rules';
import type {
  CoursePhase,
  CycleOutcome,
  CyclePhase,
  CycleState,
  DecisionLogEntry,
  ParticipantFigures,
  ParticipantStatus,
  CourseState,
  Rejection,
  UnplacedFindings,
} from './types';
import { isTerminal } from './types';

export interface OpenWindow {
  window: WindowName;
  opens: string;
  closes: string;
}

export interface CycleStatus {
  cycle: CycleNumber;
  fiscalYear: number;
  phase: CyclePhase;
  mode: CourseMode;
  waitingFor: string;
  deadline?: string;
  openWindows: OpenWindow[];
  scrutinyRequired: boolean;
  decisions: (Omit<DecisionLogEntry, 'at'> & { at: string })[];
  surveyTally: {
    responses: number;
    requesting: string[];
    declined: string[];
    expectedParticipants: number;
    threshold: number;
    /** Expected participants a course needs besides its countries, when it sets a threshold. */
    expectedParticipantsThreshold?: number;
  };
  participating: string[];
  nominatedCountries: string[];
  selectedParticipants: Record<string, number>;
  /** Participants per country from the implementation report, once it is recorded. */
  attendance: Record<string, number>;
  noticesSent: Record<string, number>;
  /** Each notice delivered, per recipient: who was told what and when. */
  notices: NoticeRow[];
  /** The participant lists sent to the host centre, once the selection is made (program-rules-v1). */
  hostCentreLists?: HostCentreListRow[];
  undeliverable: Record<string, string>;
  carriedFindings: string[];
  /** Carried findings the latest plan has not acknowledged: the next plan must (program-rules-v1). */
  openFindings: string[];
  /** When MOFA's determination stops being in time for nominations (program-rules-v1). */
  mofaCutOff?: string;
  /** Each nominee's status, once nominations are recorded (program-rules-v1); no contact details. */
  participants?: ParticipantRow[];
  /** What the yearly evaluation's rates count of those records; absent when the cycle keeps none. */
  participantFigures?: ParticipantFigures;
}

export interface ParticipantRow {
  country: string;
  name: string;
  organization: string;
  status: ParticipantStatus;
  /** When the status was set, and by whom. */
  since: string;
  by: string;
  replaces?: string;
  replacedBy?: string;
  /** Documents received (participant-documents-v1): kind → when it went, Asia/Tokyo. */
  documents?: Record<string, string>;
  /** The action-plan follow-up: when it was asked for, and when it came back. */
  actionPlan?: { requestedAt: string; receivedAt?: string };
}

export const participantRows = (cycle: CycleState): ParticipantRow[] | undefined =>
  cycle.participants?.map((p) => {
    const last = p.history.at(-1)!;
    return {
      country: p.country,
      name: p.form.name,
      organization: p.form.organization,
      status: p.status,
      since: toTokyoIso(last.at),
      by: last.actor,
      ...(p.replaces ? { replaces: p.replaces } : {}),
      ...(p.replacedBy ? { replacedBy: p.replacedBy } : {}),
      ...(p.documents
        ? {
            documents: Object.fromEntries(
              Object.entries(p.documents).map(([kind, sent]) => [kind, toTokyoIso(sent!.at)]),
            ),
          }
        : {}),
      ...(p.actionPlan
        ? {
            actionPlan: {
              requestedAt: toTokyoIso(p.actionPlan.requestedAt),
              ...(p.actionPlan.receivedAt !== undefined ? { receivedAt: toTokyoIso(p.actionPlan.receivedAt) } : {}),
            },
          }
        : {}),
    };
  });

export interface CourseStatus {
  code: string;
  title: string;
  subject: string;
  phase: CoursePhase;
  cycle: CycleNumber;
  fiscalYear: number;
  asOf: string;
  waitingFor: string;
  cycles: CycleStatus[];
  outcomes: (CycleOutcome & { evaluated: boolean })[];
  rejections: (Omit<Rejection, 'at'> & { at: string })[];
  /** Evaluation findings no cycle in formulation could take, for the course officer. */
  unplacedFindings: (Omit<UnplacedFindings, 'at'> & { at: string })[];
  /** Notices and reminders that did not reach everyone, for `kccp resend`. */
  deliveryProblems: {
    id: string;
    cycle: CycleNumber;
    at: string;
    failed: Record<string, string>;
    resends: { actor: string; at: string }[];
  }[];
}

/** What the cycle waits for, and until when: the same words go to the Web UI's current details. */
export function waitingFor(cycle: CycleState, state: CourseState): { text: string; deadline?: string } {
  const w = cycle.calendar.windows;
  const requesting = requestingCountries(cycle).length;
  const threshold = state.spec.participationThreshold;
  const rules = newRules(state);
  switch (cycle.phase) {
    case 'Scheduled':
      return { text: `formulation, which opens ${w.formulation.opens}`, deadline: w.formulation.opens };
    case 'Formulation': {
      const open = openFindings(cycle).length;
      let wanted = 'the course plan';
      if (rules && open > 0) wanted = `a plan acknowledging ${open} evaluation finding(s)`;
      else if (rules && cycle.plan) wanted = 'the scrutiny window; the plan is recorded';
      else if (rules) wanted = 'the course plan (without one the cycle is not held)';
      return { text: `${wanted}, until formulation closes ${w.formulation.closes}`, deadline: w.formulation.closes };
    }
    case 'Scrutiny':
      return {
        text: `the scrutiny decision by ${w.scrutiny.closes}; request survey ${cycle.surveyClosed ? 'closed' : 'open'} (${requesting}/${threshold} requests)`,
        deadline: w.scrutiny.closes,
      };
    case 'RequestSurvey':
      return {
        text: `request survey responses until ${w.requestSurvey.closes} (${requesting}/${threshold} requests)`,
        deadline: w.requestSurvey.closes,
      };
    case 'MofaDetermination': {
      if (!rules)
        return {
          text: `the MOFA determination by ${w.mofaDetermination.closes} (hard deadline)`,
          deadline: w.mofaDetermination.closes,
        };
      const cutOff = toTokyoIso(mofaCutOff(state, cycle));
      return {
        text: `the MOFA determination, typically by ${w.mofaDetermination.closes}; not held if still undecided at ${cutOff}, when it can no longer precede nominations`,
        deadline: cutOff,
      };
    }
    case 'Nominations':
      return {
        text: `nominations from ${cycle.participating.length - Object.keys(cycle.nominations).length} of ${cycle.participating.length} countries until ${w.nominations.closes}`,
        deadline: w.nominations.closes,
      };
    case 'Selection':
      return cycle.selection
        ? { text: `pre-arrival activities, which start ${w.preArrival.opens}`, deadline: w.preArrival.opens }
        : { text: `the selection by ${w.selection.closes}`, deadline: w.selection.closes };
    case 'PreArrival':
      return { text: `the course in Japan, from ${w.inJapan.opens}`, deadline: w.inJapan.opens };
    case 'InJapan':
      return { text: `the end of the course in Japan, ${w.inJapan.closes}`, deadline: w.inJapan.closes };
    case 'PostReturn':
      return {
        text: `${cycle.implementation ? 'post-return activities' : 'the implementation report'} until ${w.postReturn.closes}`,
        deadline: w.postReturn.closes,
      };
    case 'Evaluation':
      return {
        text: `the yearly evaluation of JFY${cycle.fiscalYear}, until ${w.evaluation.closes}`,
        deadline: w.evaluation.closes,
      };
    default:
      return { text: 'nothing: this cycle has ended' };
  }
}

function cycleStatus(cycle: CycleState, state: CourseState, now: number): CycleStatus {
  const requesting = requestingCountries(cycle);
  const wait = waitingFor(cycle, state);
  const rules = newRules(state);
  return {
    cycle: cycle.cycle,
    fiscalYear: cycle.fiscalYear,
    phase: cycle.phase,
    mode: cycle.mode,
    waitingFor: wait.text,
    deadline: wait.deadline,
    openWindows: (Object.entries(cycle.calendar.windows) as [WindowName, { opens: string; closes: string }][])
      .filter(([, w]) => Date.parse(w.opens) <= now && now < Date.parse(w.closes))
      .map(([window, w]) => ({ window, ...w })),
    scrutinyRequired: cycle.scrutinyRequired,
    decisions: cycle.decisions.map((d) => ({ ...d, at: toTokyoIso(d.at) })),
    surveyTally: {
      responses: Object.keys(cycle.survey).length,
      requesting,
      declined: Object.entries(cycle.survey)
        .filter(([, r]) => !r.wantsToParticipate)
        .map(([c]) => c)
        .sort(),
      expectedParticipants: expectedParticipants(cycle),
      threshold: state.spec.participationThreshold,
      expectedParticipantsThreshold: state.spec.expectedParticipantsThreshold,
    },
    participating: cycle.participating,
    nominatedCountries: Object.keys(cycle.nominations).sort(),
    selectedParticipants: Object.fromEntries(
      Object.entries(cycle.selection?.participants ?? {}).map(([c, names]) => [c, names.length]),
    ),
    attendance: cycle.implementation?.attendance ?? {},
    noticesSent: Object.fromEntries(
      Object.entries(cycle.notices).map(([kind, byCountry]) => [kind, Object.keys(byCountry ?? {}).length]),
    ),
    notices: noticeRows(cycle),
    ...(cycle.hostCentreLists ? { hostCentreLists: hostCentreListRows(state, cycle) } : {}),
    undeliverable: cycle.undeliverable,
    carriedFindings: cycle.carriedFindings,
    openFindings: rules ? openFindings(cycle) : [],
    mofaCutOff: rules ? toTokyoIso(mofaCutOff(state, cycle)) : undefined,
    ...(cycle.participants
      ? { participants: participantRows(cycle), participantFigures: participantFigures(cycle) }
      : {}),
  };
}

export function courseStatus(state: CourseState, now: number): CourseStatus {
  const index = courseIndex(state);
  const running = state.cycles.filter((c) => !isTerminal(c.phase));
  const focus = running.find((c) => c.cycle === index.cycle);
  return {
    code: state.spec.code,
    title: state.spec.title,
    subject: state.spec.subject,
    phase: index.phase,
    cycle: index.cycle,
    fiscalYear: index.fiscalYear,
    asOf: toTokyoIso(now),
    waitingFor: focus ? `cycle ${focus.cycle}: ${waitingFor(focus, state).text}` : 'nothing: the course has completed',
    cycles: running.map((c) => cycleStatus(c, state, now)),
    outcomes: state.outcomes.map((o) => ({ ...o, evaluated: o.evaluationFindings !== undefined })),
    rejections: state.rejections.map((r) => ({ ...r, at: toTokyoIso(r.at) })),
    unplacedFindings: (state.unplacedFindings ?? []).map((u) => ({ ...u, at: toTokyoIso(u.at) })),
    deliveryProblems: openDeliveryProblems(state).map((p) => ({
      id: p.id,
      cycle: p.cycle,
      at: toTokyoIso(p.at),
      failed: p.failed,
      resends: p.resends.map((r) => ({ actor: r.actor, at: toTokyoIso(r.at) })),
    })),
  };
}
