import { setTimeout as sleep } from 'node:timers/promises';
import { type types, webApi } from '@slack/bolt';
import type { ChannelLog } from '../channel/contract.ts';
import type { Place } from './input.ts';
import type { SlackMessage } from './render.ts';

/** How often a call is tried when Slack answers 429, and the longest Retry-After honoured. */
const ATTEMPTS = 3;
const MAX_RETRY_AFTER_S = 60;
const RESPONSE_URL_TIMEOUT_MS = 10_000;

/**
 * Everything Berth sends to Slack. Each method logs a failure with its context and resolves to
 * false instead of throwing: a reply that cannot be delivered must never take the server down.
 * A 429 (from the Web API or a response_url) is retried after the Retry-After Slack names; nothing
 * else is retried, since a failed post may still have been delivered.
 */
export class SlackOutbox {
  constructor(
    private readonly client: webApi.WebClient,
    private readonly log: ChannelLog,
    private readonly fetchFn: typeof fetch = fetch,
    /** SLACK_API_URL when set: response_urls must then be on its host. */
    private readonly apiUrl?: string,
  ) {}

  /** Posts a reply at `place`: into the conversation, or through the response_url. */
  post(
    place: Place,
    message: SlackMessage,
    visibility: 'ephemeral' | 'in_channel' = 'ephemeral',
  ): Promise<boolean> {
    if (place.kind === 'response_url') {
      const body = { response_type: visibility, replace_original: false, ...message };
      return this.attempt('response_url', { visibility }, () => this.respond(place.url, body));
    }
    const { channel, threadTs } = place;
    return this.attempt('chat.postMessage', { slackChannel: channel }, () =>
      this.client.chat.postMessage({
        channel,
        ...(threadTs ? { thread_ts: threadTs } : {}),
        ...message,
        unfurl_links: false,
        unfurl_media: false,
      }),
    );
  }

  /** A note only `user` sees, in the conversation (chat.postEphemeral) or through the response_url. */
  whisper(place: Place, user: string, message: SlackMessage): Promise<boolean> {
    if (place.kind === 'response_url') return this.post(place, message, 'ephemeral');
    const { channel, threadTs } = place;
    return this.attempt('chat.postEphemeral', { slackChannel: channel }, () =>
      this.client.chat.postEphemeral({
        channel,
        user,
        ...(threadTs ? { thread_ts: threadTs } : {}),
        ...message,
      }),
    );
  }

  /**
   * Whether a person (not a bot) has replied in the thread started by `ts` (conversations.replies,
   * which needs channels:history or groups:history); undefined when Slack could not say. Never
   * retried: this is asked just before posting, and the replies Berth is sent cover the rest.
   */
  async personReplied(channel: string, ts: string): Promise<boolean | undefined> {
    try {
      const { messages = [] } = await this.client.conversations.replies({ channel, ts, limit: 50 });
      return messages.some((m) => m.ts !== ts && m.user !== undefined && m.bot_id === undefined);
    } catch (error) {
      this.log.warn(
        { slackChannel: channel, slackCall: 'conversations.replies', ...describeError(error) },
        'slack: could not read the thread before an automatic answer',
      );
      return undefined;
    }
  }

  publishHome(user: string, view: types.HomeView): Promise<boolean> {
    return this.attempt('views.publish', {}, () => this.client.views.publish({ user_id: user, view }));
  }

  openModal(triggerId: string, view: types.ModalView): Promise<boolean> {
    return this.attempt('views.open', {}, () => this.client.views.open({ trigger_id: triggerId, view }));
  }

  private async attempt(call: string, fields: object, send: () => Promise<unknown>): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      try {
        await send();
        return true;
      } catch (error) {
        const wait = rateLimitWait(error);
        if (wait === undefined || attempt >= ATTEMPTS) {
          this.log.error(
            { ...fields, slackCall: call, attempt, ...describeError(error) },
            `slack: ${call} failed`,
          );
          return false;
        }
        this.log.warn(
          { ...fields, slackCall: call, retryAfter: wait, attempt },
          'slack: rate limited; retrying',
        );
        await sleep(wait * 1000);
      }
    }
  }

  /** POSTs JSON to a response_url; throws a ResponseUrlError for anything but 2xx. */
  private async respond(url: string, body: object): Promise<void> {
    // Signed by Slack, but a leaked signing secret must not make Berth post anywhere it is told.
    if (!isSlackResponseUrl(url, this.apiUrl))
      throw new ResponseUrlError(0, 'not a Slack response_url; refused');
    const response = await this.fetchFn(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      redirect: 'error',
      signal: AbortSignal.timeout(RESPONSE_URL_TIMEOUT_MS),
    });
    const detail = await response.text();
    if (!response.ok) {
      const retryAfter = Number(response.headers.get('retry-after') ?? Number.NaN);
      throw new ResponseUrlError(response.status, detail, response.status === 429 ? retryAfter : undefined);
    }
  }
}

/**
 * Whether `url` may be posted to as a response_url: https on Slack's host (`hooks.slack.com`, any
 * `*.slack.com`), or with SLACK_API_URL set, on that URL's domain and port (its scheme too, so
 * a local stand-in on http works in tests; https is still always required for Slack's own).
 * Example: isSlackResponseUrl('http://hooks.slack.com/commands/T1/2/x') -> false
 */
export function isSlackResponseUrl(url: string, apiUrl = 'https://slack.com/api/'): boolean {
  let target: URL;
  let api: URL;
  try {
    target = new URL(url);
    api = new URL(apiUrl);
  } catch {
    return false;
  }
  if (target.protocol !== 'https:' && target.protocol !== api.protocol) return false;
  if (target.port !== api.port || target.username || target.password) return false;
  const domain = api.hostname.replace(/^(?:api|www)\./, '');
  return target.hostname === domain || target.hostname.endsWith(`.${domain}`);
}

/** Slack refused a response_url post (expired, used too often, rate limited). */
export class ResponseUrlError extends Error {
  constructor(
    readonly status: number,
    detail: string,
    /** Seconds, when Slack answered 429 with Retry-After. */
    readonly retryAfter?: number,
  ) {
    super(`response_url answered ${status}: ${detail.slice(0, 200)}`);
    this.name = 'ResponseUrlError';
  }
}

/** Seconds to wait before trying again, when `error` is a rate limit with a usable Retry-After. */
function rateLimitWait(error: unknown): number | undefined {
  const seconds =
    error instanceof ResponseUrlError
      ? error.retryAfter
      : error instanceof webApi.WebAPIRateLimitedError
        ? error.retryAfter
        : undefined;
  return seconds !== undefined && Number.isFinite(seconds) && seconds >= 0 && seconds <= MAX_RETRY_AFTER_S
    ? seconds
    : undefined;
}

/** The useful part of an SDK error for a log line: its code and Slack's error string, no payloads. */
export function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: String(error) };
  const { code, data, statusCode } = error as Error & {
    code?: unknown;
    data?: { error?: unknown };
    statusCode?: unknown;
  };
  return { error: error.message, code, slackError: data?.error, status: statusCode };
}
