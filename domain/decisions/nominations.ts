/** A government's nominations for the cycle. */
import { z } from 'zod';
import { countryCodeSchema } from '../course';
import { APPLY } from '../lifecycle/apply';
import { decisionBase, nomineeSchema, text } from './fields';
import { defineDecision, type Applied } from './module';

export const nominations = defineDecision({
  kind: 'nominations',
  schema: () =>
    z
      .object({
        ...decisionBase(),
        kind: z.literal('nominations'),
        country: countryCodeSchema,
        organizations: z.array(text(200)).min(1).max(20),
        nominees: z.array(nomineeSchema()).min(1).max(20),
      })
      .strict(),
  acceptedIn: { phases: ['Nominations'], window: 'nominations' },
  precheck: 'phase',
  // The rules of what it changes live with the other kinds' in lifecycle/apply.ts (issue 14 edits them there).
  apply: (state, cycle, d, now): Applied => APPLY.nominations(state, cycle, d, now),
  roles: ['course-officer'],
  cli: { command: 'nominations', registeredBy: 'client/commands/nominations.ts' },
});
