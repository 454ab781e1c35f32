/** A change of how a cycle is held; participating countries are told. */
import { z } from 'zod';
import { APPLY } from '../lifecycle/apply';
import { BEFORE_IMPLEMENTATION, COURSE_MODES, decisionBase, text, type CourseMode } from './fields';
import { defineDecision, type Applied } from './module';

export const modeChange = defineDecision({
  kind: 'modeChange',
  schema: () =>
    z
      .object({
        ...decisionBase(),
        kind: z.literal('modeChange'),
        mode: z.enum(COURSE_MODES),
        reason: text(1000),
      })
      .strict(),
  acceptedIn: { phases: BEFORE_IMPLEMENTATION, window: 'inJapan' },
  precheck: 'phase',
  // The rules of what it changes live with the other kinds' in lifecycle/apply.ts (issue 14 edits them there).
  apply: (state, cycle, d): Applied => APPLY.modeChange(state, cycle, d),
  roles: ['course-officer'],
  cli: {
    command: 'mode',
    description: 'change how a cycle is held (in-person, online, hybrid); participating countries are told',
    options: [
      { flags: '--mode <mode>', description: 'new mode', choices: COURSE_MODES, required: true },
      { flags: '--reason <text>', description: 'why', required: true },
    ],
    examples: ['kccp mode KCCP-2028-AGR-01 --mode online --reason "Entry restrictions"'],
    body: (flags) => ({ mode: flags.mode as CourseMode, reason: flags.reason as string }),
  },
});
