import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisConnection } from '../../adapters/server/stores/redis-connection.ts';
import { sharedLimiter, sharedSeenKeys } from '../../adapters/server/stores/redis-state.ts';
import type { Log } from '../../src/log.ts';
import { closedPort, countRedisKeys, dropRedisKeys, REDIS_URL, runId, TcpRelay } from './shared-backends.ts';
import { until } from './slack-stand-in.ts';

/** Two replicas' worth of state against the real Redis, under a key prefix of this run's own. */
const prefix = `${runId()}:`;
const connections: RedisConnection[] = [];
const SLOW = { perMinute: 1, burst: 3 };
const SCOPE = { name: 'test', capacity: 100, ttlMs: 60_000 };

function capturingLog() {
  const lines: Array<{ level: string; fields: object; message?: string }> = [];
  const log: Log = {
    info: (fields, message) => lines.push({ level: 'info', fields, message }),
    warn: (fields, message) => lines.push({ level: 'warn', fields, message }),
    error: (fields, message) => lines.push({ level: 'error', fields, message }),
  };
  return { log, lines };
}

async function replica(url = REDIS_URL, log = capturingLog().log): Promise<RedisConnection> {
  const connection = await RedisConnection.open({ url, keyPrefix: prefix }, log);
  connections.push(connection);
  return connection;
}

let a: RedisConnection;
let b: RedisConnection;
beforeAll(async () => {
  [a, b] = [await replica(), await replica()];
});

afterAll(async () => {
  for (const c of connections) await c.close();
  await dropRedisKeys(prefix);
  expect(await countRedisKeys(prefix)).toBe(0);
});

describe('rate limits shared through Redis', () => {
  it('counts one person across two replicas as one: the burst, then told once, then silence', async () => {
    const [onA, onB] = [sharedLimiter(a, SLOW), sharedLimiter(b, SLOW)];
    const decisions = [
      await onA.take('web:alice'),
      await onB.take('web:alice'),
      await onA.take('web:alice'),
      await onB.take('web:alice'),
      await onA.take('web:alice'),
    ];
    expect(decisions).toEqual(['allow', 'allow', 'allow', 'throttle-notify', 'throttle-silent']);
    expect(await onB.take('web:bob')).toBe('allow');
  });

  it('takes tokens atomically: 20 concurrent questions from two replicas allow exactly the burst', async () => {
    const limiters = [sharedLimiter(a, SLOW), sharedLimiter(b, SLOW)];
    const decisions = await Promise.all(
      Array.from({ length: 20 }, (_, i) => limiters[i % 2]!.take('slack:U0BURST')),
    );
    expect(decisions.filter((d) => d === 'allow')).toHaveLength(3);
    expect(decisions.filter((d) => d === 'throttle-notify')).toHaveLength(1);
  });

  it('refills at the configured rate, timed by Redis', async () => {
    const fast = { perMinute: 600, burst: 1 }; // a token every 100 ms
    const limiter = sharedLimiter(a, fast);
    expect(await limiter.take('web:carol')).toBe('allow');
    expect(await limiter.take('web:carol')).toBe('throttle-notify');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await sharedLimiter(b, fast).take('web:carol')).toBe('allow');
  });

  it('stores no user id: keys are the prefix, a kind and a hash, and expire', async () => {
    await sharedLimiter(a, SLOW).take('web:visitor-dave@example.com');
    const probe = await replica();
    const key = probe.key('rate', 'web:visitor-dave@example.com');
    expect(key).toMatch(new RegExp(`^${prefix}rate:[A-Za-z0-9_-]{24}$`));
    expect(key).not.toContain('dave');
    const ttl = await redisPttl(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(3 * 60_000 + 1_000);
  });
});

describe('de-duplication shared through Redis', () => {
  it('answers a delivery once when both replicas receive it at the same moment', async () => {
    const seen = [sharedSeenKeys(a, SCOPE), sharedSeenKeys(b, SCOPE)];
    const firsts = await Promise.all(Array.from({ length: 10 }, (_, i) => seen[i % 2]!.firstTime('Ev-same')));
    expect(firsts.filter(Boolean)).toHaveLength(1);
  });

  it('hands a delivery to the other replica once the first forgets it (its reply failed)', async () => {
    const [onA, onB] = [sharedSeenKeys(a, SCOPE), sharedSeenKeys(b, SCOPE)];
    expect(await onA.firstTime('Ev-failed')).toBe(true);
    expect(await onB.firstTime('Ev-failed')).toBe(false);
    await onA.forget('Ev-failed');
    expect(await onB.firstTime('Ev-failed')).toBe(true);
    expect(await onA.firstTime('Ev-failed')).toBe(false);
  });

  it('keeps scopes apart: a Slack event id and a Teams activity id may coincide', async () => {
    const slack = sharedSeenKeys(a, { ...SCOPE, name: 'slack' });
    const teams = sharedSeenKeys(b, { ...SCOPE, name: 'teams' });
    expect([await slack.firstTime('42'), await teams.firstTime('42')]).toEqual([true, true]);
  });
});

