import { createHash } from 'node:crypto';
import { describeUrl } from '../../../src/config.ts';
import type { Log } from '../../../src/log.ts';
import { describeProblem, type StoreStatus } from '../../../src/store-status.ts';
import type { RedisConfig } from '../config.ts';

/** A command slower than this counts as a failure: a Slack ack or a reply never waits longer. */
export const COMMAND_TIMEOUT_MS = 500;
/** After a failure, commands go local for this long before Redis is tried again. */
const COOL_DOWN_MS = 2_000;
/** Start-up waits at most this long for a first connection before serving with local state. */
const START_WAIT_MS = 2_000;
/** Reconnection back-off: 100 ms doubling up to 5 s, for as long as Berth runs. */
const reconnectDelay = (retries: number) => Math.min(100 * 2 ** retries, 5_000);

/**
 * One token bucket per key, atomically in Redis (time from Redis, so replicas' clocks do not
 * matter). ARGV: burst, tokens per millisecond, key lifetime in ms. Returns 0 allow, 1 throttled
 * (tell them), 2 throttled (already told). Mirrors src/limits/rate-limiter.ts.
 */
const TAKE_TOKEN = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local burst = tonumber(ARGV[1])
local b = redis.call('HMGET', KEYS[1], 'tokens', 'updated', 'told')
local tokens = tonumber(b[1]) or burst
local updated = tonumber(b[2]) or now
local told = b[3] == '1'
tokens = math.min(burst, tokens + math.max(0, now - updated) * tonumber(ARGV[2]))
local decision
if tokens >= 1 then
  tokens = tokens - 1
  told = false
  decision = 0
elseif told then
  decision = 2
