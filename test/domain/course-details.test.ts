/** The current details the Web UI shows (domain/lifecycle/details.ts): what each running cycle waits for, in status's words. */
import { courseDetails, waitingFor } from '../../domain/lifecycle';
import { course, planned } from '../fixtures/machine';

test('names the course, its phase, and what the focus cycle waits for, in the words kccp status uses', () => {
  const { state } = course({}, 1);
  const text = courseDetails(state);
  const [head, phase, waiting] = text.split('\n\n');
  expect(head).toBe(`**TEST-001** ${state.spec.title} (${state.spec.subject})`);
  expect(phase).toMatch(/^Phase: \*\*\w+\*\*, cycle 1 of 3, JFY\d{4}$/);
  expect(waiting).toBe(`Waiting for: cycle 1: ${waitingFor(state.cycles[0]!, state).text}`);
  expect(text).not.toContain('Delivery problem');
});

test('follows the state: a recorded plan changes what the cycle waits for', () => {
  const before = courseDetails(course().state);
  const after = courseDetails(planned().state);
  expect(after).not.toBe(before);
  expect(after).toContain('Waiting for: cycle 1: ');
});
