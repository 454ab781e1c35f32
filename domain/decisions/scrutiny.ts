/** The scrutiny decision: pass or fail, with its reasons. */
import { z } from 'zod';
import { APPLY } from '../lifecycle/apply';
import { decisionBase, text } from './fields';
import { defineDecision, type Applied } from './module';

export const scrutiny = defineDecision({
  kind: 'scrutiny',
  schema: () =>
    z
      .object({
        ...decisionBase(),
        kind: z.literal('scrutiny'),
        result: z.enum(['pass', 'fail']),
        reasons: z.array(text(1000)).min(1).max(20),
        outsideExperts: z.array(text(200)).max(20).default([]),
      })
      .strict(),
  acceptedIn: { phases: ['Scrutiny'], window: 'scrutiny' },
  precheck: 'phase',
  // The rules of what it changes live with the other kinds' in lifecycle/apply.ts (issue 14 edits them there).
  apply: (state, cycle, d, now): Applied => APPLY.scrutiny(state, cycle, d, now),
  roles: ['scrutiny-secretariat'],
  cli: {
    command: 'scrutiny',
    description: 'record the scrutiny decision: pass or fail, with its reasons',
    options: [
      { flags: '--result <result>', description: 'the decision', choices: ['pass', 'fail'], required: true },
      { flags: '--reason <text>', description: 'a reason (repeatable)', repeatable: true, required: true },
      { flags: '--expert <name>', description: 'outside expert consulted (repeatable)', repeatable: true },
    ],
    examples: [
      'kccp scrutiny KCCP-2028-AGR-01 --result pass --reason "Japan\'s rice research is unique" --expert "Prof. Sato"',
    ],
    body: (flags) => ({
      result: flags.result as 'pass' | 'fail',
      reasons: flags.reason as string[],
      outsideExperts: (flags.expert as string[] | undefined) ?? [],
    }),
  },
});
