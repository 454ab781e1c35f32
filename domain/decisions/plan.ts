/** The course plan of a cycle, recorded in formulation. */
import { z } from 'zod';
import { courseOutlineSchema, type CourseOutlineInput } from '../course-outline';
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
        /** The cycle's new outline, with a material change only; absent, the cycle keeps the course's. */
        outline: courseOutlineSchema.optional(),
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
      {
        flags: '--outline <outline.json>',
        description: "with --material-change: this cycle's new course outline (as course create)",
        file: 'outline',
      },
    ],
    examples: [
      'kccp plan KCCP-2028-AGR-01 --summary "Field practice in Tsukuba, two study visits"',
      'kccp plan KCCP-2028-AGR-01 --summary "Adds a module on irrigation" --material-change --outline outline.json',
    ],
    body: (flags) => ({
      summary: flags.summary as string,
      materialChange: flags.materialChange === true,
      ...(flags.acknowledgeFindings ? { findingsAcknowledged: true } : {}),
      // Checked with the decision's schema by recordDecision, which names the field of a wrong one.
      ...(flags.outline !== undefined ? { outline: flags.outline as CourseOutlineInput } : {}),
    }),
  },
});
