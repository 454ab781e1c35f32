/** Send again what a delivery problem lacks, once staff have fixed the address. */
import { z } from 'zod';
import { CYCLE_PHASES } from '../lifecycle/types';
import { APPLY } from '../lifecycle/apply';
import { cycleNamedBy, decisionBase, deliveryProblemIdSchema } from './fields';
import { defineDecision, type Applied } from './module';

export const noticeResend = defineDecision({
  kind: 'noticeResend',
  schema: () =>
    z
      .object({
        ...decisionBase(),
        kind: z.literal('noticeResend'),
        /** The delivery problem to try again, for what it still lacks; what was delivered is never sent twice. */
        problem: deliveryProblemIdSchema(),
      })
      .strict(),
  // A delivery problem is repaired whenever staff have fixed the address, in any phase, ended cycles too.
  acceptedIn: { phases: [...CYCLE_PHASES], window: 'evaluation' },
  precheck: 'none',
  // The rules of what it changes live with the other kinds' in lifecycle/apply.ts (issue 14 edits them there).
  apply: (): Applied => APPLY.noticeResend(),
  roles: ['course-officer', 'operator'],
  cli: {
    command: 'resend',
    description:
      'send again what a delivery problem lacks (see "Delivery problems" in kccp status), once the address is fixed',
    argument: {
      name: '<problem>',
      description: 'the delivery problem, e.g. c1/course-notification or c2/staff-mofa-7d',
    },
    options: [],
    examples: [
      'kccp status KCCP-2028-AGR-01            # lists the delivery problems',
      'kccp resend KCCP-2028-AGR-01 c1/course-notification',
    ],
    note: 'Only recipients that have not received it are sent to, each once: a repeat with the same --key changes nothing.',
    body: (_flags, problem) => ({ problem: problem ?? '' }),
    // The problem names its cycle; a signature binds it.
    cycleOf: cycleNamedBy,
  },
});
