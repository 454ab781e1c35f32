/** The MOFA determination: approved or not. */
import { z } from 'zod';
import { APPLY } from '../lifecycle/apply';
import { decisionBase, text } from './fields';
import { defineDecision, type Applied } from './module';

export const mofaDetermination = defineDecision({
  kind: 'mofaDetermination',
  schema: () =>
    z
      .object({
        ...decisionBase(),
        kind: z.literal('mofaDetermination'),
        approved: z.boolean(),
        reference: text(200).optional(),
        remarks: text(2000).optional(),
      })
      .strict(),
  acceptedIn: { phases: ['MofaDetermination'], window: 'mofaDetermination' },
  precheck: 'phase',
  // The rules of what it changes live with the other kinds' in lifecycle/apply.ts (issue 14 edits them there).
  apply: (state, cycle, d, now): Applied => APPLY.mofaDetermination(state, cycle, d, now),
  roles: ['mofa-liaison'],
  cli: {
    command: 'mofa',
    description: 'record the MOFA determination: approved or not',
    options: [
      {
        flags: '--result <result>',
        description: "MOFA's determination",
        choices: ['approved', 'not-approved'],
        required: true,
      },
      { flags: '--reference <ref>', description: "MOFA's reference number" },
      { flags: '--remarks <text>', description: 'remarks' },
    ],
    examples: ['kccp mofa KCCP-2028-AGR-01 --result approved --reference MOFA-2027-112'],
    body: (flags) => ({
      approved: flags.result === 'approved',
      reference: flags.reference as string | undefined,
      remarks: flags.remarks as string | undefined,
    }),
  },
});
