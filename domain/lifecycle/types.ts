import type { CourseSpec } from '../course';
import type { CourseOutline } from '../course-outline';
import type { CycleCalendar, CycleNumber } from '../calendar';
import type { CourseMode, DecisionKind, Nominee } from '../decisions';
import type { NoticeContext, NoticeKind, StaffOffice } from '../notices';
import type {
  DocumentRecipient,
  HostCentreRow,
  Participant,
  ParticipantDocument,
  ParticipantFigures,
} from './participant-types';

export * from './participant-types';

export const CYCLE_PHASES = [
  'Scheduled',
  'Formulation',
  'Scrutiny',
  'RequestSurvey',
  'MofaDetermination',
  'Nominations',
  'Selection',
  'PreArrival',
  'InJapan',
  'PostReturn',
  'Evaluation',
  'Completed',
  'NotHeld',
  'Cancelled',
] as const;
export type CyclePhase = (typeof CYCLE_PHASES)[number];
/** Value of the CoursePhase search attribute: a cycle's phase, or the whole course's end. */
export type CoursePhase = CyclePhase;

export const TERMINAL_PHASES: readonly CyclePhase[] = ['Completed', 'NotHeld', 'Cancelled'];
export const isTerminal = (phase: CyclePhase): boolean => TERMINAL_PHASES.includes(phase);

export const NOT_HELD_REASONS = [
  'scrutiny-failed',
  'scrutiny-undecided',
  'too-few-requests',
  'mofa-not-approved',
  'mofa-undecided',
  'no-nominations',
  'selection-undecided',
  'cancelled',
  /** Formulation closed with no plan recorded (program-rules-v1). */
  'no-plan',
] as const;
export type NotHeldReason = (typeof NOT_HELD_REASONS)[number];

export interface Recorded {
  actor: string;
  /** Epoch ms of workflow time when the decision was applied. */
  at: number;
}

export interface DecisionLogEntry extends Recorded {
  kind: DecisionKind;
  idempotencyKey: string;
  summary: string;
}

export interface CycleState {
  cycle: CycleNumber;
  fiscalYear: number;
  calendar: CycleCalendar;
  phase: CyclePhase;
  mode: CourseMode;
  /** Decided when the scrutiny window opens: cycle 1, or a later plan that changes the course materially. */
  scrutinyRequired: boolean;
  /**
   * `acknowledgedFindings`: how many of `carriedFindings` the plan acknowledged (program-rules-v1).
   * `outline`: a material change's new outline; this cycle's notices and GI package print it.
   */
  plan?: {
    summary: string;
    materialChange: boolean;
    acknowledgedFindings?: number;
    outline?: CourseOutline;
  } & Recorded;
  scrutiny?: { result: 'pass' | 'fail'; reasons: string[]; outsideExperts: string[] } & Recorded;
  survey: Record<string, { wantsToParticipate: boolean; expectedParticipants: number } & Recorded>;
  surveyClosed: boolean;
  mofa?: { approved: boolean; reference?: string; remarks?: string } & Recorded;
  /** Countries that take part after MOFA approval: those that asked to in the request survey. */
  participating: string[];
  nominations: Record<string, { organizations: string[]; nominees: Nominee[] } & Recorded>;
  selection?: { participants: Record<string, string[]> } & Recorded;
  /** One record per nominee, with the application form and a status (program-rules-v1; see participants.ts). */
  participants?: Participant[];
  /** Participant lists sent to the host centre: each change is numbered, and the number forms its Message-ID. */
  hostCentreLists?: number;
  /** Each list sent to the host centre: its number, when the change was made, its rows and why (for `kccp status`). */
  hostCentreListLog?: { change: number; at: number; rows: number; reason: string }[];
  implementation?: {
    mode: CourseMode;
    startedOn: string;
    endedOn: string;
    attendance: Record<string, number>;
  } & Recorded;
  cancellation?: { reason: string } & Recorded;
  evaluation?: { fiscalYear: number; findings: string[] } & Recorded;
  /**
   * Findings of an earlier cycle's evaluation, for this cycle's planning. Under program-rules-v1 only
   * a cycle still in Scheduled or Formulation receives them, and the next plan must acknowledge them.
   */
  carriedFindings: string[];
  notHeldReason?: NotHeldReason;
  decisions: DecisionLogEntry[];
  /** kind → country → Message-ID of notices delivered; the record that keeps a notice from going twice. */
  notices: Partial<Record<NoticeKind, Record<string, string>>>;
  /** kind → country → when the relay accepted that notice (epoch ms); absent for notices sent before it was kept. */
  noticeTimes?: Partial<Record<NoticeKind, Record<string, number>>>;
  undeliverable: Record<string, string>;
  /** kind → country → why the relay refused it: only that kind is not tried again on its own (state v2). */
  refusedNotices?: Partial<Record<NoticeKind, Record<string, string>>>;
  remindersSent: string[];
}

