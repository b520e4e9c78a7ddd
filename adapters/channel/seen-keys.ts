import { RecentKeys } from './recent-keys.ts';

/**
 * "Have I handled this delivery already?", possibly across replicas (the server hands each channel
 * its SeenKeys through `ChannelContext.seen`). Neither method rejects.
 * Example: await seen.firstTime('Ev1') -> true; await seen.firstTime('Ev1') -> false
 */
export interface SeenKeys {
  /** True the first time a key is seen anywhere (and remembers it); false while it is remembered. */
  firstTime(key: string): Promise<boolean>;
  /** Forgets a key, so the next delivery of it is handled (used when a reply certainly failed). */
  forget(key: string): Promise<void>;
}

/** What a kind of seen key is called, how many to remember in memory and how long in a shared store. */
export interface SeenScope {
  /** Short and stable, part of the shared key: `slack`, `teams-delivery`, `teams-welcome`. */
  name: string;
  /** Keys remembered in this process (oldest forgotten first). */
  capacity: number;
  /** How long a shared store remembers a key: longer than the platform keeps redelivering. */
  ttlMs: number;
}

/** Seen keys in this process only: the behaviour of a single replica. */
export function localSeenKeys(scope: SeenScope): SeenKeys & { readonly local: RecentKeys } {
  const local = new RecentKeys(scope.capacity);
  return {
    local,
    firstTime: async (key) => local.firstTime(key),
    forget: async (key) => local.forget(key),
  };
}
