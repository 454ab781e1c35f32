/**
 * A participant's action plan came back after the course (issue 16, participant-documents-v1): the
 * reminders stop for them, and the yearly evaluation counts the plan as received. Accepted while the
 * cycle runs after the course (post-return and evaluation); a plan not back when the cycle ends is
 * recorded as not received.
 */
import { z } from 'zod';
import { countryCodeSchema } from '../course';
import { namedParticipant } from '../lifecycle/participants';
import { participantDocuments } from '../lifecycle/program-rules';
import { decisionBase, text } from './fields';
import { defineDecision, type Applied } from './module';

export const actionPlanReceived = defineDecision({
  kind: 'actionPlanReceived',
  schema: () =>
    z
      .object({
        ...decisionBase(),
        kind: z.literal('actionPlanReceived'),
        country: countryCodeSchema,
        /** The participant, named as in the selection. */
        participant: text(200),
        note: text(1000).optional(),
      })
      .strict(),
  acceptedIn: { phases: ['PostReturn', 'Evaluation'], window: 'postReturn' },
  precheck: 'phase',
  apply: (state, cycle, d, now): Applied => {
    if (!participantDocuments(state)) {
      return `wrong phase: cycle ${cycle.cycle} follows up no action plans (its run began before participant-documents-v1; it does from the course's next cycle)`;
    }
    const p = namedParticipant(cycle, 'participant', d.country, d.participant);
    if (typeof p === 'string') return p;
    if (p.status !== 'completed') {
      return `invalid field: participant: ${d.participant} (${d.country}) is ${p.status}; only a participant who completed the course sends an action plan`;
    }
    if (p.actionPlan?.receivedAt !== undefined) {
      return `duplicate: participant: the action plan of ${d.participant} (${d.country}) is already recorded`;
    }
    // A plan handed in before the request was sent is taken as asked and answered at once: no request follows.
    p.actionPlan = { requestedAt: p.actionPlan?.requestedAt ?? now, receivedAt: now };
    return { summary: `action plan of ${d.participant} (${d.country}) received`, effects: [] };
  },
  roles: ['course-officer'],
  cli: {
    command: 'action-plan',
    description: "record that a participant's action plan came back after the course",
    options: [
      { flags: '--country <code>', description: "the participant's country (ISO 3166-1 alpha-2)", required: true },
      { flags: '--participant <name>', description: 'the participant, as named in the selection', required: true },
      { flags: '--note <text>', description: 'e.g. how it came (through the JICA office)' },
    ],
    examples: ['kccp action-plan KCCP-2028-AGR-01 --country KE --participant "Jane Wanjiru"'],
    body: (flags) => ({
      country: flags.country as string,
      participant: flags.participant as string,
      ...(flags.note ? { note: flags.note as string } : {}),
    }),
  },
});
