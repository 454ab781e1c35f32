/** The course plan of a cycle, recorded in formulation. */
import { z } from 'zod';
import { APPLY } from '../lifecycle/apply';
import { decisionBase, text } from './fields';
import { defineDecision, type Applied } from './module';

export const plan = defineDecision({
  kind: 'plan',
  schema: () =>
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
      })
      .strict(),
  acceptedIn: { phases: ['Scheduled', 'Formulation'], window: 'formulation' },
  precheck: 'phase',
  // The rules of what it changes live with the other kinds' in lifecycle/apply.ts (issue 14 edits them there).
  apply: (state, cycle, d, now): Applied => APPLY.plan(state, cycle, d, now),
  roles: ['course-officer'],
  cli: {
    command: 'plan',
    description: 'record the course plan of a cycle (formulation)',
    options: [
      { flags: '--summary <text>', description: 'what the cycle will teach and how', required: true },
      { flags: '--material-change', description: 'the plan changes the course materially: it goes to scrutiny again' },
      {
        flags: '--acknowledge-findings',
        description: 'the plan takes account of the evaluation findings carried to this cycle',
      },
    ],
    examples: ['kccp plan KCCP-2028-AGR-01 --summary "Field practice in Tsukuba, two study visits"'],
    body: (flags) => ({
      summary: flags.summary as string,
      materialChange: flags.materialChange === true,
      ...(flags.acknowledgeFindings ? { findingsAcknowledged: true } : {}),
    }),
  },
});
