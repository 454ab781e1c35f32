/** Everything the benchmark starts, stopped in reverse order whatever happens: the end of the run or a signal. */
import { progress } from './measure';

const cleanups: Array<() => Promise<void> | void> = [];
let cleaning: Promise<void> | undefined;
/** One clean-up, whichever of the end of the run or a signal asks first. */
export function cleanUp(): Promise<void> {
  cleaning ??= stopAll();
  return cleaning;
}
async function stopAll(): Promise<void> {
  for (const stop of cleanups.splice(0).reverse()) {
    try {
      await stop();
    } catch (error) {
      progress(`clean-up: ${(error as Error).message}`);
    }
  }
}

/** Registers a stop to run at clean-up, after those registered later. */
export function onCleanUp(stop: () => Promise<void> | void): void {
  cleanups.push(stop);
}
