/**
 * One zod schema per staff decision. The admin client parses with these before
 * it sends; the workflow parses again before it acts, because it never trusts
 * the wire. Every decision names who made it and carries an idempotency key so
 * a retried command counts once.
 */
import { z } from 'zod';
import { countryCodeSchema, instantSchema } from './course';
import { courseOutlineSchema } from './course-outline';
import { lazily, lazyRecord } from './lazy';

export const COURSE_MODES = ['in-person', 'online', 'hybrid'] as const;
export type CourseMode = (typeof COURSE_MODES)[number];

const text = (max: number) => z.string().trim().min(1).max(max);

/** A calendar date, YYYY-MM-DD. Written out rather than z.iso.date(), which misjudges dates inside the workflow sandbox. */
const calendarDate = lazily(() =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
    .refine((d) => {
      const [y, m, day] = d.split('-').map(Number);
      const t = new Date(Date.UTC(y, m - 1, day));
      return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === day;
    }, 'not a real calendar date'),
);

const decisionBase = lazily(() => ({
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

const planDecisionSchema = () =>
  z
    .object({
      ...decisionBase(),
      kind: z.literal('plan'),
      summary: text(2000),
      /** A material change to an ongoing course sends its plan to scrutiny again. */
      materialChange: z.boolean(),
      /**
       * The course officer has read the evaluation findings carried to this cycle. Optional in the
       * schema (stored histories hold plans without it); program-rules-v1 refuses a plan without it
       * while the cycle has open findings.
       */
      findingsAcknowledged: z.boolean().optional(),
      /** The cycle's new outline, with a material change only; absent, the cycle keeps the course's. */
      outline: courseOutlineSchema.optional(),
    })
    .strict();

const scrutinyDecisionSchema = () =>
  z
    .object({
      ...decisionBase(),
      kind: z.literal('scrutiny'),
      result: z.enum(['pass', 'fail']),
      reasons: z.array(text(1000)).min(1).max(20),
      outsideExperts: z.array(text(200)).max(20).default([]),
    })
    .strict();

const surveyResponseSchema = () =>
  z
    .object({
      ...decisionBase(),
      kind: z.literal('surveyResponse'),
      country: countryCodeSchema,
      wantsToParticipate: z.boolean(),
      expectedParticipants: z.number().int().min(0).max(50),
    })
    .strict()
    .refine((r) => !r.wantsToParticipate || r.expectedParticipants > 0, {
      path: ['expectedParticipants'],
      message: 'must be at least 1 when the country wants to participate',
    });

const mofaDeterminationSchema = () =>
  z
    .object({
      ...decisionBase(),
      kind: z.literal('mofaDetermination'),
      approved: z.boolean(),
      reference: text(200).optional(),
      remarks: text(2000).optional(),
    })
    .strict();

/** One nominee of a government's nominations (the admin client checks CSV rows with it too). */
export const nomineeSchema = lazily(() =>
  z
    .object({
      name: text(200),
      position: text(200),
      // A fresh copy of zod's own e-mail pattern: the worker shares zod between courses and freezes it, and zod resets a pattern's lastIndex before each test.
      email: z.email({ pattern: new RegExp(z.regexes.email.source, z.regexes.email.flags) }).max(254), // RFC 5321 path limit
      organization: text(200),
    })
    .strict(),
);
export type Nominee = z.output<ReturnType<typeof nomineeSchema>>;

const nominationsSchema = () =>
  z
    .object({
      ...decisionBase(),
      kind: z.literal('nominations'),
      country: countryCodeSchema,
      organizations: z.array(text(200)).min(1).max(20),
      nominees: z.array(nomineeSchema()).min(1).max(20),
    })
    .strict();

const selectionSchema = () =>
  z
    .object({
      ...decisionBase(),
      kind: z.literal('selection'),
      /** Selected nominees by country, named as in the nominations. */
      participants: z
        .array(z.object({ country: countryCodeSchema, nominees: z.array(text(200)).max(20) }).strict())
        .min(1)
        .max(200),
    })
    .strict();

const implementationReportSchema = () =>
  z
    .object({
      ...decisionBase(),
      kind: z.literal('implementationReport'),
      mode: z.enum(COURSE_MODES),
      startedOn: calendarDate(),
      endedOn: calendarDate(),
      attendance: z
        .array(z.object({ country: countryCodeSchema, participants: z.number().int().min(0).max(50) }).strict())
        .max(200),
    })
    .strict()
    .refine((r) => r.startedOn <= r.endedOn, { path: ['endedOn'], message: 'must not be before startedOn' });

const modeChangeSchema = () =>
  z
    .object({
      ...decisionBase(),
      kind: z.literal('modeChange'),
      mode: z.enum(COURSE_MODES),
      reason: text(1000),
    })
    .strict();

const cycleCancellationSchema = () =>
  z
    .object({
      ...decisionBase(),
      kind: z.literal('cycleCancellation'),
      reason: text(1000),
    })
    .strict();

const evaluationSchema = () =>
  z
    .object({
      ...decisionBase(),
      kind: z.literal('evaluation'),
      /** Fiscal year of the yearly evaluation that recorded this. */
      fiscalYear: z.number().int().min(2000).max(2100),
      findings: z.array(text(2000)).max(50),
      evaluatedAt: instantSchema.optional(),
    })
    .strict();

/** What `kccp resend` names: a delivery problem the course recorded (see domain/lifecycle/delivery.ts). */
export const deliveryProblemIdSchema = lazily(() =>
  z
    .string()
    .regex(
      /^c[1-3]\/[a-z0-9-]{3,60}$/,
      'a delivery problem id as the course status lists it, e.g. c1/course-notification',
    ),
);

const noticeResendSchema = () =>
  z
    .object({
      ...decisionBase(),
      kind: z.literal('noticeResend'),
      /** The delivery problem to try again, for what it still lacks; what was delivered is never sent twice. */
      problem: deliveryProblemIdSchema(),
    })
    .strict();

/** Every decision, keyed by its kind, each schema built on first use (see lazy.ts). */
export const decisionSchemas = lazyRecord({
  plan: planDecisionSchema,
  scrutiny: scrutinyDecisionSchema,
  surveyResponse: surveyResponseSchema,
  mofaDetermination: mofaDeterminationSchema,
  nominations: nominationsSchema,
  selection: selectionSchema,
  implementationReport: implementationReportSchema,
  modeChange: modeChangeSchema,
  cycleCancellation: cycleCancellationSchema,
  evaluation: evaluationSchema,
  noticeResend: noticeResendSchema,
});
export type DecisionKind = keyof typeof decisionSchemas;
export const DECISION_KINDS = Object.keys(decisionSchemas) as DecisionKind[];

export type DecisionOf<K extends DecisionKind> = z.output<(typeof decisionSchemas)[K]>;
export type DecisionInputOf<K extends DecisionKind> = z.input<(typeof decisionSchemas)[K]>;
export type Decision = { [K in DecisionKind]: DecisionOf<K> }[DecisionKind];

const isDecisionKind = (kind: unknown): kind is DecisionKind =>
  typeof kind === 'string' && (DECISION_KINDS as string[]).includes(kind);

/** One line naming each field and the rule it broke, for staff and for the workflow's rejections. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(input)'}: ${issue.message}`)
    .join('; ');
}

/**
 * What the worker's payload codec hands a workflow instead of a payload it refused (plaintext from
 * someone without the keys, a forged or unknown key id): a decision is then refused like any other.
 */
export const REFUSED_PAYLOAD_FIELD = 'refusedPayload';

/** The codec's refusal text when `input` is its stand-in for a refused payload. */
export function refusedPayloadOf(input: unknown): string | undefined {
  const refused = (input as Record<string, unknown> | null)?.[REFUSED_PAYLOAD_FIELD];
  return typeof input === 'object' && typeof refused === 'string' ? refused : undefined;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Parses with the schema of the decision's own kind, so nothing else is built. */
export function parseDecision(input: unknown): ParseResult<Decision> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, reason: 'invalid field: (input): a decision is an object' };
  }
  const refused = refusedPayloadOf(input);
  if (refused) return { ok: false, reason: `unauthorized: ${refused}` };
  const { kind } = input as { kind?: unknown };
  if (!isDecisionKind(kind)) {
    return { ok: false, reason: `invalid field: kind: one of ${DECISION_KINDS.join(', ')}` };
  }
  const parsed = decisionSchemas[kind].safeParse(input);
  return parsed.success
    ? { ok: true, value: parsed.data as Decision }
    : { ok: false, reason: `invalid field: ${describeIssues(parsed.error)}` };
}
