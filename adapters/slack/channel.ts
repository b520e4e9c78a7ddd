import type { App } from '@slack/bolt';
import type { Express } from 'express';
import type { Channel, ChannelContext, ChannelLog, ChannelStatus } from '../channel/contract.ts';
import type { SeenScope } from '../channel/seen-keys.ts';
import type { SlackConfig } from './config.ts';
import { registerListeners } from './listeners.ts';
import { describeError, SlackOutbox } from './outbox.ts';
import { refuseOutsideWindow } from './request-window.ts';
import { SlackResponder } from './responder.ts';
import {
  abortableFetch,
  createBoltApp,
  createWebClient,
  httpReceiver,
  SLACK_EVENTS_PATH,
  SlackIdentity,
  socketModeReceiver,
} from './slack-app.ts';

/** Slack redelivers an event up to three times within about five minutes (and never an interaction). */
const SLACK_DELIVERIES: SeenScope = { name: 'slack', capacity: 5000, ttlMs: 60 * 60_000 };

/** How long start-up waits for the Socket Mode connection before carrying on without it. */
const START_WAIT_MS = 15_000;

/**
 * Slack is on with a bot token plus either a signing secret (HTTP mode) or an app-level token
 * (Socket Mode, which wins when both are set). Otherwise the reason names what is missing.
 */
export function slackStatus(slack: SlackConfig): ChannelStatus {
  const { botToken, signingSecret, appToken, command } = slack;
  const missing = [
    ...(botToken ? [] : ['SLACK_BOT_TOKEN']),
    ...(signingSecret || appToken
      ? []
      : ['SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode)']),
  ];
  if (missing.length > 0) return { name: 'slack', on: false, reason: `set ${missing.join(' and ')}` };
  const mode = appToken ? 'Socket Mode' : `HTTP mode at POST ${SLACK_EVENTS_PATH}`;
  return {
    name: 'slack',
    on: true,
    reason: `${mode}, slash command ${command}`,
    create: (context) => createSlackChannel(context, slack),
  };
}

/** The Slack channel: Bolt over the shared HTTP app (HTTP mode) or its own WebSocket (Socket Mode). */
export function createSlackChannel(context: ChannelContext, slack: SlackConfig): Channel {
  const { service } = context;
  const log = context.log.child({ channel: 'slack' });
  if (!slack.botToken) throw new Error('slack: SLACK_BOT_TOKEN is required');
  // Every call to Slack is aborted when the channel stops or the shutdown deadline passes.
  const closing = new AbortController();
  context.shutdown.addEventListener('abort', () => closing.abort(), { once: true });
  const client = createWebClient(slack, log, closing.signal);
  const identity = new SlackIdentity(client, slack.botToken);
  const responder = new SlackResponder({
    service,
    outbox: new SlackOutbox(client, log, abortableFetch(closing.signal), slack.apiUrl),
    log,
    command: slack.command,
    escalationMention: slack.escalationMention,
  });
  const recent = context.seen(SLACK_DELIVERIES);
  const deps = { responder, recent, log, track: context.track, command: slack.command };
  const socketMode = slack.appToken
    ? createBoltApp(socketModeReceiver({ ...slack, appToken: slack.appToken }, log), identity, slack, log)
    : undefined;
  if (socketMode) registerListeners(socketMode, deps);
  let starting: Promise<void> | undefined;

  return {
    name: 'slack',
    mount(app: Express) {
      if (socketMode || !slack.signingSecret) return;
      // Before Bolt's own check (signature, and timestamps too old): timestamps too far ahead.
      app.post(SLACK_EVENTS_PATH, refuseOutsideWindow(log));
      const receiver = httpReceiver(app, slack.signingSecret, context.bodyLimitBytes, log);
      registerListeners(createBoltApp(receiver, identity, slack, log), deps);
    },
    async start() {
      starting = (async () => {
        await announce(identity, log, closing.signal);
        if (socketMode && !closing.signal.aborted) await connect(socketMode, log);
      })();
      await starting;
    },
    async stop() {
      await socketMode?.stop();
      closing.abort();
      // A start-up still waiting for Slack gives up now; let it say so before "stopped".
      await starting;
    },
  };
}

/**
 * Opens the Socket Mode connection, waiting at most START_WAIT_MS: the web chat and the other
 * channels must not wait for Slack. A refused token is logged with what to fix; while Slack is
 * unreachable the client keeps trying in the background.
 */
async function connect(bolt: App, log: ChannelLog): Promise<void> {
  // Deliberately not awaited past the race: it settles (and logs) whenever Slack answers.
  const connecting = bolt.start().then(
    () => 'connected' as const,
    (error: unknown) => {
      const hint = 'check SLACK_APP_TOKEN (an app-level token with connections:write), then restart Berth';
      log.error({ ...describeError(error) }, `slack: Socket Mode could not connect; ${hint}`);
      return 'failed' as const;
    },
  );
  let timer: NodeJS.Timeout | undefined;
  const slow = new Promise<'slow'>((resolve) => {
    timer = setTimeout(() => resolve('slow'), START_WAIT_MS);
  });
  const outcome = await Promise.race([connecting, slow]);
  clearTimeout(timer);
  if (outcome === 'slow') log.warn({ waitedMs: START_WAIT_MS }, 'slack: Socket Mode is still connecting');
}

/** Checks the bot token once at start-up and says who Berth is; a failure is logged, not fatal. */
async function announce(identity: SlackIdentity, log: ChannelLog, closing: AbortSignal): Promise<void> {
  try {
    const me = await identity.get();
    log.info({ team: me.team, bot: me.name, botUserId: me.userId }, 'slack: bot token accepted');
  } catch (error) {
    if (closing.aborted) return void log.info({}, 'slack: start-up abandoned: shutting down');
    log.error(
      { ...describeError(error) },
      'slack: the bot token was refused or Slack is unreachable; check SLACK_BOT_TOKEN (and SLACK_API_URL)',
    );
  }
}
