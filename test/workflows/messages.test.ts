/**
 * The course workflow's messages are typed by each decision's input: a wrong
 * body does not compile (`npm run typecheck` checks the @ts-expect-error lines
 * below; an error that stops happening fails it), and the names on the wire
 * stay what recorded histories and running courses expect.
 */
import type { WorkflowHandle } from '@temporalio/client';
import { DECISION_KINDS } from '../../domain/decisions';
import { decisionSignals, decisionUpdates, signalOf, updateOf, type DecisionMessage } from '../../workflows/messages';

const scrutiny: DecisionMessage<'scrutiny'> = {
  kind: 'scrutiny',
  result: 'pass',
  reasons: ['ok'],
  actor: 'a',
  idempotencyKey: 'k-0000001',
};

// Never called: these lines are checked by the compiler only.
export function typedAtCallSites(handle: WorkflowHandle): void {
  void handle.executeUpdate(decisionUpdates.scrutiny, { args: [scrutiny] });
  void handle.signal(signalOf('scrutiny'), scrutiny);
  // @ts-expect-error a scrutiny body is not a plan
  void handle.executeUpdate(updateOf('plan'), { args: [scrutiny] });
  // @ts-expect-error a scrutiny without its result
  void handle.signal(decisionSignals.scrutiny, { ...scrutiny, result: undefined });
}

test('every decision kind has an update named after it and a signal named <kind>Signal', () => {
  expect(Object.keys(decisionUpdates).sort()).toEqual([...DECISION_KINDS].sort());
  for (const kind of DECISION_KINDS) {
    expect(updateOf(kind).name).toBe(kind);
    expect(signalOf(kind).name).toBe(`${kind}Signal`);
  }
  expect(decisionUpdates.modeChange.name).toBe('modeChange');
  expect(decisionSignals.cycleCancellation.name).toBe('cycleCancellationSignal');
});
