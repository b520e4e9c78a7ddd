import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { KnowledgeHolder } from '../../src/knowledge-holder.ts';
import type { InFlight } from './inflight.ts';
import type { Logger } from './logger.ts';

export interface Readiness {
  live: KnowledgeHolder;
  loadedAt: Date;
  lastReload?: { ok: boolean; at: Date; problems: string[] };
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
}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
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

/** Adds the 404 and error handlers; call after every channel has mounted its routes. */
export function finishApp(app: Express, log: Logger): void {
  app.use((_req, res) => {
    res.status(404).json({ error: 'not found' });
  });
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const status = httpStatusOf(error);
    if (status >= 500) log.error({ err: error, path: req.path }, 'request failed');
    if (!res.headersSent)
      res.status(status).json({
        error: status === 413 ? 'request body too large' : status >= 500 ? 'internal error' : 'bad request',
      });
  });
}

function readyBody({ live, loadedAt, lastReload }: Readiness) {
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
