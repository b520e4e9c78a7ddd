import { App, type Authorize, ExpressReceiver, type Receiver, SocketModeReceiver, webApi } from '@slack/bolt';
import type { Express } from 'express';
import type { ChannelLog } from '../channel/contract.ts';
import type { SlackConfig } from './config.ts';
import type { BotIdentity } from './input.ts';
import { sdkLogger } from './sdk-logger.ts';

/** Where Slack sends events, commands and button clicks in HTTP mode. */
export const SLACK_EVENTS_PATH = '/slack/events';

const WEB_API_TIMEOUT_MS = 15_000;
const RECONNECT_RETRIES = {
  retries: 10_000,
  factor: 1.3,
  minTimeout: 1000,
  maxTimeout: 60_000,
  randomize: true,
};

/** `SLACK_API_URL` as the WebClient wants it (with a trailing slash); Slack's own by default. */
export function slackApiUrl(config: Pick<SlackConfig, 'apiUrl'>): string | undefined {
  if (!config.apiUrl) return undefined;
  return config.apiUrl.endsWith('/') ? config.apiUrl : `${config.apiUrl}/`;
}

/**
 * The bot's WebClient. It never retries by itself: a timeout or 5xx may hide a message that was
 * posted, and posting again would show the answer twice. A 429 is raised as a rate-limit error
 * (with Slack's Retry-After) for SlackOutbox to wait out: that request was not processed.
 */
export function createWebClient(
  config: SlackConfig,
  log: ChannelLog,
  closing?: AbortSignal,
): webApi.WebClient {
  return new webApi.WebClient(config.botToken, {
    slackApiUrl: slackApiUrl(config),
    logger: sdkLogger(log),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: WEB_API_TIMEOUT_MS,
    ...(closing ? { fetch: abortableFetch(closing) } : {}),
  });
}

/** fetch whose requests are all aborted when `closing` is (shutdown: nothing may hold the process). */
export function abortableFetch(closing: AbortSignal): typeof fetch {
  return (input, init = {}) =>
    fetch(input, { ...init, signal: init.signal ? AbortSignal.any([init.signal, closing]) : closing });
}

/**
 * Who Berth is in the workspace (auth.test), asked once. A failure is not remembered, so a
 * network blip at start-up does not make every later event fail.
 */
export class SlackIdentity {
  private known: Promise<BotIdentity & { team?: string; name?: string }> | undefined;

  constructor(
    private readonly client: webApi.WebClient,
    private readonly botToken: string,
  ) {}

  get(): Promise<BotIdentity & { team?: string; name?: string }> {
    this.known ??= this.client.auth.test().then(
      (r) => ({ userId: r.user_id, botId: r.bot_id, team: r.team, name: r.user }),
      (error: unknown) => {
        this.known = undefined;
        throw error;
      },
    );
    return this.known;
  }

  /** Bolt's `authorize`: the single workspace's bot token and ids. */
  readonly authorize: Authorize<boolean> = async () => {
    const me = await this.get();
    return { botToken: this.botToken, botUserId: me.userId, botId: me.botId };
  };
}

/**
 * HTTP mode: Bolt's ExpressReceiver on the shared app at POST /slack/events, so Bolt itself checks
 * each request's signature and refuses timestamps older than five minutes.
 */
export function httpReceiver(
  app: Express,
  signingSecret: string,
  bodyLimitBytes: number,
  log: ChannelLog,
): ExpressReceiver {
  return new ExpressReceiver({
    app,
    signingSecret,
    endpoints: SLACK_EVENTS_PATH,
    bodyLimit: bodyLimitBytes,
    processBeforeResponse: false,
    logger: sdkLogger(log),
  });
}

/** Socket Mode: an outbound WebSocket (opened with apps.connections.open), no public URL needed. */
export function socketModeReceiver(
  config: SlackConfig & { appToken: string },
  log: ChannelLog,
): SocketModeReceiver {
  const receiver = new SocketModeReceiver({
    appToken: config.appToken,
    logger: sdkLogger(log),
    // apps.connections.open is retried while Slack is unreachable; the cap keeps a reconnect after
    // a long outage within a minute of Slack coming back (the SDK's default backoff keeps growing).
    installerOptions: { clientOptions: { slackApiUrl: slackApiUrl(config), retryConfig: RECONNECT_RETRIES } },
  });
  // The client reconnects by itself (a fresh apps.connections.open each time); say so in the log.
  receiver.client.on('connected', () => log.info({}, 'slack: Socket Mode connected'));
  receiver.client.on('reconnecting', () => log.warn({}, 'slack: Socket Mode connection lost; reconnecting'));
  return receiver;
}

/** The Bolt app over a receiver; Berth's own parsing decides what is its own message. */
export function createBoltApp(
  receiver: Receiver,
  identity: SlackIdentity,
  config: SlackConfig,
  log: ChannelLog,
): App {
  return new App({
    receiver,
    authorize: identity.authorize,
    ignoreSelf: false,
    convoStore: false,
    logger: sdkLogger(log),
    clientOptions: { slackApiUrl: slackApiUrl(config) },
  });
}
