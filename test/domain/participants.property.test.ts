/**
 * Property (issue 16): whatever staff record, in whatever order, every participant ends in exactly
 * one terminal status, and no decision changes a participant whose status does not allow it.
 */
import fc from 'fast-check';
import { advance, receiveDecision, type CourseState, type ParticipantStatus } from '../../domain/lifecycle';
import { decision } from '../fixtures/courses';
import { at } from '../fixtures/machine';
import { accept, KE_NOMINEES, selectedCourse, substitute, withdraw } from '../fixtures/participants';

// Written out here, not imported, so the test states the program's path itself.
const ALLOWED: Record<string, ParticipantStatus[]> = {
  participantAcceptance: ['selected'],
  participantWithdrawal: ['selected', 'accepted'],
};
const TERMINAL: ParticipantStatus[] = ['not-selected', 'declined', 'withdrawn', 'completed'];
const NAMES = [...KE_NOMINEES, 'Mary Njeri', 'Grace Achieng'];

const op = fc.oneof(
  fc.record({ kind: fc.constant('accept' as const), name: fc.constantFrom(...NAMES), declined: fc.boolean() }),
  fc.record({ kind: fc.constant('withdraw' as const), name: fc.constantFrom(...NAMES) }),
  fc.record({
    kind: fc.constant('substitute' as const),
    name: fc.constantFrom(...NAMES),
    by: fc.constantFrom('Mary Njeri', 'Grace Achieng'),
  }),
);

const statuses = (state: CourseState) =>
  new Map((state.cycles[0]!.participants ?? []).map((p) => [p.form.name, p.status] as const));

function receive(state: CourseState, input: { kind: string }, now: number) {
  return receiveDecision(state, input.kind as never, input, undefined, now);
}

test('every participant ends in one terminal status; no change reaches someone in the wrong status', () => {
  fc.assert(
    fc.property(fc.array(op, { maxLength: 12 }), fc.boolean(), fc.boolean(), (ops, laterPhase, held) => {
      let state = selectedCourse();
      const now = laterPhase ? at(5) : at(4);
      if (laterPhase) state = advance(state, now).state;
      for (const o of ops) {
        const before = statuses(state);
        const input =
          o.kind === 'accept'
            ? accept(o.name, o.declined ? 'declined' : 'accepted')
            : o.kind === 'withdraw'
              ? withdraw(o.name)
              : substitute(o.name, o.by);
        const result = receive(state, input, now);
        if (!result.ok) {
          expect(statuses(state)).toEqual(before);
          continue;
        }
        state = result.state;
        const after = statuses(state);
        if (o.kind === 'substitute') {
          expect(before.get(o.name)).toBe('withdrawn');
          expect(before.has(o.by)).toBe(false);
          expect(after.get(o.by)).toBe('selected');
        } else {
          expect(ALLOWED[input.kind]).toContain(before.get(o.name));
          expect(after.get(o.name)).toBe(o.kind === 'withdraw' ? 'withdrawn' : o.declined ? 'declined' : 'accepted');
        }
        // Nobody else changed.
        for (const [name, status] of before) if (name !== o.name) expect(after.get(name)).toBe(status);
      }
      if (held) {
        // The course is held: everyone still expected from KE came, SN's participant did not.
        state = advance(state, at(6)).state;
        const expected = (state.cycles[0]!.participants ?? []).filter(
          (p) => p.country === 'KE' && (p.status === 'selected' || p.status === 'accepted'),
        ).length;
        const attendance = expected ? [{ country: 'KE', participants: expected }] : [];
        const report = decision('implementationReport', {
          mode: 'in-person',
          startedOn: '2027-01-10',
          endedOn: '2027-01-11',
          attendance,
        });
        const result = receive(state, report, at(6));
        if (!result.ok) throw new Error(result.reason);
        state = result.state;
      } else {
        const result = receive(state, decision('cycleCancellation', { reason: 'typhoon' }), now);
        if (!result.ok) throw new Error(result.reason);
        state = result.state;
      }
      for (const p of state.cycles[0]!.participants!) {
        expect(TERMINAL).toContain(p.status);
        expect(p.history.at(-1)!.status).toBe(p.status);
        expect(p.history.filter((h) => TERMINAL.includes(h.status))).toHaveLength(1);
      }
    }),
    { numRuns: 150 },
  );
});
