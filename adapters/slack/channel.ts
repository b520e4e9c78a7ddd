import type { App } from '@slack/bolt';
import type { Express } from 'express';
import type { Channel, ChannelContext, ChannelLog, ChannelStatus } from '../channel/contract.ts';
import { RecentKeys } from '../channel/recent-keys.ts';
import type { SlackConfig } from './config.ts';
import { registerListeners } from './listeners.ts';
import { describeError, SlackOutbox } from './outbox.ts';
import { SlackResponder } from './responder.ts';
import {
  createBoltApp,
  createWebClient,
  httpReceiver,
  SLACK_EVENTS_PATH,
  SlackIdentity,
  socketModeReceiver,
} from './slack-app.ts';

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
  const client = createWebClient(slack, log);
  const identity = new SlackIdentity(client, slack.botToken);
  const responder = new SlackResponder({
    service,
    outbox: new SlackOutbox(client, log),
    log,
    command: slack.command,
    escalationMention: slack.escalationMention,
  });
  const deps = { responder, recent: new RecentKeys(5000), log, track: context.track, command: slack.command };
  const socketMode = slack.appToken
    ? createBoltApp(socketModeReceiver({ ...slack, appToken: slack.appToken }, log), identity, slack, log)
    : undefined;
  if (socketMode) registerListeners(socketMode, deps);

  return {
    name: 'slack',
    mount(app: Express) {
      if (socketMode || !slack.signingSecret) return;
      const receiver = httpReceiver(app, slack.signingSecret, context.bodyLimitBytes, log);
      registerListeners(createBoltApp(receiver, identity, slack, log), deps);
    },
    async start() {
      await announce(identity, log);
      if (socketMode) await connect(socketMode, log);
    },
    async stop() {
      await socketMode?.stop();
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
async function announce(identity: SlackIdentity, log: ChannelLog): Promise<void> {
  try {
    const me = await identity.get();
    log.info({ team: me.team, bot: me.name, botUserId: me.userId }, 'slack: bot token accepted');
  } catch (error) {
    log.error(
      { ...describeError(error) },
      'slack: the bot token was refused or Slack is unreachable; check SLACK_BOT_TOKEN (and SLACK_API_URL)',
    );
  }
}
