/** The yearly evaluation of a course's cycle in a fiscal year. */
import { z } from 'zod';
import { instantSchema } from '../course';
import { APPLY } from '../lifecycle/apply';
import { decisionBase, text } from './fields';
import { defineDecision, type Applied } from './module';

export const evaluation = defineDecision({
  kind: 'evaluation',
  schema: () =>
    z
      .object({
        ...decisionBase(),
        kind: z.literal('evaluation'),
        /** Fiscal year of the yearly evaluation that recorded this. */
        fiscalYear: z.number().int().min(2000).max(2100),
        findings: z.array(text(2000)).max(50),
        evaluatedAt: instantSchema.optional(),
      })
      .strict(),
  // Matched by fiscal year, ended cycles included: only the workflow can tell which cycle takes it.
  acceptedIn: {
    phases: ['Evaluation', 'PostReturn', 'InJapan', 'PreArrival', 'Completed', 'NotHeld', 'Cancelled'],
    window: 'evaluation',
  },
  // Only a cycle that has begun its course year can be evaluated; a cycle still being planned cannot.
  accepts: (cycle, d) => cycle.fiscalYear === d.fiscalYear && !cycle.evaluation,
  precheck: 'none',
  // The rules of what it changes live with the other kinds' in lifecycle/apply.ts (issue 14 edits them there).
  apply: (state, cycle, d, now): Applied => APPLY.evaluation(state, cycle, d, now),
  roles: ['operator'],
  cli: {
    command: 'evaluation',
    description: "record the yearly evaluation of a course's cycle in a fiscal year",
    options: [
      { flags: '--fiscal-year <jfy>', description: 'fiscal year evaluated', required: true, parse: 'integer' },
      { flags: '--finding <text>', description: 'a finding for the next cycle (repeatable)', repeatable: true },
    ],
    examples: ['kccp evaluation KCCP-2028-AGR-01 --fiscal-year 2028 --finding "Add a module on irrigation"'],
    body: (flags) => ({
      fiscalYear: flags.fiscalYear as number,
      findings: (flags.finding as string[] | undefined) ?? [],
    }),
  },
});