describe('when Redis cannot be reached', () => {
  it('at start-up: warns, reports it, and decides locally without waiting', async () => {
    const { log, lines } = capturingLog();
    const started = Date.now();
    const dead = await replica(`redis://127.0.0.1:${await closedPort()}`, log);
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(dead.status()).toMatchObject({
      kind: 'redis',
      state: 'down',
      problem: expect.stringMatching(/ECONNREFUSED/),
    });
    expect(lines.filter((l) => l.level === 'warn').map((l) => l.message)).toEqual([
      'redis: cannot connect; de-duplication and rate limits stay in this replica until it can (retrying)',
    ]);
    const limiter = sharedLimiter(dead, SLOW);
    const decisions = [];
    for (let i = 0; i < 4; i++) decisions.push(await limiter.take('web:erin'));
    expect(decisions).toEqual(['allow', 'allow', 'allow', 'throttle-notify']);
    const seen = sharedSeenKeys(dead, SCOPE);
    expect([await seen.firstTime('Ev-local'), await seen.firstTime('Ev-local')]).toEqual([true, false]);
  });

  it('mid-run: local decisions while it is away, shared again once the client has reconnected', async () => {
    const relay = await TcpRelay.start({ host: '127.0.0.1', port: 6379 });
    const { log, lines } = capturingLog();
    const flaky = await replica(relay.url(REDIS_URL), log);
    expect(flaky.status().state).toBe('up');
    const onFlaky = sharedLimiter(flaky, SLOW);
    const onSteady = sharedLimiter(a, SLOW);
    expect(await onFlaky.take('web:frank')).toBe('allow');

    await relay.cut();
    await until(() => flaky.status().state === 'down');
    // Frank's shared bucket has 2 tokens left; the local one starts full (3), so he may ask 3 times.
    const away = [];
    for (let i = 0; i < 4; i++) away.push(await onFlaky.take('web:frank'));
    expect(away).toEqual(['allow', 'allow', 'allow', 'throttle-notify']);
    expect(lines.map((l) => l.message)).toContain(
      'redis: connection lost; de-duplication and rate limits stay in this replica until it is back (retrying)',
    );

    await relay.restore();
    await until(() => flaky.status().state === 'up');
    expect(lines.map((l) => l.message)).toContain(
      'redis: reconnected; de-duplication and rate limits are shared again',
    );
    // Shared again: the two tokens left in Redis, then throttled, whichever replica asks.
    expect([
      await onFlaky.take('web:frank'),
      await onSteady.take('web:frank'),
      await onFlaky.take('web:frank'),
    ]).toEqual(['allow', 'allow', 'throttle-notify']);
    await relay.cut();
  }, 20_000);
});

describe('when Redis hangs', () => {
  it('gives up on a command after 500 ms, decides locally, and skips Redis while it cools down', async () => {
    const relay = await TcpRelay.start({ host: '127.0.0.1', port: 6379 });
    const { log, lines } = capturingLog();
    const hung = await replica(relay.url(REDIS_URL), log);
    const limiter = sharedLimiter(hung, SLOW);
    expect(await limiter.take('web:grace')).toBe('allow');
    relay.stall();
    let started = performance.now();
    expect(await limiter.take('web:grace')).toBe('allow');
    expect(performance.now() - started).toBeGreaterThanOrEqual(450);
    expect(performance.now() - started).toBeLessThan(1_500);
    expect(hung.status()).toMatchObject({ state: 'down', problem: 'no reply from Redis within 500 ms' });
    expect(lines.filter((l) => l.level === 'warn')).toHaveLength(1);
    started = performance.now();
    expect(await sharedSeenKeys(hung, SCOPE).firstTime('Ev-hung')).toBe(true);
    expect(performance.now() - started).toBeLessThan(50);
    await relay.cut();
  });
});

async function redisPttl(key: string): Promise<number> {
  const { createClient } = await import('redis');
  const client = createClient({ url: REDIS_URL });
  await client.connect();
  try {
    return await client.pTTL(key);
  } finally {
    client.destroy();
  }
}
