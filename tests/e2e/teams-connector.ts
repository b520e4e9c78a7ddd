import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the bot made to the connector stand-in. */
export interface ConnectorCall {
  method: string;
  path: string;
  /** Decoded `{conversationId}` from `/v3/conversations/{conversationId}/activities[/{replyToId}]`. */
  conversationId: string;
  replyToId?: string;
  authorization?: string;
  body: Record<string, unknown>;
}

export interface ConnectorStandIn {
  /** The serviceUrl to put in activities. */
  url: string;
  /** Replies the stand-in accepted (2xx), in order. */
  replies: ConnectorCall[];
  /** Every request, accepted or not (429s and 5xxs included). `path` is without the serviceUrl's prefix. */
  calls: ConnectorCall[];
  /** The next request(s) get this status (and headers) instead of being accepted. */
  failNext(status: number, headers?: Record<string, string>, times?: number): void;
  clear(): void;
  close(): Promise<void>;
}

/** The stand-in's serviceUrl has a path prefix, as Teams' regional ones do (`.../emea/`). */
const PREFIX = '/teams';
const ROUTE = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/;

/**
 * A local stand-in for the Bot Framework connector (Teams' `serviceUrl`): records what Berth
 * posts and answers like the real service (`{ id }`), or with a programmed failure.
 */
export async function startConnector(): Promise<ConnectorStandIn> {
  const replies: ConnectorCall[] = [];
  const calls: ConnectorCall[] = [];
  const failures: { status: number; headers: Record<string, string> }[] = [];
  let n = 0;
  const server: Server = createServer((req, res) => {
    void readBody(req).then((text) => {
      const url = new URL(req.url ?? '/', 'http://connector');
      const path = url.pathname.startsWith(`${PREFIX}/`) ? url.pathname.slice(PREFIX.length) : '';
      const match = ROUTE.exec(path);
      if (!match?.[1] || req.method !== 'POST') {
        res.writeHead(404).end();
        return;
      }
      const call: ConnectorCall = {
        method: req.method,
        path,
        conversationId: decodeURIComponent(match[1]),
        replyToId: match[2] ? decodeURIComponent(match[2]) : undefined,
        authorization: req.headers.authorization,
        body: JSON.parse(text || '{}') as Record<string, unknown>,
      };
      calls.push(call);
      const failure = failures.shift();
      if (failure) {
        res.writeHead(failure.status, { 'content-type': 'application/json', ...failure.headers });
        res.end(JSON.stringify({ error: { code: 'Throttled', message: 'stand-in failure' } }));
        return;
      }
      replies.push(call);
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `reply-${++n}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}${PREFIX}/`,
    replies,
    calls,
    failNext(status, headers = {}, times = 1) {
      for (let i = 0; i < times; i++) failures.push({ status, headers });
    },
    clear() {
      replies.length = 0;
      calls.length = 0;
      failures.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    req.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
    });
    req.on('end', () => resolve(text));
  });
}

let sequence = 0;

/**
 * A fixture activity from tests/fixtures/teams, addressed to `serviceUrl`, with a fresh id (so
 * de-duplication does not swallow repeats across tests) unless `overrides` sets one.
 */
export function teamsActivity(
  fixture: string,
  serviceUrl: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const path = new URL(`../fixtures/teams/${fixture}.json`, import.meta.url);
  const activity = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  return { ...activity, id: `${activity.id as string}-${++sequence}`, serviceUrl, ...overrides };
}

/** Posts an activity to Berth as Teams does; returns the HTTP status and the parsed body (if any). */
export async function postActivity(
  baseUrl: string,
  activity: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(activity),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

/** Everything a person would read or click in replies: message text, card text, button titles, link URLs. */
export function visibleText(value: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown, key = ''): void => {
    if (typeof node === 'string') {
      if (['text', 'title', 'url', 'summary', 'label'].includes(key)) out.push(node);
    } else if (Array.isArray(node)) {
      for (const item of node) walk(item, key);
    } else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) if (k !== 'data' && k !== 'msteams') walk(v, k);
    }
  };
  walk(value);
  return out.join('\n');
}
