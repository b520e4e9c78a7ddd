import { randomBytes } from 'node:crypto';
import { createServer, type Server, Socket } from 'node:net';
import pg from 'pg';
import { createClient } from 'redis';

/**
 * The real Redis and PostgreSQL this machine and CI run (no mocks): 127.0.0.1:6379, and
 * 127.0.0.1:5432 with trust authentication, user postgres, database test.
 */
export const REDIS_URL = 'redis://127.0.0.1:6379';
export const DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** A fresh, unique name for this test run: a Redis key prefix or a PostgreSQL schema. */
export function runId(): string {
  return `berth_t${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

/** Deletes every key under `prefix` (a test run's own keys). */
export async function dropRedisKeys(prefix: string): Promise<void> {
  const client = createClient({ url: REDIS_URL });
  await client.connect();
  try {
    const keys: string[] = [];
    for await (const batch of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) keys.push(...batch);
    if (keys.length > 0) await client.del(keys);
  } finally {
    client.destroy();
  }
}

/** Counts the keys under `prefix`. */
export async function countRedisKeys(prefix: string): Promise<number> {
  const client = createClient({ url: REDIS_URL });
  await client.connect();
  try {
    let n = 0;
    for await (const batch of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) n += batch.length;
    return n;
  } finally {
    client.destroy();
  }
}

/** Runs SQL against the test database inside `schema` (for assertions and clean-up). */
export async function sql<T extends pg.QueryResultRow = Record<string, unknown>>(
  text: string,
  params: unknown[] = [],
  schema = 'public',
): Promise<T[]> {
  const client = new pg.Client({ connectionString: DATABASE_URL, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

/** Drops a test run's schema and everything in it. */
export async function dropSchema(schema: string): Promise<void> {
  await sql(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
}

/**
 * A TCP relay on a loopback port in front of a real server, to take that server away and bring it
 * back while Berth runs: `cut()` resets every connection and refuses new ones (the server "stops"),
 * `restore()` accepts again on the same port.
 */
export class TcpRelay {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly pairs = new Set<[Socket, Socket]>();

  private constructor(
    private readonly target: { host: string; port: number },
    readonly port: number,
  ) {}

  static async start(target: { host: string; port: number }): Promise<TcpRelay> {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const address = probe.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const relay = new TcpRelay(target, port);
    await relay.restore();
    return relay;
  }

  /** The relay's address in a URL of the same scheme as `url` (path and user kept). */
  url(url: string): string {
    const parsed = new URL(url);
    parsed.host = `127.0.0.1:${this.port}`;
    return parsed.toString();
  }

  async restore(): Promise<void> {
    if (this.server) return;
    const server = createServer((client) => this.relay(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
  }

  /**
   * Keeps every connection open but stops passing bytes, as a hung server or a network that drops
   * packets would: requests are sent and never answered.
   */
  stall(): void {
    for (const [client, upstream] of this.pairs) {
      client.unpipe(upstream);
      upstream.unpipe(client);
      client.pause();
      upstream.pause();
    }
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.resetAndDestroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private relay(client: Socket): void {
    const upstream = new Socket();
    this.sockets.add(client);
    this.sockets.add(upstream);
    const pair: [Socket, Socket] = [client, upstream];
    const done = () => {
      this.pairs.delete(pair);
      this.sockets.delete(client);
      this.sockets.delete(upstream);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', done).on('close', done);
    upstream.on('error', done).on('close', done);
    upstream.connect(this.target.port, this.target.host, () => {
      this.pairs.add(pair);
      client.pipe(upstream).pipe(client);
    });
  }
}

/** A loopback port nothing listens on (it was free a moment ago). */
export async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
