/**
 * When the yearly evaluation runs, and which fiscal year it evaluates. A
 * course's evaluation window runs from 1 December of its course year to
 * 1 May after the fiscal year closes, so the default run is 10 April, 09:00
 * Tokyo: the fiscal year has closed and every course still waits in its window.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { PROGRAM_TIME_ZONE } from '../reference';

export const EVALUATION_SCHEDULE_ID = 'kccp-yearly-evaluation';
/** Workflow type of workflows/evaluation.ts (a test holds the two together). */
export const EVALUATION_WORKFLOW_TYPE = 'yearlyEvaluation';
/** The actor courses see on the evaluation decision; the operator key is listed under it in the staff keys. */
export const EVALUATION_ACTOR = 'yearly-evaluation';
/** Prefix of the evaluation workflows' ids; the schedule appends the time of each run. */
export const EVALUATION_WORKFLOW_ID = 'kccp-yearly-evaluation';

// Built on first parse: every course run evaluates this module in the workflow sandbox and never parses it.
export const evaluationTimingSchema = z.lazy(() =>
  z
    .object({
      month: z.number().int().min(1).max(12),
      day: z.number().int().min(1).max(31),
      hour: z.number().int().min(0).max(23),
      minute: z.number().int().min(0).max(59),
    })
    .strict()
    .refine((t) => t.day <= DateTime.fromObject({ year: 2023, month: t.month }).daysInMonth!, {
      message: 'no such day in that month (29 February would skip three years in four)',
      path: ['day'],
    }),
);
export type EvaluationTiming = z.output<typeof evaluationTimingSchema>;

export const DEFAULT_EVALUATION_TIMING: EvaluationTiming = { month: 4, day: 10, hour: 9, minute: 0 };

/** "HH:MM" → hour and minute. */
export function parseTimeOfDay(text: string): { hour: number; minute: number } {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) throw new Error(`"${text}" is not a time of day as HH:MM`);
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

/**
 * KCCP_EVALUATION_MONTH (1–12), KCCP_EVALUATION_DAY and KCCP_EVALUATION_TIME
 * (HH:MM, Asia/Tokyo) over the default; flags of `kccp schedule ensure` override both.
 */
export function evaluationTiming(
  env: NodeJS.ProcessEnv = {},
  flags: Partial<{ month: number; day: number; time: string }> = {},
): EvaluationTiming {
  const number = (name: string) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return undefined;
    if (!/^\d+$/.test(raw.trim())) throw new Error(`${name} must be a whole number; got ${JSON.stringify(raw)}`);
    return Number(raw);
  };
  const time = flags.time ?? env.KCCP_EVALUATION_TIME;
  const candidate = {
    ...DEFAULT_EVALUATION_TIMING,
    ...(number('KCCP_EVALUATION_MONTH') !== undefined ? { month: number('KCCP_EVALUATION_MONTH') } : {}),
    ...(number('KCCP_EVALUATION_DAY') !== undefined ? { day: number('KCCP_EVALUATION_DAY') } : {}),
    ...(flags.month !== undefined ? { month: flags.month } : {}),
    ...(flags.day !== undefined ? { day: flags.day } : {}),
    ...(time ? parseTimeOfDay(time) : {}),
  };
  const parsed = evaluationTimingSchema.safeParse(candidate);
  if (!parsed.success) {
    throw new Error(
      `evaluation schedule: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}

export function describeTiming(t: EvaluationTiming): string {
  const date = DateTime.fromObject({ year: 2023, month: t.month, day: t.day });
  return `every year on ${date.toFormat('d LLLL')} at ${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')} ${PROGRAM_TIME_ZONE}`;
}

/**
 * The fiscal year a run at this instant evaluates: the one whose courses'
 * evaluation window (1 December Y to 1 May Y+1) contains it, or from May to
 * November the one whose window closed last. So December Y to November Y+1
 * evaluate JFY Y.
 */
export function evaluatedFiscalYear(instant: number): number {
  const t = DateTime.fromMillis(instant, { zone: PROGRAM_TIME_ZONE });
  return t.month === 12 ? t.year : t.year - 1;
}
