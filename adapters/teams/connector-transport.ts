import http from 'node:http';
import https from 'node:https';
import type { ConnectorClientOptions } from 'botframework-connector';

type ConnectorHttpClient = NonNullable<ConnectorClientOptions['httpClient']>;
export type ConnectorRequest = Parameters<ConnectorHttpClient['sendRequest']>[0];
type ConnectorResponse = Awaited<ReturnType<ConnectorHttpClient['sendRequest']>>;
type HeadersLike = ConnectorResponse['headers'];

/** One HTTP exchange with the connector, before any retry decision. */
export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface DeliveryPolicy {
  /** Tries in all, the first included. */
  maxAttempts: number;
  /** Waiting longer than this in total (Retry-After included) gives up instead. */
  maxTotalWaitMs: number;
  /** Backoff when a 429 names no Retry-After: base, 2 x base, 4 x base... */
  baseDelayMs: number;
}

export const DELIVERY_DEFAULTS: DeliveryPolicy = { maxAttempts: 4, maxTotalWaitMs: 10_000, baseDelayMs: 500 };

/** Teams kept saying 429 (or asked for a longer wait than Berth will hold a reply for). */
export class ConnectorThrottled extends Error {
  override readonly name = 'ConnectorThrottled';
  constructor(readonly attempts: number) {
    super(`the Teams connector throttled the reply ${attempts} times; giving up`);
  }
}

/** The connector could not be reached at all (refused, unknown host): certainly nothing was posted. */
export class ConnectorUnreachable extends Error {
  override readonly name = 'ConnectorUnreachable';
  constructor(cause: unknown) {
    super('the Teams connector could not be reached', { cause });
  }
}

/** Network errors that happen before a request is sent. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * The connector failed in a way that does not tell whether the reply was posted (a 5xx, a dropped
 * connection, a timeout). Sending it again could post it twice, so Berth does not.
 */
export class ConnectorOutcomeUnknown extends Error {
  override readonly name = 'ConnectorOutcomeUnknown';
  constructor(
    readonly status: number | undefined,
    cause?: unknown,
  ) {
    super(`the Teams connector ${status ? `answered ${status}` : 'did not answer'}; not re-sending`, {
      cause,
    });
  }
}

export interface TransportOptions {
  policy?: Partial<DeliveryPolicy>;
  sleep?: (ms: number) => Promise<void>;
  /** The single HTTP exchange (tests replace it); defaults to node:http(s), honouring proxy agents. */
  send?: (request: ConnectorRequest) => Promise<RawResponse>;
  onRetry?: (info: { attempt: number; waitMs: number; url: string }) => void;
  /** Aborts every request in flight (the shutdown deadline): nothing may hold the process open. */
  closing?: AbortSignal;
}

/**
 * The HTTP client behind botbuilder's ConnectorClient, replacing the Azure pipeline's default
 * retries (which re-send a POST after any 5xx): a 429 is retried after its Retry-After (or with
 * backoff), within a bounded total wait; every other failure is reported at once. Errors are
 * thrown as non-RestErrors so the Azure retry policy above this client does not retry them either.
 */
export function connectorTransport(options: TransportOptions = {}): ConnectorHttpClient {
  const policy = { ...DELIVERY_DEFAULTS, ...options.policy };
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const send = options.send ?? ((request: ConnectorRequest) => sendOnce(request, options.closing));
  return {
    async sendRequest(request: ConnectorRequest): Promise<ConnectorResponse> {
      let waited = 0;
      for (let attempt = 1; ; attempt++) {
        const raw = await send(request).catch((err: unknown) => {
          const code = err instanceof Error && 'code' in err ? err.code : undefined;
          throw typeof code === 'string' && NOT_SENT.has(code)
            ? new ConnectorUnreachable(err)
            : new ConnectorOutcomeUnknown(undefined, err);
        });
        if (raw.status >= 500) throw new ConnectorOutcomeUnknown(raw.status);
        if (raw.status !== 429) return compatResponse(request, raw);
        const waitMs = retryDelayMs(raw.headers['retry-after'], attempt, policy.baseDelayMs);
        if (attempt >= policy.maxAttempts || waited + waitMs > policy.maxTotalWaitMs)
          throw new ConnectorThrottled(attempt);
        options.onRetry?.({ attempt, waitMs, url: request.url });
        waited += waitMs;
        await sleep(waitMs);
      }
    },
  };
}

/** Retry-After in seconds or as an HTTP date; without one, exponential backoff. */
export function retryDelayMs(
  retryAfter: string | undefined,
  attempt: number,
  baseDelayMs: number,
  now = Date.now(),
): number {
  const value = retryAfter?.trim();
  if (value && /^\d+$/.test(value)) return Number(value) * 1000;
  const date = value ? Date.parse(value) : Number.NaN;
  if (Number.isFinite(date)) return Math.max(0, date - now);
  return baseDelayMs * 2 ** (attempt - 1);
}

const DEFAULT_TIMEOUT_MS = 20_000;

function sendOnce(request: ConnectorRequest, closing?: AbortSignal): Promise<RawResponse> {
  const body: unknown = request.body;
  if (body !== undefined && body !== null && typeof body !== 'string')
    return Promise.reject(new TypeError('the Teams connector transport only sends JSON text'));
  const url = new URL(request.url);
  const headers: Record<string, string> = { ...request.headers.rawHeaders() };
  if (typeof body === 'string') headers['content-length'] = String(Buffer.byteLength(body));
  const agent = request.agent instanceof http.Agent ? request.agent : undefined;
  const own = request.abortSignal instanceof AbortSignal ? request.abortSignal : undefined;
  const signal = own && closing ? AbortSignal.any([own, closing]) : (own ?? closing);
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      { method: request.method, headers, agent, signal, timeout: request.timeout || DEFAULT_TIMEOUT_MS },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const flat: Record<string, string> = {};
          for (const [name, value] of Object.entries(res.headers))
            if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
          resolve({
            status: res.statusCode ?? 0,
            headers: flat,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out waiting for the Teams connector')));
    req.on('error', reject);
    req.end(typeof body === 'string' ? body : undefined);
  });
}

function compatResponse(request: ConnectorRequest, raw: RawResponse): ConnectorResponse {
  return { request, status: raw.status, headers: new ResponseHeaders(raw.headers), bodyAsText: raw.body };
}

/** The header collection shape the Azure compat layer expects back. */
class ResponseHeaders implements HeadersLike {
  private readonly map = new Map<string, { name: string; value: string }>();

  constructor(raw: Record<string, string> = {}) {
    for (const [name, value] of Object.entries(raw)) this.set(name, value);
  }
  set(name: string, value: string | number): void {
    this.map.set(name.toLowerCase(), { name, value: String(value) });
  }
  get(name: string): string | undefined {
    return this.map.get(name.toLowerCase())?.value;
  }
  contains(name: string): boolean {
    return this.map.has(name.toLowerCase());
  }
  remove(name: string): boolean {
    return this.map.delete(name.toLowerCase());
  }
  rawHeaders(): Record<string, string> {
    return this.toJson();
  }
  headersArray(): { name: string; value: string }[] {
    return [...this.map.values()];
  }
  headerNames(): string[] {
    return this.headersArray().map((h) => h.name);
  }
  headerValues(): string[] {
    return this.headersArray().map((h) => h.value);
  }
  clone(): ResponseHeaders {
    return new ResponseHeaders(this.toJson({ preserveCase: true }));
  }
  toJson(options: { preserveCase?: boolean } = {}): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [key, h] of this.map) out[options.preserveCase ? h.name : key] = h.value;
    return out;
  }
}
