/** Token-bucket settings: `burst` questions at once, refilled at `perMinute`. */
export interface RateLimit {
  perMinute: number;
  burst: number;
}

export type RateDecision = 'allow' | 'throttle-notify' | 'throttle-silent';

interface Bucket {
  tokens: number;
  updated: number;
  /** Already told they are throttled, since their last allowed question. */
  told: boolean;
}

const MAX_BUCKETS = 50_000;

/**
 * One token bucket per user. A throttled user is told once ('throttle-notify'), then silently
 * ignored until a token is available again; other users are unaffected.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly now: () => number;

  constructor(
    private readonly limit: RateLimit,
    now: () => number = Date.now,
  ) {
    this.now = now;
  }

  take(key: string): RateDecision {
    const now = this.now();
    const bucket = this.refill(key, now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      bucket.told = false;
      return 'allow';
    }
    if (bucket.told) return 'throttle-silent';
    bucket.told = true;
    return 'throttle-notify';
  }

  private refill(key: string, now: number): Bucket {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= MAX_BUCKETS) this.evictFull(now);
      bucket = { tokens: this.limit.burst, updated: now, told: false };
      this.buckets.set(key, bucket);
      return bucket;
    }
    const perMs = this.limit.perMinute / 60_000;
    bucket.tokens = Math.min(this.limit.burst, bucket.tokens + (now - bucket.updated) * perMs);
    bucket.updated = now;
    return bucket;
  }

  /** Forget users whose bucket has refilled: they are indistinguishable from new ones. */
  private evictFull(now: number): void {
    const fullAfter = (this.limit.burst / this.limit.perMinute) * 60_000;
    for (const [key, b] of this.buckets) if (now - b.updated >= fullAfter) this.buckets.delete(key);
    if (this.buckets.size >= MAX_BUCKETS) this.buckets.clear();
  }
}
