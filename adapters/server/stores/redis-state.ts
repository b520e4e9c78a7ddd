import { type Limiter, localLimiter } from '../../../src/limits/limiter.ts';
import type { RateDecision, RateLimit } from '../../../src/limits/rate-limiter.ts';
import type { Log } from '../../../src/log.ts';
import { RecentKeys } from '../../channel/recent-keys.ts';
import type { SeenKeys, SeenScope } from '../../channel/seen-keys.ts';
import type { RedisConfig } from '../config.ts';
import { RedisConnection } from './redis-connection.ts';
import type { SharedState } from './shared-state.ts';

const DECISIONS: readonly RateDecision[] = ['allow', 'throttle-notify', 'throttle-silent'];

/**
 * De-duplication and rate limits in Redis, shared by every replica. Whenever Redis cannot answer
 * (down, slow, not yet connected) each decision is taken locally, as one replica would: an answer
 * is never lost to Redis, at worst a duplicate is answered twice or a burst is counted per replica.
 */
export async function openRedisState(config: RedisConfig, log: Log): Promise<SharedState> {
  const redis = await RedisConnection.open(config, log);
  return {
    limiter: (limit) => sharedLimiter(redis, limit),
    seen: (scope) => sharedSeenKeys(redis, scope),
    status: () => redis.status(),
    close: () => redis.close(),
  };
}

/** A token bucket per person in Redis (one Lua script, atomic); the local bucket when Redis cannot answer. */
export function sharedLimiter(redis: RedisConnection, limit: RateLimit): Limiter {
  const fallback = localLimiter(limit);
  return {
    limit,
    async take(key) {
      const shared = await redis.takeToken(redis.key('rate', key), limit.burst, limit.perMinute);
      return shared === undefined ? fallback.local.take(key) : (DECISIONS[shared] ?? 'allow');
    },
  };
}

/**
 * Seen keys in Redis (SET NX PX). The local set keeps only keys this replica handled: a repeat to
 * the same replica costs no round trip, and a key another replica forgets (its reply failed) is
 * not remembered here.
 */
export function sharedSeenKeys(redis: RedisConnection, scope: SeenScope): SeenKeys {
  const local = new RecentKeys(scope.capacity);
  const keyOf = (key: string) => redis.key(`seen:${scope.name}`, key);
  return {
    async firstTime(key) {
      if (!local.firstTime(key)) return false;
      const first = await redis.setIfAbsent(keyOf(key), scope.ttlMs);
      if (first === false) local.forget(key);
      return first ?? true;
    },
    async forget(key) {
      local.forget(key);
      await redis.delete(keyOf(key));
    },
  };
}
