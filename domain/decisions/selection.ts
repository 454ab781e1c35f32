/** The final selection of participants, by country, from the nominees. */
import { z } from 'zod';
import { countryCodeSchema } from '../course';
import { APPLY } from '../lifecycle/apply';
import { decisionBase, text } from './fields';
import { defineDecision, type Applied } from './module';

export const selection = defineDecision({
  kind: 'selection',
  schema: () =>
    z
      .object({
        ...decisionBase(),
        kind: z.literal('selection'),
        /** Selected nominees by country, named as in the nominations. */
        participants: z
          .array(z.object({ country: countryCodeSchema, nominees: z.array(text(200)).max(20) }).strict())
          .min(1)
          .max(200),
      })
      .strict(),
  acceptedIn: { phases: ['Selection'], window: 'selection' },
  precheck: 'phase',
  // The rules of what it changes live with the other kinds' in lifecycle/apply.ts (issue 14 edits them there).
  apply: (state, cycle, d, now): Applied => APPLY.selection(state, cycle, d, now),
  roles: ['course-officer'],
  cli: { command: 'selection', registeredBy: 'client/commands/nominations.ts' },
});
