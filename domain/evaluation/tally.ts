/**
 * What the yearly evaluation learns of each course, and the running tally it
 * keeps. A tally is plain data that merges associatively, so each batch of
 * courses is tallied where it is evaluated and only tallies travel through the
 * evaluation workflow's history, never one entry per course.
 */
import type { CycleNumber } from '../calendar';
import type { CourseMode } from '../decisions';
import { COURSE_MODES } from '../decisions';
import type { CyclePhase, NotHeldReason, ParticipantFigures } from '../lifecycle/types';
import { addFigures, emptyFigures, type CourseParticipantFigures } from './rates';

/** Where the cycle stands in the fiscal year under evaluation. */
export type CycleStanding = 'held' | 'not-held' | 'cancelled' | 'not-yet-held';

/** What became of telling the course its evaluation is due. */
export type EvaluationRecording = 'recorded' | 'already-recorded' | 'not-recorded';

export interface CourseFacts {
  code: string;
  subject: string;
  fiscalYear: number;
  cycle: CycleNumber;
  phase: CyclePhase;
  standing: CycleStanding;
  mode: CourseMode;
  scrutiny?: 'pass' | 'fail' | 'not-required';
  mofaApproved?: boolean;
  notHeldReason?: NotHeldReason;
  /** Country → participants: the implementation report's attendance, else the selection while none is reported. */
  participants: Record<string, number>;
  participantsFrom: 'attendance' | 'selection' | 'none';
  /** What the cycle's participant records count, for the rates; absent when it kept none (old rules). */
  participantFigures?: ParticipantFigures;
  undeliverable: string[];
  evaluation: EvaluationRecording;
  /** Why the evaluation was not recorded, when it was not. */
  note?: string;
}

export interface CourseProblem {
  code: string;
  problem: string;
}

/** Most problems named one by one in the report; the rest are counted. */
export const MAX_PROBLEMS_LISTED = 100;

/** Most courses given their own row of participant rates (the program runs some 300 a year); the rest are counted. */
export const MAX_COURSE_FIGURES_LISTED = 1000;

export interface EvaluationTally {
  fiscalYear: number;
  courses: number;
  coursesBySubject: Record<string, number>;
  /**
   * Held courses by subject, beside the planned ones above. Optional: a tally carried across a
   * continue-as-new by a run that predates it lacks it, and merges as if it were empty.
   */
  heldBySubject?: Record<string, number>;
  participantsByCountry: Record<string, number>;
  /** Courses whose participants come from the selection because no attendance was reported yet. */
  participantsFromSelection: number;
  scrutiny: { passed: number; failed: number; notRequired: number; undecided: number };
  mofaApproved: number;
  held: Record<CourseMode, number>;
  cancelled: number;
  notHeld: Partial<Record<NotHeldReason, number>>;
  notYetHeld: number;
  /** Country → courses whose notices could not reach it. */
  undeliverableCountries: Record<string, number>;
  coursesWithUndeliverable: number;
  evaluations: Record<EvaluationRecording, number>;
  problems: CourseProblem[];
  problemsNotListed: number;
  /**
   * Each course's participant figures, for its rates (issue 16). Optional, as heldBySubject: a tally
   * carried by a run that predates them lacks them and merges as if empty.
   */
  courseFigures?: CourseParticipantFigures[];
  courseFiguresNotListed?: number;
  /** The sum over courses whose cycle kept participant records, and how many did. */
  participantTotals?: ParticipantFigures;
  coursesWithParticipantRecords?: number;
}

export function emptyTally(fiscalYear: number): EvaluationTally {
  return {
    fiscalYear,
    courses: 0,
    coursesBySubject: {},
    heldBySubject: {},
    participantsByCountry: {},
    participantsFromSelection: 0,
    scrutiny: { passed: 0, failed: 0, notRequired: 0, undecided: 0 },
    mofaApproved: 0,
    held: Object.fromEntries(COURSE_MODES.map((m) => [m, 0])) as Record<CourseMode, number>,
    cancelled: 0,
    notHeld: {},
    notYetHeld: 0,
    undeliverableCountries: {},
    coursesWithUndeliverable: 0,
    evaluations: { recorded: 0, 'already-recorded': 0, 'not-recorded': 0 },
    problems: [],
    problemsNotListed: 0,
    courseFigures: [],
    courseFiguresNotListed: 0,
    participantTotals: emptyFigures(),
    coursesWithParticipantRecords: 0,
  };
}

function add<K extends string>(into: Partial<Record<K, number>>, key: K, n: number): void {
  if (n !== 0) into[key] = (into[key] ?? 0) + n;
}

function addAll<K extends string>(into: Partial<Record<K, number>>, from: Partial<Record<K, number>>): void {
  for (const [key, n] of Object.entries(from) as [K, number][]) add(into, key, n);
}

function withProblems(tally: EvaluationTally, problems: CourseProblem[], notListed: number): void {
  const room = Math.max(0, MAX_PROBLEMS_LISTED - tally.problems.length);
  tally.problems.push(...problems.slice(0, room));
  tally.problemsNotListed += notListed + Math.max(0, problems.length - room);
}

