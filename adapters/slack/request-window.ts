import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { ChannelLog } from '../channel/contract.ts';

/** Slack's replay window: a signed request dated further than this from now, either way, is refused. */
export const REQUEST_WINDOW_SECONDS = 5 * 60;

/**
 * Why a request's `X-Slack-Request-Timestamp` is unacceptable, or undefined. Bolt refuses old
 * timestamps only; Slack's guidance is to refuse both directions, so a request signed "a year
 * ahead" cannot be replayed for a year.
 * Example: timestampProblem(String(now / 1000 + 3600), now) -> 'timestamp 3600 s in the future'
 */
export function timestampProblem(header: string | undefined, nowMs: number): string | undefined {
  if (header === undefined || !/^\d{1,12}$/.test(header.trim())) return 'no usable timestamp';
  const skew = Number(header.trim()) - Math.floor(nowMs / 1000);
  if (skew > REQUEST_WINDOW_SECONDS) return `timestamp ${skew} s in the future`;
  if (skew < -REQUEST_WINDOW_SECONDS) return `timestamp ${-skew} s in the past`;
  return undefined;
}

/** Express middleware for POST /slack/events: 401 outside the window, before Bolt reads the body. */
export function refuseOutsideWindow(log: ChannelLog, now: () => number = Date.now): RequestHandler {
  return (req, res, next) => {
    const problem = timestampProblem(req.get('x-slack-request-timestamp'), now());
    if (problem === undefined) return next();
    log.warn({ problem }, 'slack: request refused: outside the five-minute window');
    res.status(401).json({ error: 'request timestamp outside the five-minute window' });
  };
}

/**
 * What identifies one slash command, for answering it once: its `trigger_id` (new for every
 * command a person sends), or without one a digest of the whole signed command (its
 * response_url is new each time too). A replay of the same signed request within the window has
 * the same key. Anything but a command: undefined (events go by `event_id`, see listeners.ts).
 */
export function commandKey(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { command, trigger_id: triggerId } = body as Record<string, unknown>;
  if (typeof command !== 'string') return undefined;
  if (typeof triggerId === 'string' && triggerId) return `command:${triggerId}`;
  return `command:${createHash('sha256').update(JSON.stringify(body)).digest('hex')}`;
}
