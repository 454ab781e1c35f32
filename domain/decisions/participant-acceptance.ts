/** A selected participant accepts the offer of a place, or declines it (issue 16). */
import { z } from 'zod';
import { countryCodeSchema } from '../course';
import { hostCentreList, moveParticipant, namedParticipant } from '../lifecycle/participants';
import { decisionBase, text } from './fields';
import { defineDecision, type Applied } from './module';

export const PARTICIPANT_ANSWERS = ['accepted', 'declined'] as const;

export const participantAcceptance = defineDecision({
  kind: 'participantAcceptance',
  schema: () =>
    z
      .object({
        ...decisionBase(),
        kind: z.literal('participantAcceptance'),
        country: countryCodeSchema,
        /** The participant, named as in the selection. */
        participant: text(200),
        answer: z.enum(PARTICIPANT_ANSWERS),
        note: text(1000).optional(),
      })
      .strict(),
  acceptedIn: { phases: ['Selection', 'PreArrival'], window: 'preArrival' },
  accepts: (cycle) => cycle.selection !== undefined,
  precheck: 'phase',
  apply: (_state, cycle, d, now): Applied => {
    const p = namedParticipant(cycle, 'participant', d.country, d.participant);
    if (typeof p === 'string') return p;
    const wrong = moveParticipant(p, d.answer, { actor: d.actor, at: now }, d.note);
    if (wrong) return `invalid field: participant: ${wrong}`;
    // Someone who declines is no longer expected: attendance is checked against the selection.
    if (d.answer === 'declined') {
      const selected = cycle.selection!.participants[d.country] ?? [];
      cycle.selection!.participants[d.country] = selected.filter((name) => name !== d.participant);
    }
    const summary = `${d.participant} (${d.country}) ${d.answer} the place`;
    // A decline takes someone off the list; an acceptance changes no one expected.
    return { summary, effects: d.answer === 'declined' ? hostCentreList(cycle, summary) : [] };
  },
  roles: ['course-officer'],
  cli: {
    command: 'accept',
    description: "record a selected participant's answer to the offer of a place: accepted or declined",
    options: [
      { flags: '--country <code>', description: "the participant's country (ISO 3166-1 alpha-2)", required: true },
      { flags: '--participant <name>', description: 'the participant, as named in the selection', required: true },
      { flags: '--answer <answer>', description: 'the answer', choices: PARTICIPANT_ANSWERS, required: true },
      { flags: '--note <text>', description: 'e.g. how the answer came (letter, e-mail through the JICA office)' },
    ],
    examples: ['kccp accept KCCP-2028-AGR-01 --country KE --participant "Jane Wanjiru" --answer accepted'],
    body: (flags) => ({
      country: flags.country as string,
      participant: flags.participant as string,
      answer: flags.answer as (typeof PARTICIPANT_ANSWERS)[number],
      ...(flags.note ? { note: flags.note as string } : {}),
    }),
  },
});
