/**
 * One concurrency pool for the places that fan out over many items (a notice's
 * countries, an evaluation's courses, the seeded courses): at most `limit`
 * items in flight, taken in order, none taken once `stop()` says so.
 */
export async function inLanes<T>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<void>,
  stop: () => boolean = () => false,
): Promise<void> {
  if (!(limit >= 1)) throw new RangeError(`concurrency limit must be at least 1; got ${limit}`);
  let next = 0;
  const lane = async () => {
    while (next < items.length && !stop()) {
      const index = next++;
      await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}
