import express, { type Express, type Request, type RequestHandler, type Response } from 'express';
import type { AskContext } from '../../src/recording/events.ts';
import type { AskResult, Throttled } from '../../src/service/results.ts';
import type { Channel, ChannelContext } from '../channel/contract.ts';
import { loadAssets, PageTemplate, SECURITY_HEADERS } from './page.ts';
import { parseAsk, parseChoose, parseFeedback, type WebRequest } from './request.ts';
import { viewOf } from './view.ts';
import { identifyVisitor, visitorCookie } from './visitor.ts';
import { renderWelcome } from './welcome.ts';

/**
 * The web chat: the page at `/` (files under `/web/`) and the JSON endpoints it talks to.
 *   GET  /api/help       the first screen: welcome, topics, example questions, page labels
 *   POST /api/ask        { text }                       -> a reply view, or 429 when throttled
 *   POST /api/choose     { id, question? }              -> a reply view, or 429 when throttled
 *   POST /api/feedback   { entryId, helpful, comment? } -> { kind: 'feedback', text }, 404 for an unknown entry, or 429
 * Questions and picks share one rate limit, votes have their own (see BerthService).
 */
export function createWebChannel(context: ChannelContext): Channel {
  const assets = loadAssets();
  const page = new PageTemplate();
  const { service } = context;
  const json = express.json({ limit: context.bodyLimitBytes, type: 'application/json' });

  const answer = async (request: WebRequest, who: AskContext, res: Response): Promise<void> => {
    switch (request.kind) {
      case 'ask':
        return replyOrThrottled(await service.ask(request.text, who), res);
      case 'choose':
        return replyOrThrottled(await service.choose(request.id, who, request.question), res);
      case 'follow':
        return replyOrThrottled(await service.follow(request.id, who), res);
      case 'feedback': {
        const result = await service.feedback(request, who);
        if (result.kind === 'throttled') return throttled(result, res);
        if (result.kind === 'unknown-entry')
          return void res.status(404).json({ error: 'no entry with that id', text: result.text });
        return void res.json({ kind: 'feedback', text: result.text });
      }
      case 'ignored':
        return void res.status(204).end();
      case 'invalid':
        return void res.status(400).json({ error: request.reason });
    }
  };

  const replyOrThrottled = (result: AskResult, res: Response): void => {
    if (result.kind === 'reply') return void res.json(viewOf(service, result.reply));
    throttled(result, res);
  };

  const endpoint = (parse: (body: unknown) => WebRequest): RequestHandler[] => [
    webHeaders,
    requireJson,
    json,
    (req, res, next) => {
      const user = visitorOf(req, res);
      // The peer's address (a forwarded one only from a proxy in TRUST_PROXY): limited as well.
      const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
      answer(parse(req.body), { channel: 'web', conversation: 'web', user, address }, res).catch(next);
    },
  ];

  return {
    name: 'web',
    mount(app: Express) {
      app.get('/', webHeaders, (req, res) => {
        // Opening the page renews the cookie, so a regular visitor keeps one id.
        const visitor = identifyVisitor(req.headers.cookie, req.socket.remoteAddress);
        res.append('Set-Cookie', visitorCookie(visitor.kind === 'cookie' ? visitor.id : visitor.newId));
        res.setHeader('Cache-Control', 'no-cache');
        res.type('html').send(page.render(service.wording(), service.knowledge()));
      });
      app.get('/web/:file', webHeaders, (req, res, next) => {
        const asset = assets.get(String(req.params.file));
        if (!asset) return next();
        res.setHeader('Cache-Control', 'no-cache');
        res.type(asset.type).send(asset.body);
      });
      app.get('/api/help', webHeaders, (req, res) => {
        visitorOf(req, res);
        res.json(renderWelcome(service));
      });
      app.post('/api/ask', ...endpoint((body) => parseAsk(body, service.questionLimit)));
      app.post('/api/choose', ...endpoint((body) => parseChoose(body, service.questionLimit)));
      app.post('/api/feedback', ...endpoint(parseFeedback));
    },
  };
}

/** 429, told once, politely; after that the page stays silent until the visitor may try again. */
function throttled(result: Throttled, res: Response): void {
  res.setHeader('Retry-After', String(result.retryAfterSeconds));
  res.status(429).json({ kind: 'throttled', text: result.notify ? result.text : null });
}

/** The visitor's id (see visitor.ts), handing out a cookie when the request had none. */
function visitorOf(req: Request, res: Response): string {
  const visitor = identifyVisitor(req.headers.cookie, req.ip ?? req.socket.remoteAddress);
  if (visitor.kind === 'address') res.append('Set-Cookie', visitorCookie(visitor.newId));
  return visitor.user;
}

const webHeaders: RequestHandler = (req, res, next) => {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  if (req.path.startsWith('/api/')) res.setHeader('Cache-Control', 'no-store');
  next();
};

/** JSON only: a cross-site form cannot send it without a CORS preflight, which Berth never grants. */
const requireJson: RequestHandler = (req, res, next) => {
  if (req.is('application/json')) return next();
  res.status(415).json({ error: 'send the body as application/json' });
};
