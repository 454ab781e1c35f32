/** platform/concurrency.ts: the one pool behind notice delivery, the evaluation's batches and the course seeding. */
import { inLanes } from '../../platform/concurrency';

/** Work that finishes only when the test says so, to see how many are in flight at once. */
function gatedWork() {
  const started: number[] = [];
  const release: Array<() => void> = [];
  let inFlight = 0;
  let most = 0;
  const work = (item: number) =>
    new Promise<void>((resolve) => {
      started.push(item);
      inFlight += 1;
      most = Math.max(most, inFlight);
      release.push(() => {
        inFlight -= 1;
        resolve();
      });
    });
  return { started, release, work, most: () => most };
}

async function drain(gate: ReturnType<typeof gatedWork>, run: Promise<void>): Promise<void> {
  let done = false;
  void run.then(() => (done = true));
  while (!done) {
    await Promise.resolve();
    gate.release.shift()?.();
    await new Promise((r) => setImmediate(r));
  }
}

test('takes every item once, in order, never more than the limit at a time', async () => {
  const gate = gatedWork();
  const items = Array.from({ length: 10 }, (_, i) => i);
  await drain(gate, inLanes(items, 3, gate.work));
  expect(gate.started).toEqual(items);
  expect(gate.most()).toBe(3);
});

test('passes each item its index, and runs fewer lanes than the limit for fewer items', async () => {
  const seen: string[] = [];
  await inLanes(['a', 'b'], 8, async (item, index) => void seen.push(`${index}:${item}`));
  expect(seen.sort()).toEqual(['0:a', '1:b']);
  await inLanes([], 4, async () => void seen.push('never'));
  expect(seen).toHaveLength(2);
});

test('takes no item once stop() says so; items in flight finish', async () => {
  const taken: number[] = [];
  let stopAfter = 4;
  await inLanes(
    Array.from({ length: 20 }, (_, i) => i),
    2,
    async (item) => void taken.push(item),
    () => taken.length >= stopAfter,
  );
  expect(taken).toEqual([0, 1, 2, 3]);
  stopAfter = 0;
  await inLanes(
    [1, 2, 3],
    2,
    async (item) => void taken.push(item),
    () => true,
  );
  expect(taken).toHaveLength(4);
});

test('refuses a limit below one, naming it', async () => {
  await expect(inLanes([1], 0, async () => undefined)).rejects.toThrow('concurrency limit must be at least 1; got 0');
});
