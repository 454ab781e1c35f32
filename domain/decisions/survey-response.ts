/** A government's answer to the request survey. */
import { z } from 'zod';
import { countryCodeSchema } from '../course';
import { APPLY } from '../lifecycle/apply';
import { decisionBase } from './fields';
import { defineDecision, type Applied } from './module';

export const surveyResponse = defineDecision({
  kind: 'surveyResponse',
  schema: () =>
    z
      .object({
        ...decisionBase(),
        kind: z.literal('surveyResponse'),
        country: countryCodeSchema,
        wantsToParticipate: z.boolean(),
        expectedParticipants: z.number().int().min(0).max(50),
      })
      .strict()
      .refine((r) => !r.wantsToParticipate || r.expectedParticipants > 0, {
        path: ['expectedParticipants'],
        message: 'must be at least 1 when the country wants to participate',
      }),
  acceptedIn: { phases: ['Scrutiny', 'RequestSurvey'], window: 'requestSurvey' },
  accepts: (cycle) => !cycle.surveyClosed,
  precheck: 'open-window',
  // The rules of what it changes live with the other kinds' in lifecycle/apply.ts (issue 14 edits them there).
  apply: (state, cycle, d, now): Applied => APPLY.surveyResponse(state, cycle, d, now),
  roles: ['survey-desk'],
  cli: { command: 'survey', registeredBy: 'client/commands/survey.ts' },
});
