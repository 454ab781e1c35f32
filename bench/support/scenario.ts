/**
 * The courses the benchmark runs and the decisions staff make in each, at
 * which step of the compressed calendar. The real course and the engine
 * baseline follow the same plan, so they do the same work at the same times.
 */
import { compressedCalendar, fiscalYearOf } from '../../domain/calendar';
import { ELIGIBLE_COUNTRY_CODES } from '../../domain/countries';
import type { CourseSpecInput } from '../../domain/course';
import type { DecisionInputOf, DecisionKind } from '../../domain/decisions';
import { calendarEvents, createCourseState } from '../../domain/lifecycle';
import { JFY2020_COURSES_BY_SUBJECT, type Subject } from '../../domain/reference';
import type { CourseSpec } from '../../domain/course';

/** The JFY2020 catalogue: one subject per course, in the catalogue's proportions. */
export const CATALOGUE_SUBJECTS: Subject[] = (
  Object.entries(JFY2020_COURSES_BY_SUBJECT) as [Subject, number][]
).flatMap(([subject, count]) => Array.from({ length: count }, () => subject));

export type DecisionBody<K extends DecisionKind> = Omit<
  DecisionInputOf<K>,
  'kind' | 'actor' | 'idempotencyKey' | 'cycle'
>;

interface PlannedDecisionOf<K extends DecisionKind> {
  /** Window-open step of the compressed calendar the decision is sent in. */
  step: number;
  kind: K;
  body: DecisionBody<K>;
  /** Activities (notices) the course runs because of it: the baseline runs as many. */
  activities: number;
  /** Notices the sink must receive because of it: [kind, country]. */
  notices: [string, string][];
  endsCycle?: boolean;
}
export type PlannedDecision = { [K in DecisionKind]: PlannedDecisionOf<K> }[DecisionKind];

export interface BenchCourse {
  index: number;
  spec: CourseSpecInput;
  /** Epoch ms at which its calendar starts (formulation opens). */
  calendarStart: number;
  plan: PlannedDecision[];
  /**
   * Notices the calendar itself sends, whatever the timing: the request survey's invitation to every
   * target government. Reminders go to whoever has not answered when they fall due, so they are not here.
   */
  calendarNotices: [string, string][];
}

const nomineeOf = (country: string) => ({
  name: `Nominee ${country}`,
  position: 'Director',
  email: `nominee.${country.toLowerCase()}@gov.example`,
  organization: `Ministry of Agriculture ${country}`,
});

/**
 * Course i of n: the first is the largest the program allows (every eligible
 * country invited, every one answering the survey); the others invite five.
 */
export function benchCourse(
  index: number,
  options: { start: number; stepMs: number; prefix: string; largest: boolean },
): BenchCourse {
  const { start, stepMs } = options;
  const countries = options.largest
    ? [...ELIGIBLE_COUNTRY_CODES]
    : Array.from({ length: 5 }, (_, k) => ELIGIBLE_COUNTRY_CODES[(index * 5 + k) % ELIGIBLE_COUNTRY_CODES.length]!);
  const responders = options.largest ? countries : countries.slice(0, 3);
  const nominators = options.largest ? countries.slice(0, 10) : responders.slice(0, 2);
  const spec: CourseSpecInput = {
    code: `${options.prefix}-${String(index + 1).padStart(5, '0')}`,
    title: `Benchmark course ${index + 1}: capacity development`,
    subject: CATALOGUE_SUBJECTS[index % CATALOGUE_SUBJECTS.length]!,
    regions: [],
    targetCountries: countries,
    hostCentre: 'JICA Tokyo',
    languages: ['en', 'fr', 'es'],
    firstCourseYear: fiscalYearOf(start) + 1,
    participationThreshold: 3,
    calendar: compressedCalendar(start, stepMs),
  };
  const fiscalYear = spec.firstCourseYear;
  const plan: PlannedDecision[] = [
    {
      // The program rules hold a cycle only with a plan recorded in its formulation window.
      step: 0,
      kind: 'plan',
      body: { summary: 'Lectures in Tokyo, field practice and two study visits', materialChange: false },
      activities: 0,
      notices: [],
    },
    {
      step: 1,
      kind: 'scrutiny',
      body: { result: 'pass', reasons: ['Japanese expertise the countries asked for'], outsideExperts: ['Prof. Sato'] },
      activities: 0,
      notices: [],
    },
    ...responders.map((country): PlannedDecision => ({
      step: 1,
      kind: 'surveyResponse',
      body: { country, wantsToParticipate: true, expectedParticipants: 2 },
      activities: 0,
      notices: [],
    })),
    {
      step: 2,
      kind: 'mofaDetermination',
      body: { approved: true, reference: `MOFA-${index + 1}` },
      activities: 2,
      notices: responders.flatMap((c): [string, string][] => [
        ['course-notification', c],
        ['general-information', c],
      ]),
    },
    ...nominators.map((country): PlannedDecision => ({
      step: 3,
      kind: 'nominations',
      body: { country, organizations: [`Ministry of Agriculture ${country}`], nominees: [nomineeOf(country)] },
      activities: 1,
      notices: [['nomination-acknowledgement', country]],
    })),
    {
      step: 4,
      kind: 'selection',
      body: { participants: nominators.map((country) => ({ country, nominees: [nomineeOf(country).name] })) },
      activities: 1,
      notices: nominators.map((c): [string, string] => ['selection-result', c]),
    },
    {
      step: 6,
      kind: 'implementationReport',
      body: {
        mode: 'in-person',
        startedOn: `${fiscalYear}-07-01`,
        endedOn: `${fiscalYear}-07-20`,
        attendance: nominators.map((country) => ({ country, participants: 1 })),
      },
      activities: 0,
      notices: [],
    },
    {
      step: 8,
      kind: 'evaluation',
      body: { fiscalYear, findings: ['Keep the field visits'] },
      activities: 0,
      notices: [],
      endsCycle: true,
    },
  ];
  const calendarNotices = countries.map((c): [string, string] => ['survey-invitation', c]);
  return { index, spec, calendarStart: start, plan, calendarNotices };
}

/** Instants at which the course's own calendar wakes its first cycle: the baseline sleeps until the same ones. */
export function cycleOneWakeUps(spec: CourseSpec, now: number): number[] {
  const { state } = createCourseState(spec, now);
  const cycle = state.cycles.find((c) => c.cycle === 1)!;
  // With the state, the program rules' own timers too (plan reminders, MOFA's cut-off), as the course sets them.
  return [...new Set(calendarEvents(cycle, state).map((e) => e.at))].filter((at) => at > now);
}
