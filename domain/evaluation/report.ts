/**
 * The program's figures for one fiscal year, in the forms of the public page's
 * tables, computed from a tally. Every total is a sum of the rows shown: the
 * page states "Total: 267 courses" under rows that add up to 286, and a report
 * of this service never copies a stated total.
 */
import { countryInfo, regionOf } from '../countries';
import { COURSE_MODES } from '../decisions';
import type { CourseMode } from '../decisions';
import { NOT_HELD_REASONS } from '../lifecycle/types';
import { REGIONS, SUBJECTS } from '../reference';
import type { CycleNumber } from '../calendar';
import type { ParticipantFigures } from '../lifecycle/types';
import { emptyFigures, participantRates, type Rate, type RateName } from './rates';
import type { CourseProblem, EvaluationTally } from './tally';

export const OTHER_REGION = 'Other';

export interface SubjectRow {
  subject: string;
  /** Courses planned: those with a cycle in the fiscal year, whatever became of it. */
  courses: number;
  /** Of those, the courses held (in person, online or hybrid). */
  held: number;
}

export interface RegionRow {
  region: string;
  participants: number;
  /** Share of all participants, in percent with two decimals (one decimal could show 37.5 beside a rounded 37). */
  percent: number;
  /** The same share rounded to a whole percent, as the page prints it. */
  roundedPercent: number;
}

export interface OutcomeRow {
  outcome: string;
  courses: number;
}

/** One course's participant rates for the cycle evaluated; no `figures`: its cycle kept no participant records. */
export interface CourseRatesRow {
  code: string;
  cycle: CycleNumber;
  figures?: ParticipantFigures;
  rates?: Record<RateName, Rate>;
}

export interface ParticipantRatesTable {
  /** By course code. */
  courses: CourseRatesRow[];
  coursesNotListed: number;
  /** Courses whose cycle kept participant records; the program's rates sum only theirs. */
  coursesWithRecords: number;
  program: { figures: ParticipantFigures; rates: Record<RateName, Rate> };
}

export interface EvaluationReport {
  fiscalYear: number;
  /** First and last day of the fiscal year, YYYY-MM-DD. */
  period: { from: string; to: string };
  generatedAt: string;
  /** Who produced it, e.g. the evaluation workflow's id. */
  source: string;
  subjects: SubjectRow[];
  /** Courses planned for the year (sum of the subject rows). */
  totalCourses: number;
  /** Courses held (sum of the subject rows' held). */
  totalHeld: number;
  regions: RegionRow[];
  totalParticipants: number;
  /** Courses counted from their selection because no attendance was reported yet. */
  participantsFromSelection: number;
  outcomes: OutcomeRow[];
  undeliverable: { country: string; name: string; courses: number }[];
  evaluations: EvaluationTally['evaluations'];
  problems: CourseProblem[];
  problemsNotListed: number;
  participantRates: ParticipantRatesTable;
}

/**
 * Rows of the page's subject table in its order, then any other subject found: courses planned
 * and held; each total is the sum of its column.
 */
export function subjectTable(
  coursesBySubject: Record<string, number>,
  heldBySubject: Record<string, number> = {},
): { rows: SubjectRow[]; total: number; held: number } {
  const others = [...new Set([...Object.keys(coursesBySubject), ...Object.keys(heldBySubject)])]
    .filter((s) => !(SUBJECTS as readonly string[]).includes(s))
    .sort();
  const rows = [...SUBJECTS, ...others].map((subject) => ({
    subject,
    courses: coursesBySubject[subject] ?? 0,
    held: heldBySubject[subject] ?? 0,
  }));
  return { rows, total: rows.reduce((n, r) => n + r.courses, 0), held: rows.reduce((n, r) => n + r.held, 0) };
}

const twoDecimals = (x: number) => Math.round(x * 100) / 100;

