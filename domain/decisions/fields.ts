/** The fields every decision shares, and the field schemas more than one decision uses. */
import { z } from 'zod';
import type { CycleNumber } from '../calendar';
import { countryCodeSchema } from '../course';
import { lazily } from '../lazy';
import { NOTICE_LANGUAGES } from '../reference';
import { CYCLE_PHASES, type CyclePhase } from '../lifecycle/types';

export const COURSE_MODES = ['in-person', 'online', 'hybrid'] as const;
export type CourseMode = (typeof COURSE_MODES)[number];

export const GENDERS = ['female', 'male', 'other', 'not-stated'] as const;

export const text = (max: number) => z.string().trim().min(1).max(max);

/** A calendar date, YYYY-MM-DD. Written out rather than z.iso.date(), which misjudges dates inside the workflow sandbox. */
export const calendarDate = lazily(() =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
    .refine((d) => {
      const [y, m, day] = d.split('-').map(Number);
      const t = new Date(Date.UTC(y, m - 1, day));
      return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === day;
    }, 'not a real calendar date'),
);

export const decisionBase = lazily(() => ({
  /** Who recorded the decision: a staff member's user name or e-mail. */
  actor: text(120),
  /** Same key, same decision: a retried command is applied once. */
  idempotencyKey: z.string().regex(/^[A-Za-z0-9._:-]{8,128}$/, '8–128 letters, digits or . _ : -'),
  /** Cycle the decision is for; when omitted, the cycle whose window accepts this decision now. */
  cycle: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
  /** Ed25519 signature of the staff member over the course code and this decision (see domain/staff.ts). */
  signature: z
    .object({ keyId: z.string().max(64), value: z.string().max(200), signedAt: z.string().max(40).optional() })
    .strict()
    .optional(),
}));

/** One nominee of a government's nominations (the admin client checks CSV rows with it too). */
export const nomineeSchema = lazily(() =>
  z
    .object({
      name: text(200),
      position: text(200),
      // A fresh copy of zod's own e-mail pattern: the worker shares zod between courses and freezes it, and zod resets a pattern's lastIndex before each test.
      email: z.email({ pattern: new RegExp(z.regexes.email.source, z.regexes.email.flags) }).max(254), // RFC 5321 path limit
      organization: text(200),
      // The rest of the application form; optional so nominations recorded before them still parse.
      gender: z.enum(GENDERS).optional(),
      dateOfBirth: calendarDate().optional(),
      nationality: countryCodeSchema.optional(),
      yearsOfExperience: z.number().int().min(0).max(60).optional(),
      /** E.g. "English: fluent; French: basic", as the form states it. */
      languageProficiency: text(300).optional(),
      /** The language the participant's documents are written in, when not their country's (en, fr, es, ja). */
      documentLanguage: z.enum(NOTICE_LANGUAGES).optional(),
    })
    .strict(),
);
export type Nominee = z.output<ReturnType<typeof nomineeSchema>>;

/** What `kccp resend` names: a delivery problem the course recorded (see domain/lifecycle/delivery.ts). */
export const deliveryProblemIdSchema = lazily(() =>
  z
    .string()
    .regex(
      /^c[1-3]\/[a-z0-9-]{3,60}$/,
      'a delivery problem id as the course status lists it, e.g. c1/course-notification',
    ),
);

/** Phases up to the end of the course in Japan: when a cycle may still change mode or be cancelled. */
export const BEFORE_IMPLEMENTATION: readonly CyclePhase[] = CYCLE_PHASES.slice(0, CYCLE_PHASES.indexOf('PostReturn'));

/** The cycle a flag value such as a delivery problem id (`c2/...`) names. */
export function cycleNamedBy(id: string): CycleNumber | undefined {
  const cycle = /^c([1-3])\//.exec(id)?.[1];
  return cycle ? (Number(cycle) as CycleNumber) : undefined;
}
