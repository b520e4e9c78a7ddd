import { type RateDecision, type RateLimit, RateLimiter } from './rate-limiter.ts';

/**
 * A per-person rate limit whose state may live outside this process (shared by every replica),
 * hence asynchronous. `take` never rejects: a store that fails decides locally.
 */
export interface Limiter {
  /** The bucket's settings: the service tells a throttled person when to ask again from them. */
  readonly limit: RateLimit;
  take(key: string): Promise<RateDecision>;
}

/** A token bucket in this process: the behaviour of a single replica. */
export function localLimiter(
  limit: RateLimit,
  now?: () => number,
): Limiter & { readonly local: RateLimiter } {
  const local = new RateLimiter(limit, now);
  return { limit, local, take: async (key) => local.take(key) };
}

/**
 * How many people's budget one network address gets: enough for an office behind one NAT address,
 * while a client that invents a new visitor id for every request is still stopped.
 */
export const ADDRESS_PEOPLE = 20;

/** One address's bucket: ADDRESS_PEOPLE people's. */
export function forAddress(limit: RateLimit): RateLimit {
  return { perMinute: limit.perMinute * ADDRESS_PEOPLE, burst: limit.burst * ADDRESS_PEOPLE };
}
