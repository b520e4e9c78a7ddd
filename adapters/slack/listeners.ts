import { createHash } from 'node:crypto';
import type { App, Context } from '@slack/bolt';
import type { ChannelLog } from '../channel/contract.ts';
import type { SeenKeys } from '../channel/seen-keys.ts';
import { FEEDBACK_MODAL } from './action-ids.ts';
import type { BotIdentity, SlackInput } from './input.ts';
import { describeError } from './outbox.ts';
import { parseHomeOpened, parseMentionEvent, parseMessageEvent, parseSlashCommand } from './parse-events.ts';
import { parseBlockActions, parseFeedbackView } from './parse-interactions.ts';
import { parseChannelMessage } from './parse-posts.ts';
import { commandKey } from './request-window.ts';
import type { SlackResponder } from './responder.ts';

export interface ListenerDeps {
  responder: SlackResponder;
  /** Deliveries handled already (shared by every replica when the server keeps them in Redis). */
  recent: SeenKeys;
  log: ChannelLog;
  /** Registers a reply that outlives its request (sent after the ack); shutdown waits for it. */
  track(work: Promise<unknown>, what: string): void;
  /** SLACK_SLASH_COMMAND, to warn when Slack sends another name (a renamed command). */
  command: string;
}

/**
 * Wires Bolt to Berth: every listener acknowledges at once, parses the payload with a pure
 * function and hands the result to the responder. Nothing else happens here.
 */
export function registerListeners(app: App, deps: ListenerDeps): void {
  const { log } = deps;
  const run = (input: SlackInput): Promise<void> => {
    const work = deps.responder.handle(input);
    deps.track(work, `slack: ${input.kind}`);
    return work;
  };

  app.use(async (args) => {
    const { body, context, next } = args;
    const eventId = eventIdOf(body);
    const key = commandKey(body) ?? deliveryKeyOf(body, eventId);
    if (!(await deps.recent.firstTime(key))) {
      const { retryNum, retryReason } = context;
      log.info({ eventId, type: typeOf(body), retryNum, retryReason }, 'slack: duplicate event dropped');
      if (typeof (body as { command?: unknown }).command === 'string') {
        // A replayed slash command: acknowledged (whoever replays it sees a 200), answered never again.
        if ('ack' in args && typeof args.ack === 'function') await args.ack();
        log.warn({ key }, 'slack: replayed slash command dropped');
      }
      return;
    }
    await next();
    log.debug({ eventId, type: typeOf(body) }, 'slack: event handled');
  });

  app.event('app_mention', async ({ event, context }) => run(parseMentionEvent(event, selfOf(context))));
  // Direct messages are questions; channel messages (message.channels, message.groups) are posts.
  app.event('message', async ({ event, context }) =>
    run(
      event.channel_type === 'im'
        ? parseMessageEvent(event, selfOf(context))
        : parseChannelMessage(event, selfOf(context)),
    ),
  );
  app.event('app_home_opened', async ({ event }) => run(parseHomeOpened(event)));

  const warned = new Set<string>();
  app.command(/.*/, async ({ ack, body }) => {
    await ack();
    if (body.command !== deps.command && !warned.has(body.command)) {
      warned.add(body.command);
      log.warn(
        { command: body.command, expected: deps.command },
        'slack: set SLACK_SLASH_COMMAND to this name',
      );
    }
    await run(parseSlashCommand(body));
  });
  app.action({ type: 'block_actions' }, async ({ ack, body }) => {
    await ack();
    await run(parseBlockActions(body));
  });
  for (const type of ['view_submission', 'view_closed'] as const) {
    app.view({ callback_id: FEEDBACK_MODAL, type }, async ({ ack, body }) => {
      await ack();
      await run(parseFeedbackView(body));
    });
  }

  app.error(async (error) => {
    log.error(describeError(error), 'slack: unhandled error in a listener');
  });
}

function selfOf(context: Context): BotIdentity {
  return { userId: context.botUserId, botId: context.botId };
}

function eventIdOf(body: unknown): string | undefined {
  const id = (body as { event_id?: unknown } | undefined)?.event_id;
  return typeof id === 'string' ? id : undefined;
}

/**
 * What identifies one delivery: the Events API's `event_id` (the same on every retry), else the
 * payload itself. Slack never redelivers a command or an interaction, so the only duplicate of one
 * is the very same request reaching a second replica, byte for byte.
 */
export function deliveryKeyOf(body: unknown, eventId = eventIdOf(body)): string {
  if (eventId !== undefined) return `event:${eventId}`;
  return `payload:${createHash('sha256')
    .update(JSON.stringify(body ?? null))
    .digest('base64url')}`;
}

/** The event's own type for Events API deliveries (`app_mention`), else the payload's (`block_actions`). */
function typeOf(body: unknown): string | undefined {
  const { type, event } = (body ?? {}) as { type?: unknown; event?: { type?: unknown } };
  const inner = event?.type;
  if (typeof inner === 'string') return inner;
  return typeof type === 'string' ? type : undefined;
}
