/**
 * Property (issue 16, participant-documents-v1): whatever staff record and whenever, carried out as the
 * workflow carries out effects (the record read before sending, deliveries recorded after), no document
 * reaches a participant in the wrong status, none reaches anyone twice, and every participant ends in
 * exactly one terminal status.
 */
import fc from 'fast-check';
import {
  advance,
  pendingRecipients,
  receiveDecision,
  recordDocuments,
  type CourseState,
  type Effect,
  type Participant,
} from '../../domain/lifecycle';
import { decision } from '../fixtures/courses';
import { at } from '../fixtures/machine';
import { accept, KE_NOMINEES, selected, substitute, withdraw } from '../fixtures/participants';

const HOUR = 3_600_000;
// Written out here, not imported: the test states who may receive what.
const MAY_RECEIVE: Record<string, (p: Participant) => boolean> = {
  // Sent at selection or substitution, when the participant is selected (or has accepted since a failed try).
  'acceptance-letter': (p) => p.status === 'selected' || p.status === 'accepted',
  'joining-instructions': (p) => p.status === 'selected' || p.status === 'accepted',
  certificate: (p) => p.status === 'completed',
  'action-plan-request': (p) => p.status === 'completed' && p.actionPlan?.receivedAt === undefined,
  'action-plan-reminder': (p) => p.status === 'completed' && !!p.actionPlan && p.actionPlan.receivedAt === undefined,
  'action-plan-final-reminder': (p) =>
    p.status === 'completed' && !!p.actionPlan && p.actionPlan.receivedAt === undefined,
};
const TERMINAL = ['not-selected', 'declined', 'withdrawn', 'completed'];
const NAMES = [...KE_NOMINEES, 'Mary Njeri', 'Grace Achieng', 'Awa Diop'];

const op = fc.oneof(
  fc.record({ kind: fc.constant('accept' as const), name: fc.constantFrom(...NAMES), declined: fc.boolean() }),
  fc.record({ kind: fc.constant('withdraw' as const), name: fc.constantFrom(...NAMES) }),
  fc.record({
    kind: fc.constant('substitute' as const),
    name: fc.constantFrom(...NAMES),
    by: fc.constantFrom('Mary Njeri', 'Grace Achieng'),
  }),
  // A plan back from the n-th participant (any status): mostly someone it may come from.
  fc.record({ kind: fc.constant('planBack' as const), index: fc.nat({ max: 5 }) }),
  fc.record({ kind: fc.constant('report' as const), absent: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }) }),
  fc.record({ kind: fc.constant('time' as const), hours: fc.integer({ min: 1, max: 30 }) }),
  // Time again, so that runs reach the course in Japan and the return (the course's days are a day each).
  fc.record({ kind: fc.constant('time' as const), hours: fc.integer({ min: 6, max: 24 }) }),
);

const countryOf = (name: string) => (name === 'Awa Diop' ? 'SN' : 'KE');
const live = (state: CourseState) =>
  (state.cycles[0]?.participants ?? []).filter((p) => p.status === 'selected' || p.status === 'accepted');

/** The implementation report: everyone still expected came, except those the mask names absent. */
function report(state: CourseState, mask: boolean[]) {
  const expected = live(state);
  const absent = expected.filter((_, i) => mask[i % mask.length]);
  const countries = [...new Set(expected.map((p) => p.country))];
  return decision('implementationReport', {
    mode: 'in-person',
    startedOn: '2027-01-10',
    endedOn: '2027-01-11',
    attendance: countries.map((country) => ({
      country,
      participants: expected.filter((p) => p.country === country && !absent.includes(p)).length,
    })),
    absent: absent.map((p) => ({ country: p.country, participant: p.form.name })),
  });
}

function planBack(state: CourseState, index: number) {
  const all = state.cycles[0]!.participants!;
  const p = all[index % all.length]!;
  return decision('actionPlanReceived', { country: p.country, participant: p.form.name });
}

test('no document reaches someone in the wrong status, nor anyone twice; everyone ends in one terminal status', () => {
  fc.assert(
    fc.property(fc.array(op, { minLength: 12, maxLength: 30 }), (ops) => {
      const start = selected(3);
      let state = start.state;
      let now = at(4);
      const received = new Map<string, number>();
      /** What the workflow does with effects: sends each document to those still pending, then records it. */
      const carryOut = (effects: Effect[]) => {
        for (const e of effects) {
          if (e.type !== 'sendParticipantDocuments') continue;
          const pending = pendingRecipients(state, e.cycle, e.document, e.participants);
          for (const r of pending) {
            const p = state.cycles[0]!.participants!.find((x) => `${x.country}:${x.form.name}` === r.key)!;
            expect({ document: e.document, key: r.key, ok: MAY_RECEIVE[e.document]!(p) }).toMatchObject({ ok: true });
            const id = `${e.document}|${r.key}`;
            received.set(id, (received.get(id) ?? 0) + 1);
          }
          state = recordDocuments(
            state,
            e.cycle,
            e.document,
            Object.fromEntries(pending.map((r) => [r.key, `<${r.key}>`])),
            now,
          );
        }
      };
      carryOut(start.effects);
      for (const o of ops) {
        if (o.kind === 'time') {
          now = Math.min(now + o.hours * HOUR, at(9));
          const moved = advance(state, now);
          state = moved.state;
          carryOut(moved.effects);
          continue;
        }
        const input =
          o.kind === 'accept'
            ? accept(o.name, o.declined ? 'declined' : 'accepted', countryOf(o.name))
            : o.kind === 'withdraw'
              ? withdraw(o.name, countryOf(o.name))
              : o.kind === 'substitute'
                ? substitute(o.name, o.by)
                : o.kind === 'planBack'
                  ? planBack(state, o.index)
                  : report(state, o.absent);
        const result = receiveDecision(state, input.kind as never, input, undefined, now);
        if (!result.ok) continue;
        state = result.state;
        carryOut(result.effects);
      }
      const ended = advance(state, at(9) + 1);
      state = ended.state;
      carryOut(ended.effects);
      for (const count of received.values()) expect(count).toBe(1);
      const cycle = state.cycles[0]!;
      if (cycle.phase === 'Completed' || cycle.phase === 'NotHeld') {
        for (const p of cycle.participants!) {
          expect(TERMINAL).toContain(p.status);
          expect(p.history.filter((h) => TERMINAL.includes(h.status))).toHaveLength(1);
          // A certificate only ever to those who completed; nobody without one is asked for a plan.
          if (p.documents?.['action-plan-request']) expect(p.documents.certificate).toBeDefined();
        }
      }
    }),
    { numRuns: 300 },
  );
});