/** Participants by the program's regions (countries outside them under "Other"), with shares of the computed total. */
export function regionTable(participantsByCountry: Record<string, number>): { rows: RegionRow[]; total: number } {
  const byRegion: Record<string, number> = {};
  for (const [country, n] of Object.entries(participantsByCountry)) {
    const region = regionOf(country) ?? OTHER_REGION;
    byRegion[region] = (byRegion[region] ?? 0) + n;
  }
  const total = Object.values(byRegion).reduce((n, x) => n + x, 0);
  const names = [...REGIONS, ...(byRegion[OTHER_REGION] ? [OTHER_REGION] : [])];
  const rows = names.map((region) => {
    const participants = byRegion[region] ?? 0;
    const share = total === 0 ? 0 : (participants * 100) / total;
    return { region, participants, percent: twoDecimals(share), roundedPercent: Math.round(share) };
  });
  return { rows, total };
}

const MODE_LABEL: Record<CourseMode, string> = {
  'in-person': 'Held in person',
  online: 'Held online',
  hybrid: 'Held hybrid',
};

export function outcomeRows(t: EvaluationTally): OutcomeRow[] {
  const held = COURSE_MODES.reduce((n, m) => n + t.held[m], 0);
  return [
    { outcome: 'Passed scrutiny', courses: t.scrutiny.passed },
    { outcome: 'Scrutiny not required (ongoing course)', courses: t.scrutiny.notRequired },
    { outcome: 'Failed scrutiny', courses: t.scrutiny.failed },
    { outcome: 'Approved by MOFA', courses: t.mofaApproved },
    { outcome: 'Held', courses: held },
    ...COURSE_MODES.map((m) => ({ outcome: `- ${MODE_LABEL[m]}`, courses: t.held[m] })),
    { outcome: 'Cancelled', courses: t.cancelled },
    ...NOT_HELD_REASONS.filter((r) => r !== 'cancelled' && t.notHeld[r]).map((r) => ({
      outcome: `Not held: ${r}`,
      courses: t.notHeld[r]!,
    })),
    { outcome: 'Not yet held at evaluation', courses: t.notYetHeld },
    { outcome: 'Courses with undeliverable countries', courses: t.coursesWithUndeliverable },
  ];
}

export function participantRatesTable(t: EvaluationTally): ParticipantRatesTable {
  const program = t.participantTotals ?? emptyFigures();
  return {
    courses: [...(t.courseFigures ?? [])]
      .sort((a, b) => a.code.localeCompare(b.code) || a.cycle - b.cycle)
      .map((row) => (row.figures ? { ...row, rates: participantRates(row.figures) } : { ...row })),
    coursesNotListed: t.courseFiguresNotListed ?? 0,
    coursesWithRecords: t.coursesWithParticipantRecords ?? 0,
    program: { figures: program, rates: participantRates(program) },
  };
}

/** Japanese fiscal year Y runs 1 April Y to 31 March Y+1. */
export function fiscalYearPeriod(fiscalYear: number): { from: string; to: string } {
  return { from: `${fiscalYear}-04-01`, to: `${fiscalYear + 1}-03-31` };
}

export function evaluationReport(
  tally: EvaluationTally,
  meta: { generatedAt: string; source: string },
): EvaluationReport {
  const subjects = subjectTable(tally.coursesBySubject, tally.heldBySubject);
  const regions = regionTable(tally.participantsByCountry);
  return {
    fiscalYear: tally.fiscalYear,
    period: fiscalYearPeriod(tally.fiscalYear),
    generatedAt: meta.generatedAt,
    source: meta.source,
    subjects: subjects.rows,
    totalCourses: subjects.total,
    totalHeld: subjects.held,
    regions: regions.rows,
    totalParticipants: regions.total,
    participantsFromSelection: tally.participantsFromSelection,
    outcomes: outcomeRows(tally),
    undeliverable: Object.entries(tally.undeliverableCountries)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([country, courses]) => ({ country, name: countryInfo(country)?.name ?? country, courses })),
    evaluations: tally.evaluations,
    problems: tally.problems,
    problemsNotListed: tally.problemsNotListed,
    participantRates: participantRatesTable(tally),
  };
}
