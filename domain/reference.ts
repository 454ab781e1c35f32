/**
 * Reference data of the program, as the public KCCP page states it
 * (see the JFY2020 tables). Everything else names subjects and regions through
 * these constants so there is one spelling of each.
 */

export const SUBJECTS = [
  'Governance',
  'Gender and Development',
  'Peacebuilding',
  'ICT',
  'Evaluation',
  'Education',
  'Health',
  'Social Security',
  'Economic Policy',
  'Private Sector Development',
  'Agricultural Development',
  'Rural Development',
  'Transportation',
  'Urban/Regional Development',
  'Natural Resources and Energy',
  'Environmental Management',
  // The page prints "Natural Conversation"; the program's subject is conservation.
  'Natural Conservation',
  'Water Resources',
  'Disaster Risk Reduction',
] as const;
export type Subject = (typeof SUBJECTS)[number];

export const REGIONS = [
  'Africa',
  'Southeast Asia & Pacific',
  'Latin America & the Caribbean',
  'South Asia',
  'Middle East & Europe',
  'East & Central Asia and the Caucasus',
] as const;
export type Region = (typeof REGIONS)[number];

/** Languages the program's site is offered in, and so the languages of notices. */
export const NOTICE_LANGUAGES = ['en', 'fr', 'es', 'ja'] as const;
export type NoticeLanguage = (typeof NOTICE_LANGUAGES)[number];

/** JFY2020 courses by subject, as the page's table lists them (its rows, not its stated total). */
export const JFY2020_COURSES_BY_SUBJECT: Readonly<Record<Subject, number>> = {
  Governance: 10,
  'Gender and Development': 6,
  Peacebuilding: 2,
  ICT: 10,
  Evaluation: 1,
  Education: 12,
  Health: 27,
  'Social Security': 29,
  'Economic Policy': 5,
  'Private Sector Development': 27,
  'Agricultural Development': 48,
  'Rural Development': 6,
  Transportation: 24,
  'Urban/Regional Development': 10,
  'Natural Resources and Energy': 19,
  'Environmental Management': 7,
  'Natural Conservation': 22,
  'Water Resources': 9,
  'Disaster Risk Reduction': 12,
};

/** JFY2020 ratio of participants by region, in percent as printed (sums to 101 by rounding). */
export const JFY2020_PARTICIPANTS_BY_REGION_PERCENT: Readonly<Record<Region, number>> = {
  Africa: 37,
  'Southeast Asia & Pacific': 22,
  'Latin America & the Caribbean': 14,
  'South Asia': 11,
  'Middle East & Europe': 9,
  'East & Central Asia and the Caucasus': 8,
};

/** Time zone in which every date of the program is decided. */
export const PROGRAM_TIME_ZONE = 'Asia/Tokyo';

/** Task queue of the course workers. */
export const TASK_QUEUE = 'kccp-courses';

/** Custom search attributes this service upserts; operators filter on them in the Web UI. */
export const SEARCH_ATTRIBUTES = {
  CourseCode: 'Keyword',
  CoursePhase: 'Keyword',
  CourseCycle: 'Int',
  FiscalYear: 'Int',
  CourseSubject: 'Keyword',
} as const;
export type SearchAttributeName = keyof typeof SEARCH_ATTRIBUTES;

export function courseWorkflowId(courseCode: string): string {
  return `course-${courseCode}`;
}
