/**
 * The participant status path, move by move: every step the program's path does not draw is
 * refused with the rule named, and the record is left as it was.
 */
import { moveParticipant, newParticipant, NEXT_STATUSES } from '../../domain/lifecycle/participants';
import type { ParticipantStatus } from '../../domain/lifecycle';
import { nominee } from '../fixtures/courses';

const STATUSES = Object.keys(NEXT_STATUSES) as ParticipantStatus[];
const by = { actor: 'tanaka@jica.example', at: 1 };

test('the path is the one the program draws', () => {
  expect(NEXT_STATUSES).toEqual({
    nominated: ['selected', 'not-selected'],
    selected: ['accepted', 'declined', 'withdrawn'],
    accepted: ['withdrawn', 'attended'],
    attended: ['completed'],
    'not-selected': [],
    declined: [],
    withdrawn: [],
    completed: [],
  });
});

test.each(STATUSES.flatMap((from) => STATUSES.map((to) => [from, to] as const)))(
  'a move from %s to %s is taken only along the path',
  (from, to) => {
    const p = newParticipant('KE', nominee('Amina Otieno'), from, by);
    const refusal = moveParticipant(p, to, { ...by, at: 2 });
    if (NEXT_STATUSES[from].includes(to)) {
      expect(refusal).toBeUndefined();
      expect(p.status).toBe(to);
      expect(p.history.map((h) => h.status)).toEqual([from, to]);
    } else {
      expect(refusal).toMatch(new RegExp(`^wrong status: Amina Otieno \\(KE\\) is ${from}; ${to} follows only`));
      expect(p.status).toBe(from);
      expect(p.history).toHaveLength(1);
    }
  },
);
