/**
 * A token bucket per client address for failed sign-ins at the codec
 * server's /login: a few wrong tokens are forgiven, a guessing run is told to
 * wait. Only failures take a token, so a person who signs in right is never
 * slowed; an empty bucket refuses even the right token, so a 429 tells a
 * guesser nothing about a guess.
 */
export interface LoginLimitOptions {
  /** Failed attempts allowed in a burst. */
  attempts?: number;
  /** One attempt comes back every `refillMs`. */
  refillMs?: number;
  now?: () => number;
}

export interface LoginLimiter {
  /** Seconds to wait before trying again, or 0 when an attempt is allowed now. */
  retryAfter(address: string): number;
  /** Takes one token for a failed attempt. */
  failed(address: string): void;
}

/** Beyond this many tracked addresses, full buckets (nothing to remember) are dropped. */
const MAX_TRACKED = 10_000;

export function loginLimiter({
  attempts = 5,
  refillMs = 12_000,
  now = Date.now,
}: LoginLimitOptions = {}): LoginLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const current = (address: string) => {
    const bucket = buckets.get(address);
    if (!bucket) return { tokens: attempts, at: now() };
    const t = now();
    const tokens = Math.min(attempts, bucket.tokens + (t - bucket.at) / refillMs);
    return { tokens, at: t };
  };
  return {
    retryAfter(address) {
      const { tokens } = current(address);
      return tokens >= 1 ? 0 : Math.ceil(((1 - tokens) * refillMs) / 1000);
    },
    failed(address) {
      const bucket = current(address);
      buckets.set(address, { tokens: Math.max(0, bucket.tokens - 1), at: bucket.at });
      if (buckets.size > MAX_TRACKED) {
        for (const [key] of buckets) if (current(key).tokens >= attempts) buckets.delete(key);
      }
    },
  };
}
