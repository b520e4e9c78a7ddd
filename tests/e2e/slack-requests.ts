import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** Test credentials: shaped like Slack's, valid nowhere. */
export const SLACK_SECRETS = {
  botToken: 'xoxb-0000000000-1111111111-testBotTokenValue',
  signingSecret: 'test-signing-secret-8f4e2a9c1b7d',
  appToken: 'xapp-1-A0TEST01-2222222222-testAppTokenValue',
} as const;

type Json = Record<string, unknown>;

/** A fixture under tests/fixtures/slack, as a fresh copy to change. */
export function slackFixture(name: string): Json {
  const file = new URL(`../fixtures/slack/${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(file, 'utf8')) as Json;
}

/** An event_callback fixture with a fresh event_id and the event fields replaced by `event`. */
export function eventPayload(name: string, event: Json = {}): Json & { event_id: string; event: Json } {
  const payload = slackFixture(name) as Json & { event_id: string; event: Json };
  payload.event_id = `Ev${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`;
  payload.event = { ...payload.event, ...event };
  return payload;
}

/** Slack's request signature: v0=HMAC-SHA256(secret, "v0:<timestamp>:<body>"). */
export function slackSignature(
  body: string,
  timestamp: number,
  secret: string = SLACK_SECRETS.signingSecret,
): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SendOptions {
  /** Seconds since the epoch; now by default. */
  timestamp?: number;
  /** Replace the signature (a forgery), or null to send none. */
  signature?: string | null;
  /** X-Slack-Retry-Num, as on Slack's redeliveries. */
  retryNum?: number;
}

/** Sends requests to Berth exactly as Slack does: signed, with Slack's headers and encodings. */
export class SlackSender {
  constructor(private readonly eventsUrl: string) {}

  /** An Events API delivery (JSON). */
  event(payload: Json, options: SendOptions = {}): Promise<Response> {
    return this.post(JSON.stringify(payload), 'application/json', options);
  }

  /**
   * A slash command (form-encoded fields), with a fresh `trigger_id` as Slack gives every command
   * (unless `fields` names one on purpose, as a replay must).
   */
  command(fields: Record<string, string>, options: SendOptions & { sameTrigger?: boolean } = {}) {
    const trigger: Record<string, string> = options.sameTrigger
      ? {}
      : { trigger_id: `${Date.now()}.${randomUUID().replace(/-/g, '')}` };
    return this.post(
      new URLSearchParams({ ...fields, ...trigger }).toString(),
      'application/x-www-form-urlencoded',
      options,
    );
  }

  /** An interaction (block_actions, view_submission...): form field `payload` holding JSON. */
  interaction(payload: Json, options: SendOptions = {}): Promise<Response> {
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    return this.post(body, 'application/x-www-form-urlencoded', options);
  }

  private post(body: string, contentType: string, options: SendOptions): Promise<Response> {
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = {
      'Content-Type': contentType,
      'User-Agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
      'X-Slack-Request-Timestamp': String(timestamp),
    };
    const signature = options.signature === undefined ? slackSignature(body, timestamp) : options.signature;
    if (signature !== null) headers['X-Slack-Signature'] = signature;
    if (options.retryNum !== undefined) {
      headers['X-Slack-Retry-Num'] = String(options.retryNum);
      headers['X-Slack-Retry-Reason'] = 'http_timeout';
    }
    return fetch(this.eventsUrl, { method: 'POST', headers, body });
  }
}

/** Everything a person would read in a Slack message: text, block text, button labels, links. */
export function textOf(message: Json): string {
  const parts: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'text' && typeof inner === 'string') parts.push(inner);
        else if (key !== 'value') walk(inner);
      }
    }
  };
  walk({ text: message.text, blocks: message.blocks });
  return parts.join('\n');
}
