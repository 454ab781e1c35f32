/** How the course was held: mode, dates, attendance per country. */
import { z } from 'zod';
import { countryCodeSchema } from '../course';
import { APPLY } from '../lifecycle/apply';
import { calendarDate, COURSE_MODES, decisionBase, text, type CourseMode } from './fields';
import { defineDecision, type Applied } from './module';

export const implementationReport = defineDecision({
  kind: 'implementationReport',
  schema: () =>
    z
      .object({
        ...decisionBase(),
        kind: z.literal('implementationReport'),
        mode: z.enum(COURSE_MODES),
        startedOn: calendarDate(),
        endedOn: calendarDate(),
        attendance: z
          .array(z.object({ country: countryCodeSchema, participants: z.number().int().min(0).max(50) }).strict())
          .max(200),
        /** Selected or accepted participants who did not come (program-rules-v1 participant records). */
        absent: z
          .array(z.object({ country: countryCodeSchema, participant: text(200) }).strict())
          .max(300)
          .optional(),
      })
      .strict()
      .refine((r) => r.startedOn <= r.endedOn, { path: ['endedOn'], message: 'must not be before startedOn' }),
  acceptedIn: { phases: ['InJapan', 'PostReturn', 'Evaluation'], window: 'postReturn' },
  precheck: 'phase',
  // The rules of what it changes live with the other kinds' in lifecycle/apply.ts (issue 14 edits them there).
  apply: (state, cycle, d, now): Applied => APPLY.implementationReport(state, cycle, d, now),
  roles: ['course-officer'],
  cli: {
    command: 'report-implementation',
    description: 'record how the course was held: mode, dates, attendance per country',
    options: [
      { flags: '--mode <mode>', description: 'how it was held', choices: COURSE_MODES, required: true },
      { flags: '--started <date>', description: 'first day, YYYY-MM-DD', required: true },
      { flags: '--ended <date>', description: 'last day, YYYY-MM-DD', required: true },
      {
        flags: '--attendance <COUNTRY=N>',
        description: 'participants who attended from a country (repeatable)',
        repeatable: true,
        parse: 'country-count',
      },
      {
        flags: '--absent <COUNTRY:NAME>',
        description: 'a selected or accepted participant who did not come (repeatable)',
        repeatable: true,
        parse: 'country-person',
      },
    ],
    examples: [
      'kccp report-implementation KCCP-2028-AGR-01 --mode in-person --started 2028-07-06 --ended 2028-08-21 --attendance KE=2 --attendance SN=1',
    ],
    body: (flags) => ({
      mode: flags.mode as CourseMode,
      startedOn: flags.started as string,
      endedOn: flags.ended as string,
      attendance: (flags.attendance as { country: string; participants: number }[] | undefined) ?? [],
      ...(flags.absent ? { absent: flags.absent as { country: string; participant: string }[] } : {}),
    }),
  },
});
