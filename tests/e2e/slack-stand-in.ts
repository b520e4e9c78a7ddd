import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

/** Who the stand-in says the bot is (auth.test). */
export const BOT = { userId: 'UBERTH01', botId: 'BBERTH01', team: 'Test Team', teamId: 'T0TEST01' } as const;

/** One Web API call Berth made, as the stand-in saw it. */
export interface ApiCall {
  method: string;
  body: Record<string, unknown>;
  /** The bearer token it carried. */
  token: string | undefined;
  /** What the stand-in answered with. */
  status: number;
  at: number;
}

/** One post to a response_url. */
export interface ResponseUrlPost {
  id: string;
  body: Record<string, unknown>;
  status: number;
}

interface Failure {
  status: number;
  retryAfter?: number;
}

/**
 * A small stand-in for Slack: the Web API under `/api/<method>`, response_urls under
 * `/response/<id>`, and the Socket Mode WebSocket at `/link`. Records everything Berth sends.
 */
export class SlackStandIn {
  readonly calls: ApiCall[] = [];
  readonly responses: ResponseUrlPost[] = [];
  /** Every message Berth sent over a Socket Mode connection (acknowledgements). */
  readonly socketMessages: Record<string, unknown>[] = [];
  /** Socket Mode connections opened so far. */
  connections = 0;
  /** What conversations.replies answers, by `channel/ts` of the thread's first post: the replies after it. */
  readonly threads = new Map<string, Record<string, unknown>[]>();
  private readonly failures = new Map<string, Failure[]>();
  /** Methods whose calls are recorded and never answered (a Slack that hangs). */
  private readonly held = new Set<string>();
  private socket: WebSocket | undefined;
  private readonly wss: WebSocketServer;
  private messageCounter = 0;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {
    this.wss = new WebSocketServer({ server, path: '/link' });
    this.wss.on('connection', (ws) => this.connected(ws));
  }

  static async start(): Promise<SlackStandIn> {
    let standIn: SlackStandIn | undefined;
    const server = createServer((req, res) => {
      void standIn?.handle(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    standIn = new SlackStandIn(server, `http://127.0.0.1:${port}`);
    return standIn;
  }

  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  /** A fresh response_url, as Slack puts into slash commands and button clicks. */
  responseUrl(): string {
    return `${this.url}/response/${randomUUID()}`;
  }

  /** The next call of `method` gets this answer instead (e.g. 429 with Retry-After). */
  failNext(method: string, failure: Failure): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), failure]);
  }

  /** From now on, calls of `method` are recorded but never answered, as if Slack hung. */
  hold(method: string): void {
    this.held.add(method);
  }

  /** Calls of `method` made so far, answered or not. */
  callsOf(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Successful calls of `method`, optionally only those `where` matches. */
  accepted(method: string, where: (body: Record<string, unknown>) => boolean = () => true): ApiCall[] {
    return this.calls.filter((c) => c.method === method && c.status === 200 && where(c.body));
  }

  responsesTo(url: string): ResponseUrlPost[] {
    const id = url.split('/').pop();
    return this.responses.filter((r) => r.id === id);
  }

  /** Sends a Socket Mode envelope and resolves with Berth's acknowledgement of it. */
  async sendEnvelope(
    envelope: { envelope_id: string } & Record<string, unknown>,
  ): Promise<Record<string, unknown>> {
    const socket = this.socket;
    if (!socket) throw new Error('no Socket Mode connection');
    socket.send(JSON.stringify(envelope));
    return until(() => this.socketMessages.find((m) => m.envelope_id === envelope.envelope_id));
  }

  /** Drops the current Socket Mode connection without a close handshake, as a network failure would. */
  killSocket(): void {
    this.socket?.terminate();
    this.socket = undefined;
  }

  get socketOpen(): boolean {
    return this.socket !== undefined;
  }

  async stop(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private connected(ws: WebSocket): void {
    this.connections += 1;
    this.socket = ws;
    ws.on('message', (data) => this.socketMessages.push(JSON.parse(String(data)) as Record<string, unknown>));
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: 1,
        debug_info: { host: 'applink-stand-in', approximate_connection_time: 18060 },
        connection_info: { app_id: 'A0TEST01' },
      }),
    );
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = new URL(req.url ?? '/', this.url).pathname;
    if (path.startsWith('/response/')) {
      const id = path.slice('/response/'.length);
      const failure = this.takeFailure('response_url');
      const status = failure?.status ?? 200;
      this.responses.push({ id, body: JSON.parse(raw) as Record<string, unknown>, status });
      return send(res, status, status === 200 ? 'ok' : 'rate_limited', failure);
    }
    const method = path.replace(/^\/api\//, '');
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const body = parseApiBody(raw, req.headers['content-type']);
    if (this.held.has(method)) {
      this.calls.push({ method, body, token, status: 0, at: Date.now() });
      return;
    }
    const failure = this.takeFailure(method);
    const status = failure?.status ?? 200;
    this.calls.push({ method, body, token, status, at: Date.now() });
    if (failure) return send(res, status, JSON.stringify({ ok: false, error: 'ratelimited' }), failure);
    send(res, 200, JSON.stringify(this.answer(method, body, token)));
  }

  private answer(method: string, body: Record<string, unknown>, token: string | undefined): object {
    if (method === 'apps.connections.open') {
      if (!token?.startsWith('xapp-') || token.includes('revoked'))
        return { ok: false, error: 'invalid_auth' };
      const ticket = randomUUID();
      return { ok: true, url: `${this.url.replace('http:', 'ws:')}/link?ticket=${ticket}` };
    }
    if (!token?.startsWith('xoxb-')) return { ok: false, error: 'not_authed' };
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://test.slack.com/',
          team: BOT.team,
          user: 'berth',
          team_id: BOT.teamId,
          user_id: BOT.userId,
          bot_id: BOT.botId,
        };
      case 'chat.postMessage': {
        const ts = `1700000000.${String(++this.messageCounter).padStart(6, '0')}`;
        return { ok: true, channel: body.channel, ts, message: { text: body.text, ts, bot_id: BOT.botId } };
      }
      case 'conversations.replies': {
        const parent = { type: 'message', user: 'U0ASKER1', ts: body.ts, thread_ts: body.ts };
        const replies = this.threads.get(`${String(body.channel)}/${String(body.ts)}`) ?? [];
        return { ok: true, messages: [parent, ...replies], has_more: false };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `1700000000.${String(++this.messageCounter).padStart(6, '0')}` };
      case 'views.publish':
      case 'views.open':
        return { ok: true, view: { id: `V${randomUUID().slice(0, 8).toUpperCase()}` } };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  private takeFailure(method: string): Failure | undefined {
    const queue = this.failures.get(method);
    return queue?.shift();
  }
}

/** Polls `probe` until it returns something (the test's own timeout bounds the wait). */
export async function until<T>(probe: () => T | undefined | false): Promise<T> {
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The WebClient posts form fields, with objects (blocks, views) as JSON strings. */
function parseApiBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes('application/json')) return JSON.parse(raw || '{}') as Record<string, unknown>;
  const body: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    body[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return body;
}

function send(res: ServerResponse, status: number, body: string, failure?: Failure): void {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (failure?.retryAfter !== undefined) headers['Retry-After'] = String(failure.retryAfter);
  res.writeHead(status, headers);
  res.end(body);
}