/** What later cycles and the yearly evaluation need of an ended cycle. */
export interface CycleOutcome {
  cycle: CycleNumber;
  fiscalYear: number;
  phase: CyclePhase;
  notHeldReason?: NotHeldReason;
  scrutiny?: 'pass' | 'fail' | 'not-required';
  mofaApproved?: boolean;
  requestingCountries: string[];
  mode: CourseMode;
  attendance: Record<string, number>;
  undeliverable: string[];
  evaluationFindings?: string[];
  noticesSent: number;
  /** Absent when the cycle kept no participant records (old rules) or ended before this was counted. */
  participantFigures?: ParticipantFigures;
}

export interface Rejection {
  at: number;
  kind: string;
  actor?: string;
  reason: string;
  via: 'signal' | 'update';
}

/**
 * A notice or staff reminder that did not reach everyone: a refused address, or an activity
 * that failed for good. The course goes on; staff fix the address and `kccp resend` it.
 */
export interface DeliveryProblem {
  /** `c<cycle>/<notice kind>` or `c<cycle>/staff-<reminder key>`: what `kccp resend` names. */
  id: string;
  cycle: CycleNumber;
  /** Workflow time it was first recorded, and last changed. */
  at: number;
  updatedAt: number;
  /** What to carry out again, for the recipients still in `failed`. */
  effect: Effect;
  /** The cycle's notice context when it failed: the cycle may have ended when it is re-sent. */
  context: NoticeContext;
  /** Recipient (country code, or staff office) → why it failed. Empty once everything arrived. */
  failed: Record<string, string>;
  resends: (Recorded & { idempotencyKey: string })[];
}

/** Findings of a yearly evaluation that no later cycle could take: shown to the course officer. */
export interface UnplacedFindings extends Recorded {
  cycle: CycleNumber;
  fiscalYear: number;
  findings: string[];
  /** Why no cycle took them: no later cycle, or every later cycle was past formulation. */
  why: string;
}

/**
 * Which program rules a run applies: 1 before `program-rules-v1`, 2 since (see docs of each rule),
 * 3 since `participant-documents-v1`: the program rules and the documents to participants.
 */
export type ProgramRules = 1 | 2 | 3;

/** Version of the state a course carries across continue-as-new; absent means 1 (see upgradeState). */
export const COURSE_STATE_VERSION = 3;

export interface CourseState {
  /** Absent on states written before v2; upgradeState fills what v2 added. */
  version?: number;
  spec: CourseSpec;
  /** Workflow time (epoch ms) up to which calendar events have been applied. */
  clock: number;
  cycles: CycleState[];
  outcomes: CycleOutcome[];
  /** idempotency key → decision kind and cycle it was applied to. */
  appliedKeys: Record<string, { kind: DecisionKind; cycle: CycleNumber }>;
  /** The latest rejected signals, so an operator sees why a decision did nothing. */
  rejections: Rejection[];
  /**
   * Digest of every idempotency key applied in an ended cycle → `kind:cycle`, kept for the life of
   * the course (state v2): a decision copied from an earlier run's history is a duplicate, not news.
   */
  retiredKeys?: Record<string, string>;
  /** Once a course has checked signatures it never stops, whatever roster a later worker has (state v2). */
  signaturesRequired?: boolean;
  /** Deliveries that did not reach everyone, newest last, bounded (state v2). */
  deliveryProblems?: DeliveryProblem[];
  /**
   * The rules this run applies, set by the workflow at each run start from `patched('program-rules-v1')`:
   * absent or 1, the old rules (a run begun before keeps them until its next continue-as-new).
   */
  programRules?: ProgramRules;
  /** Evaluation findings no later cycle in formulation could take (state v3). */
  unplacedFindings?: UnplacedFindings[];
}

export type Effect =
  | {
      type: 'notifyCountries';
      cycle: CycleNumber;
      kind: NoticeKind;
      countries: string[];
      facts?: Record<string, string | number>;
      details?: Record<string, Record<string, string | number | string[]>>;
    }
  | { type: 'sendGeneralInformation'; cycle: CycleNumber; countries: string[] }
  /** Carry out a recorded delivery problem's effect again, for the recipients it still lacks. */
  | { type: 'retryDelivery'; cycle: CycleNumber; problem: string }
  /** One document to each participant named (participant-documents-v1); the record keeps it to once each. */
  | {
      type: 'sendParticipantDocuments';
      cycle: CycleNumber;
      document: ParticipantDocument;
      participants: DocumentRecipient[];
      /** e.g. the action plan's due date (ISO, Asia/Tokyo). */
      facts?: Record<string, string>;
    }
  /** The host centre's participant list, numbered per cycle: sent once at selection, again at each change. */
  | { type: 'notifyHostCentre'; cycle: CycleNumber; change: number; reason: string; participants: HostCentreRow[] }
  | {
      type: 'remindStaff';
      cycle: CycleNumber;
      office: StaffOffice;
      subject: string;
      reminderKey: string;
      deadline?: string;
      facts?: Record<string, string | number | string[]>;
    };

export interface Transition {
  state: CourseState;
  effects: Effect[];
}
