import { STATUS_CODES } from 'node:http';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { KnowledgeHolder } from '../../src/knowledge-holder.ts';
import type { StoreStatus } from '../../src/store-status.ts';
import type { InFlight } from './inflight.ts';
import type { Logger } from './logger.ts';

export interface Readiness {
  live: KnowledgeHolder;
  loadedAt: Date;
  lastReload?: { ok: boolean; at: Date; problems: string[] };
  /** Where state is kept, and whether each store is reachable (a store that is down does not make Berth unready). */
  stores?: () => Stores;
}

/** `limits`: de-duplication and rate limits (this process, or Redis); `recordings`: for berth report. */
export interface Stores {
  limits: StoreStatus;
  recordings: StoreStatus;
}

/**
 * The shared HTTP app: health and readiness, body-size limits and request tracking. Channels add
 * their own routes to it.
 */
export function createApp(options: {
  bodyLimitBytes: number;
  readiness: Readiness;
  inflight: InFlight;
  log: Logger;
  /** TRUST_PROXY: proxies whose X-Forwarded-For names the client (`req.ip`); none by default. */
  trustProxy?: readonly string[];
}): Express {
  const app = express();
  app.disable('x-powered-by');
  // Forwarding headers are believed only from the proxies named in TRUST_PROXY.
  app.set('trust proxy', options.trustProxy && options.trustProxy.length > 0 ? options.trustProxy : false);
  app.use((req, res, next) => {
    const settled = new Promise((resolve) => res.on('close', () => resolve(undefined)));
    options.inflight.track(settled, `${req.method} ${req.path}`);
    next();
  });
  app.use(bodyLimit(options.bodyLimitBytes));
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', (_req, res) => {
    res.json(readyBody(options.readiness));
  });
  return app;
}

/** Adds the 405, 404 and error handlers; call after every channel has mounted its routes. */
export function finishApp(app: Express, log: Logger): void {
  app.use((req, res) => {
    // A path Berth serves, asked with another method: 405 and the methods it takes.
    const allowed = allowedMethods(app, req.path);
    // No route for the path, or one that took the method and found nothing (an unknown file): 404.
    if (allowed.length === 0 || allowed.includes(req.method))
      return void res.status(404).json({ error: 'not found' });
    res.setHeader('Allow', allowed.join(', '));
    res.status(405).json({ error: `method not allowed; use ${allowed.join(' or ')}` });
  });
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const status = httpStatusOf(error);
    if (status >= 500) log.error({ err: error, path: req.path }, 'request failed');
    if (!res.headersSent) res.status(status).json({ error: errorText(status) });
  });
}

/** What went wrong, in the words of the status (415: "unsupported media type", not "bad request"). */
function errorText(status: number): string {
  if (status === 413) return 'request body too large';
  if (status >= 500) return 'internal error';
  return (STATUS_CODES[status] ?? 'bad request').toLowerCase();
}

/** A layer of Express's router, as far as finding a path's methods needs (Express 5 / router 2). */
interface RouterLayer {
  route?: { methods: Record<string, boolean | undefined> };
  handle?: { stack?: RouterLayer[] };
  match(path: string): boolean;
}

/**
 * The methods the routes matching `path` take (GET implies HEAD), looking into mounted routers
 * (Bolt mounts one): empty when no route matches.
 */
export function allowedMethods(app: Express, path: string): string[] {
  const methods = new Set<string>();
  const walk = (stack: readonly RouterLayer[]) => {
    for (const layer of stack) {
      if (!layer.match(path)) continue;
      if (layer.route) {
        for (const [method, on] of Object.entries(layer.route.methods))
          if (on && method !== '_all') methods.add(method.toUpperCase());
      } else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((app as unknown as { router: { stack: RouterLayer[] } }).router.stack);
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods].sort();
}

/**
 * Ready means the knowledge is loaded. A store that is down is reported, not a reason to leave the
 * load balancer: every replica would leave at once, while each can still answer on its own.
 */
function readyBody({ live, loadedAt, lastReload, stores }: Readiness) {
  const kb = live.current.knowledge;
  return {
    status: 'ready',
    version: kb.version,
    entries: kb.entries.size,
    topics: kb.topics.length,
    loadedAt: loadedAt.toISOString(),
    lastReload: lastReload
      ? { ok: lastReload.ok, at: lastReload.at.toISOString(), problems: lastReload.problems }
      : null,
    ...(stores ? { stores: stores() } : {}),
  };
}

/** Refuses bodies over the limit before anything reads them, and bodies of unknown length. */
function bodyLimit(limit: number) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
    const length = req.headers['content-length'];
    if (length === undefined) {
      if (req.headers['transfer-encoding'])
        return void res.status(411).json({ error: 'a Content-Length header is required' });
      return next();
    }
    if (Number(length) > limit) {
      res.setHeader('Connection', 'close');
      return void res.status(413).json({ error: `request body larger than ${limit} bytes` });
    }
    next();
  };
}

function httpStatusOf(error: unknown): number {
  if (error && typeof error === 'object') {
    const status =
      (error as { status?: unknown; statusCode?: unknown }).status ??
      (error as { statusCode?: unknown }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 600) return status;
  }
  return 500;
}
