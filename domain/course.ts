import { z } from 'zod';
import { courseOutlineSchema } from './course-outline';
import { NOTICE_LANGUAGES, REGIONS, SUBJECTS } from './reference';

/** Default minimum number of requesting countries for a course to be put to MOFA. */
export const DEFAULT_PARTICIPATION_THRESHOLD = 3;
/**
 * Default of `nominationLeadDays`: the days governments need between the course notification and
 * the close of the nominations window. MOFA's determination is awaited until that point; only a
 * determination still missing then is too late to precede nominations (program-rules-v1).
 */
export const DEFAULT_NOMINATION_LEAD_DAYS = 45;

export const courseCodeSchema = z
  .string()
  .regex(
    /^[A-Z0-9][A-Z0-9-]{2,31}$/,
    'a course code is 3–32 capital letters, digits or dashes, e.g. "KCCP-2027-AGR-01"',
  );

export const countryCodeSchema = z
  .string()
  .regex(/^[A-Z]{2}$/, 'a country is its ISO 3166-1 alpha-2 code in capitals, e.g. "KE"');

/** Instant as ISO-8601 with an offset, e.g. 2027-08-01T00:00:00+09:00. */
export const instantSchema = z.iso.datetime({
  offset: true,
  message: 'an ISO-8601 date-time with offset, e.g. 2027-08-01T00:00:00+09:00',
});

/** Explicit window dates that replace the computed fiscal calendar (demos, benchmarks, tests). */
export const windowOverrideSchema = z.lazy(() => z.object({ opens: instantSchema, closes: instantSchema }).strict());

/** Built on first parse, as the outline's are (see course-outline.ts): a continued run never parses a spec. */
export const courseSpecSchema = z.lazy(() =>
  z
    .object({
      code: courseCodeSchema,
      title: z.string().trim().min(3).max(200),
      subject: z.enum(SUBJECTS),
      /** Regions the course targets; an empty list with countries named means "those countries only". */
      regions: z.array(z.enum(REGIONS)).max(REGIONS.length).default([]),
      /** Countries invited to the request survey; ISO alpha-2 codes. */
      targetCountries: z.array(countryCodeSchema).min(1).max(200),
      hostCentre: z.string().trim().min(2).max(100),
      languages: z.array(z.enum(NOTICE_LANGUAGES)).min(1).default(['en']),
      /** Japanese fiscal year of the first session in Japan; formulation starts the year before. */
      firstCourseYear: z.number().int().min(2000).max(2100),
      /** Requesting countries a course needs to be put to MOFA. */
      participationThreshold: z.number().int().min(1).max(200).default(DEFAULT_PARTICIPATION_THRESHOLD),
      /**
       * Expected participants (summed over requesting countries) a course also needs to be put to MOFA;
       * absent, only countries count. Both configured thresholds must be met: to judge by participants
       * alone, set participationThreshold to 1.
       */
      expectedParticipantsThreshold: z.number().int().min(1).max(2000).optional(),
      /**
       * Days before the nominations window closes by which MOFA must have decided (default
       * DEFAULT_NOMINATION_LEAD_DAYS, never earlier than the MOFA window's own close); an undecided
       * cycle is not held only then (program-rules-v1).
       */
      nominationLeadDays: z.number().int().min(0).max(90).optional(),
      calendar: calendarOverridesSchema.optional(),
      /** What the GI package and the yearly Course List and Outline print; absent on courses created before it. */
      outline: courseOutlineSchema.optional(),
    })
    .strict(),
);
export type CourseSpecInput = z.input<typeof courseSpecSchema>;
export type CourseSpec = z.output<typeof courseSpecSchema>;

export const WINDOW_NAMES = [
  'formulation',
  'scrutiny',
  'requestSurvey',
  'mofaDetermination',
  'nominations',
  'selection',
  'preArrival',
  'inJapan',
  'postReturn',
  'evaluation',
] as const;
export type WindowName = (typeof WINDOW_NAMES)[number];

/** Per-cycle overrides: cycle number ('1', '2', '3') → window → explicit dates. */
export const calendarOverridesSchema = z.lazy(() =>
  z
    .partialRecord(z.enum(['1', '2', '3']), z.partialRecord(z.enum(WINDOW_NAMES), windowOverrideSchema))
    .describe('per-cycle explicit window dates'),
);
export type CalendarOverrides = z.output<typeof calendarOverridesSchema>;
