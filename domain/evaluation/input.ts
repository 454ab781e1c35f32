/**
 * What a starter may hand the yearly evaluation, and the rule every fiscal
 * year in the evaluation's paths and queries obeys. Anyone with Temporal
 * access can start a workflow, so the input is parsed inside the workflow
 * (and the report folder checks the year again): a starter picks which year
 * to evaluate, never what the figures are.
 */
import { z } from 'zod';
import { lazily } from '../lazy';

export const FISCAL_YEAR_MIN = 2000;
export const FISCAL_YEAR_MAX = 2100;
export const FISCAL_YEAR_RULE = `an integer from ${FISCAL_YEAR_MIN} to ${FISCAL_YEAR_MAX}`;

export function isFiscalYear(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= FISCAL_YEAR_MIN && (value as number) <= FISCAL_YEAR_MAX;
}

/** Page and batch sizes only split the work (the figures are the same at any size); bounded so a run stays sane. */
export const PAGE_SIZE_MAX = 1000;
export const BATCH_SIZE_MAX = 200;

const fiscalYear = () =>
  z.number({ error: `must be ${FISCAL_YEAR_RULE}` }).refine(isFiscalYear, { message: `must be ${FISCAL_YEAR_RULE}` });

/** The seal an activity puts on the state a run carries into its continue-as-new (activities/evaluation/seal.ts). */
export const evaluationSealSchema = lazily(() =>
  z
    .object({
      alg: z.enum(['ed25519', 'hmac-sha256']),
      keyId: z.string().min(1).max(64),
      value: z.string().min(1).max(200),
    })
    .strict(),
);
export type EvaluationSeal = z.output<ReturnType<typeof evaluationSealSchema>>;

/** A starter's input: a fiscal year and the work's split, nothing else. */
const starterInputSchema = lazily(() =>
  z
    .object({
      fiscalYear: fiscalYear().optional(),
      pageSize: z.number().int().min(1).max(PAGE_SIZE_MAX).optional(),
      batchSize: z.number().int().min(1).max(BATCH_SIZE_MAX).optional(),
    })
    .strict(),
);

/**
 * What the evaluation hands its own continue-as-new: the carried state
 * (checked here for shape only) with its seal, which an activity verifies
 * before the run uses any of it.
 */
const carriedInputSchema = lazily(() =>
  z
    .object({ carried: z.object({ state: z.record(z.string(), z.unknown()), seal: evaluationSealSchema() }).strict() })
    .strict(),
);

/** Why an input is refused, naming each field and its rule; undefined when it is accepted. */
export function evaluationInputProblem(input: unknown): string | undefined {
  const value = input ?? {};
  if (typeof value !== 'object' || Array.isArray(value)) return 'input: must be an object such as {"fiscalYear": 2025}';
  const record = value as Record<string, unknown>;
  if (!('carried' in record)) return describe(starterInputSchema().safeParse(record).error);
  const extra = Object.keys(record).filter((k) => k !== 'carried');
  if (extra.length)
    return `input: ${extra.join(', ')} cannot be given with carried (carried comes only from the evaluation's own continue-as-new)`;
  const error = carriedInputSchema().safeParse(record).error;
  return error ? `input.carried: must be state sealed by the worker (${describe(error)})` : undefined;
}

function describe(error: z.ZodError | undefined): string | undefined {
  if (!error) return undefined;
  return error.issues
    .map((i) => {
      const field = i.path.length ? `input.${i.path.join('.')}` : 'input';
      if (i.code === 'unrecognized_keys')
        return `${field}: unknown field(s) ${i.keys.join(', ')} (a starter gives only fiscalYear, pageSize, batchSize)`;
      return `${field}: ${i.message}`;
    })
    .join('; ');
}
