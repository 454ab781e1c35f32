/**
 * The course outline: what a government reads to decide whom to nominate, as
 * the GI package and the yearly "Course List and Outline" print it. Optional
 * on the course spec so courses created before it (and their stored
 * histories) still parse; the language of instruction is the spec's own
 * `languages`, not repeated here.
 */
import { z } from 'zod';
import { NOTICE_LANGUAGES, type NoticeLanguage } from './reference';

const line = (max: number) => z.string().trim().min(2, 'at least 2 characters').max(max, `at most ${max} characters`);
/** A list of short texts; the field's path names what is counted. */
const lines = (min: number, max: number, chars = 400) =>
  z.array(line(chars)).min(min, `at least ${min} needed`).max(max, `at most ${max}`);

/*
 * Each schema is built on first parse (z.lazy): every course run evaluates domain/ anew in the workflow
 * sandbox, and building these at module scope was two thirds of that (issue 20), paid again by every
 * continued run and every course the worker cache evicted, which never parse an outline. z.lazy rather
 * than domain/lazy.ts's `lazily`: they stay schemas, so callers and the schemas embedding them are unchanged.
 */
export const outlineModuleSchema = z.lazy(() =>
  z
    .object({
      title: line(120),
      content: line(600),
      /** How it is taught: "lectures, site visits", "online workshop". */
      method: line(120),
      /** Working days, in halves: a module of an afternoon is 0.5. */
      days: z
        .number()
        .positive('a module lasts more than 0 days')
        .max(60, 'a module lasts at most 60 days')
        .multipleOf(0.5, 'days in halves, e.g. 1.5'),
    })
    .strict(),
);
export type OutlineModule = z.output<typeof outlineModuleSchema>;

/**
 * The outline's prose in another language, written by staff: governments read the GI in their
 * own language, so a course offered to French-speaking countries gives its objectives in French.
 * Any part left out stays as the outline has it.
 */
export const outlineTranslationSchema = z.lazy(() =>
  z
    .object({
      title: line(200).optional(),
      objectives: lines(1, 8).optional(),
      expectedOutputs: lines(1, 12).optional(),
      /** Every module, in the outline's order; durations stay the outline's. */
      modules: z
        .array(z.object({ title: line(120), content: line(600), method: line(120) }).strict())
        .max(20)
        .optional(),
      targetOrganisations: lines(1, 10, 200).optional(),
      targetPositions: lines(1, 10, 200).optional(),
      eligibility: lines(1, 12).optional(),
    })
    .strict(),
);
export type OutlineTranslation = z.output<typeof outlineTranslationSchema>;

export const courseOutlineSchema = z.lazy(() =>
  z
    .object({
      objectives: lines(1, 8),
      expectedOutputs: lines(1, 12),
      modules: z.array(outlineModuleSchema).min(1, 'at least 1 needed').max(20, 'at most 20'),
      /** Working days of the whole course, the modules' days and the days between them. */
      totalDays: z.number().int('whole days').min(1).max(365),
      participants: z
        .object({
          perCountry: z.number().int().min(1).max(20),
          total: z.number().int().min(1).max(200),
        })
        .strict()
        .refine((p) => p.total >= p.perCountry, {
          message: 'the total is at least the participants per country',
          path: ['total'],
        }),
      targetOrganisations: lines(1, 10, 200),
      targetPositions: lines(1, 10, 200),
      eligibility: lines(1, 12),
      /** Implementing partners in Japan: ministries, universities, prefectures. */
      partners: lines(0, 10, 200).default([]),
      contact: z
        .object({
          name: line(120),
          // Our own pattern, not z.email(): zod resets lastIndex on its shared email regex, which the workflow sandbox has frozen.
          email: z
            .string()
            .trim()
            .max(254)
            .regex(/^[^\s@<>(),;:]+@[^\s@<>(),;:]+\.[A-Za-z]{2,}$/, 'an e-mail address, e.g. tictp@jica.go.jp'),
          phone: z
            .string()
            .regex(/^\+?[0-9 ()-]{6,24}$/, 'a phone number, e.g. +81-3-5226-6660')
            .optional(),
        })
        .strict(),
      translations: z.partialRecord(z.enum(NOTICE_LANGUAGES), outlineTranslationSchema).optional(),
    })
    .strict()
    .superRefine((o, ctx) => {
      for (const [language, t] of Object.entries(o.translations ?? {})) {
        if (t?.modules && t.modules.length !== o.modules.length)
          ctx.addIssue({
            code: 'custom',
            path: ['translations', language, 'modules'],
            message: `translate every module: ${o.modules.length}, in the outline's order (${t.modules.length} given)`,
          });
      }
      const days = o.modules.reduce((n, m) => n + m.days, 0);
      if (days > o.totalDays)
        ctx.addIssue({
          code: 'custom',
          path: ['totalDays'],
          message: `the modules last ${days} days, more than the course's ${o.totalDays}`,
        });
    }),
);
export type CourseOutlineInput = z.input<typeof courseOutlineSchema>;
export type CourseOutline = z.output<typeof courseOutlineSchema>;

/** The outline and course title as a reader of `language` gets them: its translation where staff wrote one. */
export function outlineIn(
  outline: CourseOutline,
  title: string,
  language: NoticeLanguage,
): { title: string; outline: CourseOutline } {
  const t = outline.translations?.[language];
  if (!t) return { title, outline };
  return {
    title: t.title ?? title,
    outline: {
      ...outline,
      objectives: t.objectives ?? outline.objectives,
      expectedOutputs: t.expectedOutputs ?? outline.expectedOutputs,
      modules: t.modules ? outline.modules.map((m, i) => ({ ...m, ...t.modules![i] })) : outline.modules,
      targetOrganisations: t.targetOrganisations ?? outline.targetOrganisations,
      targetPositions: t.targetPositions ?? outline.targetPositions,
      eligibility: t.eligibility ?? outline.eligibility,
    },
  };
}
