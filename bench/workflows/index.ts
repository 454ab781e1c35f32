/**
 * The engine baseline: the same updates, timers, activities and continue-as-new
 * as one course cycle, with no domain logic, so `npm run bench` can tell what
 * the course logic costs on top of Temporal itself. Only workflows are exported
 * here (the worker registers every export as a workflow type).
 */
import { condition, continueAsNew, proxyActivities, setHandler, allHandlersFinished } from '@temporalio/workflow';
import type * as activities from '../support/baseline-activities';
import { baselineDecisionUpdate, type BaselineInput } from './messages';

const { noop } = proxyActivities<typeof activities>({
  startToCloseTimeout: '15 minutes',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

export async function engineBaseline(input: BaselineInput): Promise<void> {
  if (input.parked) {
    await condition(() => false);
    return;
  }
  let pendingActivities = input.startActivities ?? 0;
  let applied = 0;
  let cycleEnded = false;
  setHandler(baselineDecisionUpdate, (decision) => {
    applied += 1;
    pendingActivities += decision.activities;
    if (decision.endsCycle) cycleEnded = true;
    return { accepted: true, applied };
  });

  const wakeAt = [...input.wakeAt].sort((a, b) => a - b);
  for (;;) {
    while (pendingActivities > 0) {
      pendingActivities -= 1;
      await noop();
    }
    if (cycleEnded) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof engineBaseline>({ wakeAt: [], parked: true });
    }
    const next = wakeAt.find((at) => at > Date.now());
    if (next === undefined) await condition(() => pendingActivities > 0 || cycleEnded);
    else await condition(() => pendingActivities > 0 || cycleEnded, next - Date.now());
  }
}
