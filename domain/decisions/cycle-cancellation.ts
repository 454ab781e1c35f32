/** A cycle cancelled before it is held; the governments concerned are told. */
import { z } from 'zod';
import { APPLY } from '../lifecycle/apply';
import { BEFORE_IMPLEMENTATION, decisionBase, text } from './fields';
import { defineDecision, type Applied } from './module';

export const cycleCancellation = defineDecision({
  kind: 'cycleCancellation',
  schema: () =>
    z
      .object({
        ...decisionBase(),
        kind: z.literal('cycleCancellation'),
        reason: text(1000),
      })
      .strict(),
  acceptedIn: { phases: BEFORE_IMPLEMENTATION, window: 'inJapan' },
  precheck: 'phase',
  // The rules of what it changes live with the other kinds' in lifecycle/apply.ts (issue 14 edits them there).
  apply: (state, cycle, d, now): Applied => APPLY.cycleCancellation(state, cycle, d, now),
  // Not the operator: the evaluation holds an operator key on every worker, and a cancellation is the course officer's call.
  roles: ['course-officer'],
  cli: {
    command: 'cancel-cycle',
    description: 'cancel a cycle before it is held; the governments concerned are told',
    options: [{ flags: '--reason <text>', description: 'why', required: true }],
    examples: ['kccp cancel-cycle KCCP-2028-AGR-01 --cycle 1 --reason "COVID-19"'],
    body: (flags) => ({ reason: flags.reason as string }),
  },
});
