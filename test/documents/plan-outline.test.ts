/** A material change in a cycle's plan may bring a new outline: that cycle's notices and GI package print it. */
import { noticeContext } from '../../domain/lifecycle';
import { sampleOutline } from '../../domain/sample-outlines';
import { decision } from '../fixtures/courses';
import { at, course, must, reject } from '../fixtures/machine';

const original = sampleOutline('Agricultural Development', 0, 3);
const revised = { ...sampleOutline('Agricultural Development', 1, 3), objectives: ['To introduce drip irrigation.'] };

test('a plan with a material change replaces the outline for its cycle; the course keeps its own', () => {
  const { state } = course({ outline: original });
  const before = noticeContext(state, state.cycles[0]!);
  expect(before.course.outline?.objectives).toEqual(original.objectives);

  const after = must(
    state,
    decision('plan', { summary: 'Adds irrigation', materialChange: true, outline: revised }),
    at(0),
  ).state;
  expect(noticeContext(after, after.cycles[0]!).course.outline?.objectives).toEqual(['To introduce drip irrigation.']);
  expect(after.spec.outline?.objectives).toEqual(original.objectives);
});

test('a new outline without a material change, or a wrong one, is refused naming the field', () => {
  const { state } = course({ outline: original });
  expect(
    reject(state, decision('plan', { summary: 'Same course', materialChange: false, outline: revised }), at(0)),
  ).toBe('invalid field: outline: a new outline is a material change of the course (set materialChange: true)');
  const wrong = { ...revised, contact: { name: 'JICA', email: 'nobody' } };
  expect(
    reject(state, decision('plan', { summary: 'Adds irrigation', materialChange: true, outline: wrong }), at(0)),
  ).toContain('outline.contact.email: an e-mail address');
});

test('a course without an outline has none in its notices until a plan brings one', () => {
  const { state } = course();
  expect(noticeContext(state, state.cycles[0]!).course).not.toHaveProperty('outline');
});