function withCourseFigures(tally: EvaluationTally, rows: CourseParticipantFigures[], notListed: number): void {
  const listed = (tally.courseFigures ??= []);
  const room = Math.max(0, MAX_COURSE_FIGURES_LISTED - listed.length);
  listed.push(...rows.slice(0, room));
  tally.courseFiguresNotListed = (tally.courseFiguresNotListed ?? 0) + notListed + Math.max(0, rows.length - room);
}

/** A new tally with one course counted; the one given is left as it was. */
export function tallyCourse(current: EvaluationTally, facts: CourseFacts): EvaluationTally {
  if (facts.fiscalYear !== current.fiscalYear) {
    throw new Error(`course ${facts.code}: facts of JFY${facts.fiscalYear} in the tally of JFY${current.fiscalYear}`);
  }
  const tally = mergeTallies(current, emptyTally(current.fiscalYear));
  tally.courses += 1;
  add(tally.coursesBySubject, facts.subject, 1);
  addAll(tally.participantsByCountry, facts.participants);
  if (facts.participantsFrom === 'selection') tally.participantsFromSelection += 1;
  if (facts.scrutiny === 'pass') tally.scrutiny.passed += 1;
  else if (facts.scrutiny === 'fail') tally.scrutiny.failed += 1;
  else if (facts.scrutiny === 'not-required') tally.scrutiny.notRequired += 1;
  else tally.scrutiny.undecided += 1;
  if (facts.mofaApproved) tally.mofaApproved += 1;
  if (facts.standing === 'held') {
    tally.held[facts.mode] += 1;
    add((tally.heldBySubject ??= {}), facts.subject, 1);
  } else if (facts.standing === 'cancelled') tally.cancelled += 1;
  else if (facts.standing === 'not-held') add(tally.notHeld, facts.notHeldReason ?? 'scrutiny-undecided', 1);
  else tally.notYetHeld += 1;
  for (const country of new Set(facts.undeliverable)) add(tally.undeliverableCountries, country, 1);
  if (facts.undeliverable.length > 0) tally.coursesWithUndeliverable += 1;
  tally.evaluations[facts.evaluation] += 1;
  const figures = facts.participantFigures;
  withCourseFigures(tally, [{ code: facts.code, cycle: facts.cycle, ...(figures ? { figures } : {}) }], 0);
  if (figures) {
    tally.participantTotals = addFigures(tally.participantTotals ?? emptyFigures(), figures);
    tally.coursesWithParticipantRecords = (tally.coursesWithParticipantRecords ?? 0) + 1;
  }
  if (facts.evaluation === 'not-recorded')
    withProblems(tally, [{ code: facts.code, problem: facts.note ?? 'evaluation not recorded' }], 0);
  return tally;
}

/** A course that could not be read at all: counted as a problem, not as a course. */
export function tallyProblem(current: EvaluationTally, problem: CourseProblem): EvaluationTally {
  const tally = mergeTallies(current, emptyTally(current.fiscalYear));
  withProblems(tally, [problem], 0);
  return tally;
}

export function mergeTallies(a: EvaluationTally, b: EvaluationTally): EvaluationTally {
  if (a.fiscalYear !== b.fiscalYear)
    throw new Error(`cannot merge tallies of JFY${a.fiscalYear} and JFY${b.fiscalYear}`);
  const merged = emptyTally(a.fiscalYear);
  for (const t of [a, b]) {
    merged.courses += t.courses;
    addAll(merged.coursesBySubject, t.coursesBySubject);
    addAll((merged.heldBySubject ??= {}), t.heldBySubject ?? {});
    addAll(merged.participantsByCountry, t.participantsByCountry);
    merged.participantsFromSelection += t.participantsFromSelection;
    for (const k of Object.keys(merged.scrutiny) as (keyof EvaluationTally['scrutiny'])[])
      merged.scrutiny[k] += t.scrutiny[k];
    merged.mofaApproved += t.mofaApproved;
    for (const m of COURSE_MODES) merged.held[m] += t.held[m];
    merged.cancelled += t.cancelled;
    addAll(merged.notHeld, t.notHeld);
    merged.notYetHeld += t.notYetHeld;
    addAll(merged.undeliverableCountries, t.undeliverableCountries);
    merged.coursesWithUndeliverable += t.coursesWithUndeliverable;
    for (const k of Object.keys(merged.evaluations) as EvaluationRecording[]) merged.evaluations[k] += t.evaluations[k];
    withProblems(merged, t.problems, t.problemsNotListed);
    withCourseFigures(merged, t.courseFigures ?? [], t.courseFiguresNotListed ?? 0);
    merged.participantTotals = addFigures(merged.participantTotals!, t.participantTotals ?? emptyFigures());
    merged.coursesWithParticipantRecords =
      (merged.coursesWithParticipantRecords ?? 0) + (t.coursesWithParticipantRecords ?? 0);
  }
  return merged;
}
