import { type Limiter, localLimiter } from '../../../src/limits/limiter.ts';
import type { RateLimit } from '../../../src/limits/rate-limiter.ts';
import type { Log } from '../../../src/log.ts';
import type { StoreStatus } from '../../../src/store-status.ts';
import { localSeenKeys, type SeenKeys, type SeenScope } from '../../channel/seen-keys.ts';
import type { RedisConfig } from '../config.ts';

/**
 * Where the server keeps what replicas must agree on: which deliveries were handled, and each
 * person's rate limit. In this process by default; in Redis when REDIS_URL is set.
 */
export interface SharedState {
  limiter(limit: RateLimit): Limiter;
  seen(scope: SeenScope): SeenKeys;
  status(): StoreStatus;
  close(): Promise<void>;
}

/** State in this process only: one replica, exactly as before REDIS_URL existed. */
export const IN_PROCESS: SharedState = {
  limiter: (limit) => localLimiter(limit),
  seen: (scope) => localSeenKeys(scope),
  status: () => ({ kind: 'memory', state: 'up' }),
  close: async () => {},
};

/**
 * The shared state the configuration asks for. Redis' client is loaded only when REDIS_URL is set
 * (a dynamic import), so a single replica never loads it.
 */
export async function openSharedState(config: RedisConfig | undefined, log: Log): Promise<SharedState> {
  if (!config) return IN_PROCESS;
  const { openRedisState } = await import('./redis-state.ts');
  return openRedisState(config, log);
}
