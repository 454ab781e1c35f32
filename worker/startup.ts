/**
 * What `npm start` has started, and how all of it stops whenever Ctrl-C
 * comes. Each thing is registered the moment it exists (a dev server at
 * spawn, before it answers), so a signal at any point of start-up finds it;
 * a signal during a start-up step abandons that step at once (bundling the
 * workflows takes seconds), and everything registered stops in reverse order.
 */

/** Thrown out of a start-up step when a stop was requested while it ran. */
export class StopRequested extends Error {
  override name = 'StopRequested';
}

interface Started {
  name: string;
  stop: () => Promise<void>;
}

export class StartupStack {
  private readonly started: Started[] = [];
  private readonly controller = new AbortController();
  /** Aborted on the first stop request; steps that can stop early listen to it. */
  readonly signal = this.controller.signal;
  /** Set when a step was abandoned: its work may still hold the event loop after everything stopped. */
  abandoned = false;

  get stopRequested(): boolean {
    return this.signal.aborted;
  }

  register(name: string, stop: () => Promise<void>): void {
    this.started.push({ name, stop });
  }

  requestStop(reason: string): void {
    if (!this.stopRequested) this.controller.abort(new StopRequested(reason));
  }

  /**
   * `work`'s result, unless a stop is requested first: then StopRequested, and
   * `work` is left to finish or fail unobserved (its failure no longer matters).
   */
  async step<T>(work: Promise<T>): Promise<T> {
    this.signal.throwIfAborted();
    let onAbort: (() => void) | undefined;
    const stopped = new Promise<never>((_, reject) => {
      onAbort = () => reject(this.signal.reason);
      this.signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return await Promise.race([work, stopped]);
    } catch (error) {
      if (this.stopRequested) {
        this.abandoned = true;
        work.catch(() => undefined);
      }
      throw error;
    } finally {
      this.signal.removeEventListener('abort', onAbort!);
    }
  }

  /** Stops everything registered, last first; returns the failures, each already reported on stderr. */
  async stopAll(): Promise<number> {
    let failures = 0;
    for (const { name, stop } of this.started.splice(0).reverse()) {
      try {
        await stop();
      } catch (error) {
        console.error(`Stopping the ${name} failed: ${(error as Error).message}`);
        failures += 1;
      }
    }
    return failures;
  }
}
