/**
 * The participant rates of the yearly evaluation (issue 16), per course and for the program, from the
 * figures each cycle counts of its participant records (ParticipantFigures). One definition of each
 * rate lives here, and the report's legend prints the same words.
 */
import type { CycleNumber } from '../calendar';
import type { ParticipantFigures } from '../lifecycle/types';

/** One course's figures for the cycle evaluated; `figures` absent: the cycle kept no participant records. */
export interface CourseParticipantFigures {
  code: string;
  cycle: CycleNumber;
  figures?: ParticipantFigures;
}

export type RateName = 'acceptance' | 'withdrawal' | 'completion' | 'actionPlan';

/** A count over its base; `of` 0 means the rate does not apply (shown "n/a"), never 0 %. */
export interface Rate {
  count: number;
  of: number;
}

export const RATE_DEFINITIONS: Record<RateName, { label: string; definition: string }> = {
  acceptance: {
    label: 'Acceptance',
    definition: 'participants who accepted their place (even if they later withdrew) / participants selected',
  },
  withdrawal: {
    label: 'Withdrawal',
    definition:
      'participants who withdrew after selection (before the course or by not attending) / participants selected',
  },
  completion: {
    label: 'Completion',
    definition: 'participants who completed the course / participants who accepted their place',
  },
  actionPlan: {
    label: 'Action plans',
    definition:
      'completed participants whose action plan came back / participants who completed; n/a when none completed or no follow-up was asked for',
  },
};

export const RATE_NAMES = Object.keys(RATE_DEFINITIONS) as RateName[];

/** Substitutes count as selected: each is a place offered, and the one it replaced withdrew. */
export function participantRates(f: ParticipantFigures): Record<RateName, Rate> {
  return {
    acceptance: { count: f.accepted, of: f.selected },
    withdrawal: { count: f.withdrawn, of: f.selected },
    completion: { count: f.completed, of: f.accepted },
    // No follow-up asked for (older courses, or before return): the rate does not exist, so no base.
    actionPlan: { count: f.actionPlansReceived, of: f.actionPlansRequested === 0 ? 0 : f.completed },
  };
}

/** "4/5 (80%)", or "n/a" when the base is empty. */
export function formatRate(rate: Rate): string {
  if (rate.of === 0) return 'n/a';
  return `${rate.count}/${rate.of} (${Math.round((rate.count * 100) / rate.of)}%)`;
}

/** The share in percent with two decimals, or undefined when the base is empty. */
export function ratePercent(rate: Rate): number | undefined {
  return rate.of === 0 ? undefined : Math.round((rate.count * 10000) / rate.of) / 100;
}

export function emptyFigures(): ParticipantFigures {
  return { selected: 0, accepted: 0, withdrawn: 0, completed: 0, actionPlansRequested: 0, actionPlansReceived: 0 };
}

export function addFigures(a: ParticipantFigures, b: ParticipantFigures): ParticipantFigures {
  const sum = emptyFigures();
  for (const k of Object.keys(sum) as (keyof ParticipantFigures)[]) sum[k] = a[k] + b[k];
  return sum;
}

/** "1 course", "2 courses": labels of the report and its chart. */
export const courses = (n: number): string => `${n} course${n === 1 ? '' : 's'}`;
