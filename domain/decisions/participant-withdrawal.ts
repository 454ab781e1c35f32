/**
 * A selected participant withdraws before the course begins in Japan (issue
 * 16's participant statuses start here). Written as a new kind is: this
 * module, one line in the registry (index.ts) and its tests; nothing else.
 */
import { z } from 'zod';
import { countryCodeSchema } from '../course';
import { findParticipant, hostCentreList, moveParticipant } from '../lifecycle/participants';
import { decisionBase, text } from './fields';
import { defineDecision, type Applied } from './module';

export const participantWithdrawal = defineDecision({
  kind: 'participantWithdrawal',
  schema: () =>
    z
      .object({
        ...decisionBase(),
        kind: z.literal('participantWithdrawal'),
        country: countryCodeSchema,
        /** The participant, named as in the selection. */
        participant: text(200),
        reason: text(1000),
      })
      .strict(),
  acceptedIn: { phases: ['Selection', 'PreArrival'], window: 'preArrival' },
  // Only a selection made can lose a participant.
  accepts: (cycle) => cycle.selection !== undefined,
  precheck: 'phase',
  apply: (_state, cycle, d, now): Applied => {
    const selected = cycle.selection!.participants[d.country] ?? [];
    if (!selected.includes(d.participant)) {
      return `invalid field: participant: ${d.participant} is not selected from ${d.country} in cycle ${cycle.cycle} (selected: ${selected.join(', ') || 'none'})`;
    }
    // With records (program-rules-v1) the status path decides: only selected or accepted may withdraw.
    const record = findParticipant(cycle, d.country, d.participant);
    const wrong = record && moveParticipant(record, 'withdrawn', { actor: d.actor, at: now }, d.reason);
    if (wrong) return `invalid field: participant: ${wrong}`;
    cycle.selection!.participants[d.country] = selected.filter((name) => name !== d.participant);
    return {
      summary: `${d.participant} (${d.country}) withdrew: ${d.reason}`,
      effects: hostCentreList(cycle, `${d.participant} (${d.country}) withdrew`),
    };
  },
  roles: ['course-officer'],
  cli: {
    command: 'withdraw',
    description: 'record that a selected participant withdraws before the course begins in Japan',
    options: [
      { flags: '--country <code>', description: "the participant's country (ISO 3166-1 alpha-2)", required: true },
      { flags: '--participant <name>', description: 'the participant, as named in the selection', required: true },
      { flags: '--reason <text>', description: 'why', required: true },
    ],
    examples: ['kccp withdraw KCCP-2028-AGR-01 --country KE --participant "Jane Wanjiru" --reason "Illness"'],
    body: (flags) => ({
      country: flags.country as string,
      participant: flags.participant as string,
      reason: flags.reason as string,
    }),
  },
});
