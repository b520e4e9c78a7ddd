import { randomUUID } from 'node:crypto';
import type { ServerDeps } from '../../adapters/server/server.ts';
import type { RecordedEvent } from '../../src/recording/events.ts';
import type { ContractDriver, Seen } from './contract.ts';
import { KNOWN_QUESTION, startTestServer, type TestServer } from './harness.ts';
import { eventPayload, SLACK_SECRETS, SlackSender, slackFixture, textOf } from './slack-requests.ts';
import { type ApiCall, SlackStandIn, until } from './slack-stand-in.ts';

type Json = Record<string, unknown>;
export type Button = { action_id: string; value?: string; text: { text: string } };

/** How events reach Berth: signed HTTP requests, or envelopes over the Socket Mode WebSocket. */
export type SlackTransport = 'http' | 'socket';

/**
 * A Slack workspace in a test: the Web API stand-in, Berth's real server configured for it, a
 * sender speaking Slack's protocol, and everything Berth recorded (questions, choices, feedback).
 */
export class SlackWorld {
  standIn!: SlackStandIn;
  server!: TestServer;
  slack!: SlackSender;
  readonly recorded: RecordedEvent[] = [];

  constructor(readonly transport: SlackTransport) {}

  async start(env: Record<string, string> = {}, deps: Partial<Omit<ServerDeps, 'log'>> = {}): Promise<void> {
    this.standIn ??= await SlackStandIn.start();
    const credentials =
      this.transport === 'http'
        ? { SLACK_SIGNING_SECRET: SLACK_SECRETS.signingSecret }
        : { SLACK_APP_TOKEN: SLACK_SECRETS.appToken };
    const recorder = { record: (e: RecordedEvent) => void this.recorded.push(e), flush: async () => {} };
    this.server = await startTestServer(
      { SLACK_BOT_TOKEN: SLACK_SECRETS.botToken, SLACK_API_URL: this.standIn.apiUrl, ...credentials, ...env },
      { recorder, ...deps },
    );
    this.slack = new SlackSender(`${this.server.url}/slack/events`);
  }

  /** Stops Berth and starts it again on the same Slack stand-in (a restart). */
  async restart(
    env: Record<string, string> = {},
    deps: Partial<Omit<ServerDeps, 'log'>> = {},
  ): Promise<void> {
    await this.server.stop();
    await this.start(env, deps);
  }

  /** `/berth <text>` typed in `channel`; resolves with what Berth answered through the response_url. */
  async command(text: string, channel: string, channelName = 'help'): Promise<Json> {
    const url = this.standIn.responseUrl();
    const fields = {
      ...(slackFixture('command-berth') as Record<string, string>),
      text,
      channel_id: channel,
      channel_name: channelName,
      response_url: url,
    };
    const response = await this.slack.command(fields);
    if (response.status !== 200) throw new Error(`Berth answered ${response.status}`);
    return (await until(() => this.standIn.responsesTo(url)[0])).body;
  }

  async stop(): Promise<void> {
    await this.server?.stop();
    await this.standIn?.stop();
  }

  /** Waits until Berth has finished with an event: its reply, if any, has been sent. */
  handled(eventId: string): Promise<unknown> {
    return until(() =>
      this.server.logs.find((l) => l.msg === 'slack: event handled' && l.eventId === eventId),
    );
  }

  /** Delivers an Events API payload and waits until Berth has finished with it. */
  async deliver(payload: Json & { event_id: string }): Promise<void> {
    if (this.transport === 'http') {
      const response = await this.slack.event(payload);
      if (response.status !== 200) throw new Error(`Berth answered ${response.status}`);
    } else {
      const envelope = {
        envelope_id: randomUUID(),
        payload,
        type: 'events_api',
        accepts_response_payload: false,
        retry_attempt: 0,
        retry_reason: '',
      };
      await this.standIn.sendEnvelope(envelope);
    }
    await this.handled(payload.event_id);
  }

  /** Delivers `payload` and reports every reply Berth sent because of it. */
  async exchange(payload: Json & { event_id: string }): Promise<Seen> {
    const calls = this.standIn.calls.length;
    const responses = this.standIn.responses.length;
    await this.deliver(payload);
    const sent = [
      ...this.standIn.calls.slice(calls).filter((c) => c.method !== 'auth.test' && c.status === 200),
      ...this.standIn.responses.slice(responses),
    ];
    return { replies: sent.length, text: sent.map((s) => textOf(s.body)).join('\n') };
  }

  /** A direct message to Berth, in a conversation of its own; resolves with Berth's posts there. */
  async dm(text: string, channel = freshDm()): Promise<{ channel: string; posts: ApiCall[] }> {
    await this.deliver(eventPayload('event-message-im', { text, channel }));
    return { channel, posts: this.postsTo(channel) };
  }

  /** Messages Berth posted to `channel` (in the thread `threadTs`, or at the top level). */
  postsTo(channel: string, threadTs?: string): ApiCall[] {
    return this.standIn.accepted(
      'chat.postMessage',
      (b) => b.channel === channel && b.thread_ts === threadTs,
    );
  }
}

/** The buttons of a message, in order. */
export function buttonsOf(message: Json): Button[] {
  const blocks = message.blocks as { type: string; elements?: Button[] }[];
  return blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);
}

/** A direct-message channel id no other test uses. */
export function freshDm(): string {
  return `D${randomUUID().replace(/-/g, '').slice(0, 9).toUpperCase()}`;
}

/**
 * The channel contract over Slack's real protocol. `where`: questions as direct messages, or as
 * @mentions in a channel (answered in a thread).
 */
export function slackContractDriver(transport: SlackTransport, where: 'dm' | 'mention'): ContractDriver {
  const world = new SlackWorld(transport);
  const question = (text: string) =>
    where === 'dm'
      ? eventPayload('event-message-im', { text, channel: freshDm() })
      : eventPayload('event-app-mention', {
          text: `<@UBERTH01> ${text}`,
          ts: `1700009999.${Date.now() % 1_000_000}`,
        });
  return {
    start: () => world.start(),
    stop: () => world.stop(),
    ask: (text) => world.exchange(question(text)),
    ownMessage: (text) => world.exchange(eventPayload('event-message-im-own', { text, channel: freshDm() })),
    unknownEvent: () => world.exchange(eventPayload('event-reaction-added')),
    async healthy() {
      const health = await fetch(`${world.server.url}/healthz`);
      const seen = await world.exchange(question(KNOWN_QUESTION));
      return health.status === 200 && seen.replies === 1;
    },
  };
}