else
  told = true
  decision = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'updated', tostring(now), 'told', told and '1' or '0')
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return decision
`;
const TAKE_TOKEN_SHA = createHash('sha1').update(TAKE_TOKEN).digest('hex');

/** The part of node-redis' client Berth uses (so nothing else depends on its generic types). */
interface RedisClient {
  readonly isReady: boolean;
  connect(): Promise<unknown>;
  sendCommand(args: readonly string[]): Promise<unknown>;
  destroy(): void;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'ready', listener: () => void): unknown;
}

/**
 * Berth's Redis: a client that reconnects by itself, the three commands the shared state needs,
 * and its state for /readyz. A command never throws and never waits more than COMMAND_TIMEOUT_MS:
 * it resolves `undefined` when Redis cannot answer, and the caller decides locally.
 */
export class RedisConnection {
  private state: StoreStatus['state'] = 'connecting';
  private since = new Date();
  private problem: string | undefined;
  /** Until this time (ms) commands are not sent: Redis failed recently. */
  private coolUntil = 0;
  private closed = false;

  private constructor(
    private readonly client: RedisClient,
    private readonly config: RedisConfig,
    private readonly log: Log,
  ) {
    client.on('ready', () => this.up());
    client.on('error', (error) => this.failed(error));
  }

  /** Connects (waiting up to START_WAIT_MS); unreachable Redis is logged and retried, never fatal. */
  static async open(config: RedisConfig, log: Log): Promise<RedisConnection> {
    const { createClient } = await import('redis');
    const client = createClient({
      url: config.url,
      disableOfflineQueue: true,
      socket: { connectTimeout: START_WAIT_MS, reconnectStrategy: reconnectDelay },
    });
    const connection = new RedisConnection(client, config, log);
    const settled = new Promise<void>((resolve) => {
      client.on('ready', resolve);
      client.on('error', () => resolve());
      setTimeout(resolve, START_WAIT_MS).unref();
    });
    client.connect().catch((error: unknown) => connection.failed(error));
    await settled;
    return connection;
  }

  /** The key as stored: the configured prefix, then `name:` and a hash (no user id reaches Redis). */
  key(name: string, id: string): string {
    return `${this.config.keyPrefix}${name}:${createHash('sha256').update(id).digest('base64url').slice(0, 24)}`;
  }

  /** SET key NX PX ttl: true if the key was new, false if it existed, undefined if Redis is unavailable. */
  async setIfAbsent(key: string, ttlMs: number): Promise<boolean | undefined> {
    const reply = await this.send(['SET', key, '1', 'NX', 'PX', String(Math.ceil(ttlMs))]);
    return reply === undefined ? undefined : reply === 'OK';
  }

  async delete(key: string): Promise<void> {
    await this.send(['DEL', key]);
  }

  /** One token from `key`'s bucket: 0 allow, 1 throttle and tell, 2 throttle silently; undefined: unavailable. */
  async takeToken(key: string, burst: number, perMinute: number): Promise<0 | 1 | 2 | undefined> {
    const ttlMs = Math.ceil((burst / perMinute) * 60_000) + 1_000;
    const args = [key, String(burst), String(perMinute / 60_000), String(ttlMs)];
    let reply = await this.send(['EVALSHA', TAKE_TOKEN_SHA, '1', ...args], true);
    if (reply === NO_SCRIPT) reply = await this.send(['EVAL', TAKE_TOKEN, '1', ...args]);
    return reply === 0 || reply === 1 || reply === 2 ? reply : undefined;
  }

  status(): StoreStatus {
    return {
      kind: 'redis',
      state: this.state,
      location: describeUrl(this.config.url),
      since: this.since.toISOString(),
      ...(this.problem && this.state !== 'up' ? { problem: this.problem } : {}),
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      this.client.destroy();
    } catch {
      // already closed
    }
  }

  /** Sends a command unless Redis failed in the last COOL_DOWN_MS; undefined on any failure. */
  private async send(args: readonly string[], noScriptIsAnAnswer = false): Promise<unknown> {
    if (this.closed || !this.client.isReady || Date.now() < this.coolUntil) return undefined;
    try {
      const reply = await withTimeout(this.client.sendCommand(args), COMMAND_TIMEOUT_MS);
      if (this.state !== 'up') this.up();
      return reply;
    } catch (error) {
      if (noScriptIsAnAnswer && error instanceof Error && error.message.startsWith('NOSCRIPT'))
        return NO_SCRIPT;
      this.coolUntil = Date.now() + COOL_DOWN_MS;
      this.failed(error);
      return undefined;
    }
  }

  private up(): void {
    const was = this.state;
    this.coolUntil = 0;
    this.change('up');
    if (was === 'down')
      this.log.warn(
        { store: 'redis', location: describeUrl(this.config.url) },
        'redis: reconnected; de-duplication and rate limits are shared again',
      );
    else if (was === 'connecting')
      this.log.info({ store: 'redis', location: describeUrl(this.config.url) }, 'redis: connected');
  }

  /** Logs the first failure of an outage (not every retry) and marks Redis down. */
  private failed(error: unknown): void {
    if (this.closed) return;
    this.problem = describeProblem(error);
    if (this.state === 'down') return;
    const starting = this.state === 'connecting';
    this.change('down');
    this.log.warn(
      { store: 'redis', location: describeUrl(this.config.url), problem: this.problem },
      starting
        ? 'redis: cannot connect; de-duplication and rate limits stay in this replica until it can (retrying)'
        : 'redis: connection lost; de-duplication and rate limits stay in this replica until it is back (retrying)',
    );
  }

  private change(state: StoreStatus['state']): void {
    if (this.state === state) return;
    this.state = state;
    this.since = new Date();
  }
}

const NO_SCRIPT = Symbol('NOSCRIPT');

/** A Redis command that took too long: counted as a failure, its late reply ignored. */
class RedisTimeoutError extends Error {
  constructor(ms: number) {
    super(`no reply from Redis within ${ms} ms`);
    this.name = 'RedisTimeoutError';
  }
}

/**
 * `work`, or a RedisTimeoutError after `ms`. (node-redis' own command timeout only covers commands
 * not yet written to the socket; a hung server never answers one that was.)
 */
function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RedisTimeoutError(ms)), ms);
  });
  // The command may still fail after the deadline; that outcome is already accounted for.
  work.catch(() => undefined);
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
