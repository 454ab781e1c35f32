/**
 * The staff roster as one course holds it: loaded through an activity (the
 * keys come from the worker's configuration, never from a message), reloaded
 * when it is stale, when a decision names a key it does not know, and when
 * `kccp staff-key revoke` or `reload` sends `staffKeysChanged`.
 */
import { condition, proxyActivities } from '@temporalio/workflow';
import type { CourseActivities } from '../../activities/contracts';
import { signingKeyIdOf } from '../../domain/staff';
import type { StaffKeys } from '../../domain/staff';

const { loadStaffKeys } = proxyActivities<CourseActivities>({
  startToCloseTimeout: '30 seconds',
  // A broken staff-keys file shows as a retrying activity until an operator fixes it; decisions wait.
  retry: { initialInterval: '5 seconds', maximumInterval: '5 minutes' },
});

/** A roster older than this, by workflow time, is reloaded before it authorizes a decision. */
export const STAFF_KEYS_MAX_AGE_MS = 10 * 60_000;
/** An unknown key reloads the roster at most this often: a stream of made-up key ids costs one reload a minute. */
export const UNKNOWN_KEY_RELOAD_MS = 60_000;

export class StaffRoster {
  private keys: StaffKeys | undefined;
  private loadedAt = Number.NEGATIVE_INFINITY;
  private reloading: Promise<void> | undefined;
  /** Set by staffKeysChanged; the main loop reloads when it sees it. */
  requested: boolean;

  /**
   * @param integrity record-integrity-v1: stale and unknown keys reload, enforcement never lapses.
   * @param required the course has checked signatures before (carried in its state).
   */
  constructor(
    private readonly integrity: boolean,
    signed: boolean,
    private required: boolean,
  ) {
    // Courses started before signed decisions never load keys: their histories have no such activity.
    this.keys = signed ? undefined : { enforce: false, keys: [] };
    this.requested = signed;
  }

  get signaturesRequired(): boolean {
    return this.required;
  }

  /** The roster to check a decision against now, or undefined when the handler must reload first. */
  forValidator(raw: unknown, now: number): StaffKeys | undefined {
    if (!this.keys || !this.integrity) return this.keys;
    return this.needsReload(raw, now) ? undefined : this.keys;
  }

  /** The roster the handler can judge with at once: what the validator would use, unless a reload is under way. */
  ready(raw: unknown, now: number): StaffKeys | undefined {
    return this.reloading ? undefined : this.forValidator(raw, now);
  }

  /** Waits for a roster fit to judge this decision, reloading it if it is stale or lacks the key. */
  async forHandler(raw: unknown, now: () => number): Promise<StaffKeys> {
    await condition(() => this.keys !== undefined);
    if (this.integrity && this.needsReload(raw, now())) await this.reload(now);
    return this.keys!;
  }

  async reload(now: () => number): Promise<void> {
    this.reloading ??= (async () => {
      try {
        this.accept(await loadStaffKeys(), now());
      } finally {
        this.reloading = undefined;
      }
    })();
    await this.reloading;
  }

  private accept(loaded: StaffKeys, at: number): void {
    this.loadedAt = at;
    if (!this.integrity) {
      this.keys = loaded;
      return;
    }
    if (loaded.enforce) {
      this.required = true;
      this.keys = loaded;
    } else if (this.required) {
      // A worker without a roster must not switch checks off: keep the last roster (none: refuse all).
      this.keys = { enforce: true, keys: this.keys?.enforce ? this.keys.keys : [] };
    } else {
      this.keys = loaded;
    }
  }

  private needsReload(raw: unknown, now: number): boolean {
    if (!this.keys?.enforce) return false;
    const age = now - this.loadedAt;
    if (age > STAFF_KEYS_MAX_AGE_MS) return true;
    const keyId = typeof raw === 'object' && raw !== null ? signingKeyIdOf(raw as Record<string, unknown>) : undefined;
    const unknown = keyId !== undefined && !this.keys.keys.some((k) => k.keyId === keyId);
    return unknown && age > UNKNOWN_KEY_RELOAD_MS;
  }
}
