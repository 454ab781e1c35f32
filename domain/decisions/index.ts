/**
 * The decision registry: one module per kind (see module.ts) holding its
 * schema, phases, effect, roles and `kccp` command. Everything else about
 * decisions is derived from here: the schemas the admin client and the
 * workflow parse with, the staff roles, the phases `decide` and the client's
 * pre-check use, and the commands. Every decision names who made it and
 * carries an idempotency key so a retried command counts once.
 */
import type { z } from 'zod';
import { lazyRecord } from '../lazy';
import type { DecisionModule } from './module';
import { actionPlanReceived } from './action-plan-received';
import { cycleCancellation } from './cycle-cancellation';
import { evaluation } from './evaluation';
import { implementationReport } from './implementation-report';
import { mofaDetermination } from './mofa-determination';
import { modeChange } from './mode-change';
import { nominations } from './nominations';
import { noticeResend } from './notice-resend';
import { participantAcceptance } from './participant-acceptance';
import { participantSubstitution } from './participant-substitution';
import { participantWithdrawal } from './participant-withdrawal';
import { plan } from './plan';
import { scrutiny } from './scrutiny';
import { selection } from './selection';
import { surveyResponse } from './survey-response';

export { COURSE_MODES, GENDERS, nomineeSchema, deliveryProblemIdSchema } from './fields';
export type { CourseMode, Nominee } from './fields';
export type { Applied, CliFlags, CliOption, DecisionCli, DecisionModule } from './module';

/**
 * Every decision kind, in the order `kccp` lists its commands. The `satisfies`
 * clause is the completeness check: each entry must be a whole module of its
 * own kind (schema, phases, apply, roles, CLI entry) or this does not compile.
 */
export const DECISIONS = {
  plan,
  scrutiny,
  surveyResponse,
  mofaDetermination,
  nominations,
  selection,
  implementationReport,
  modeChange,
  cycleCancellation,
  evaluation,
  noticeResend,
  participantWithdrawal,
  participantAcceptance,
  participantSubstitution,
  actionPlanReceived,
} satisfies { [K in string]: DecisionModule<K, z.ZodType> };

type Registry = typeof DECISIONS;
type SchemaOf<K extends keyof Registry> = ReturnType<Registry[K]['schema']>;

/** Every decision's schema, keyed by its kind, each built on first use (see lazy.ts). */
export const decisionSchemas = lazyRecord(
  Object.fromEntries(Object.entries(DECISIONS).map(([kind, module]) => [kind, module.schema])) as {
    [K in keyof Registry]: () => SchemaOf<K>;
  },
);
export type DecisionKind = keyof typeof decisionSchemas;
export const DECISION_KINDS = Object.keys(decisionSchemas) as DecisionKind[];

export type DecisionOf<K extends DecisionKind> = z.output<SchemaOf<K>>;
export type DecisionInputOf<K extends DecisionKind> = z.input<SchemaOf<K>>;
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
