import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN_QUESTION } from './harness.ts';
import { freshDm, SlackWorld } from './slack-driver.ts';
import { eventPayload, SLACK_SECRETS, slackFixture, textOf } from './slack-requests.ts';
import { SlackStandIn, until } from './slack-stand-in.ts';

// Request verification, duplicate deliveries, escaping, rate limits and failures, over HTTP.
const world = new SlackWorld('http');
beforeAll(() => world.start());
afterAll(() => world.stop());

describe('Slack: only Slack may talk to Berth', () => {
  it('refuses a forged signature, a stale timestamp and a missing signature (401, no call)', async () => {
    const before = world.standIn.calls.length;
    const attempts = [
      { signature: `v0=${'0'.repeat(64)}` },
      { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 },
      { signature: null },
    ];
    const channels = attempts.map(() => freshDm());
    for (const [i, options] of attempts.entries()) {
      const payload = eventPayload('event-message-im', { text: KNOWN_QUESTION, channel: channels[i] });
      expect((await world.slack.event(payload, options)).status).toBe(401);
    }
    const command = {
      ...(slackFixture('command-berth') as Record<string, string>),
      response_url: world.standIn.responseUrl(),
    };
    expect((await world.slack.command(command, { signature: null })).status).toBe(401);
    expect(
      (await world.slack.interaction(slackFixture('action-share-ephemeral'), { signature: 'v0=bad' })).status,
    ).toBe(401);

    const { posts } = await world.dm(KNOWN_QUESTION); // a genuine request afterwards is answered...
    expect(posts).toHaveLength(1);
    // ...and is the only thing that reached Slack since the forgeries.
    expect(world.standIn.calls.slice(before).map((c) => c.body.channel)).toEqual([posts[0]!.body.channel]);
    expect(world.standIn.responses).toHaveLength(0);
  });

  it('answers the same event_id once, however often Slack delivers it', async () => {
    const channel = freshDm();
    const payload = eventPayload('event-message-im', { text: KNOWN_QUESTION, channel });
    const deliveries = [{}, { retryNum: 1 }, { retryNum: 2 }, { retryNum: 3 }];
    const responses = await Promise.all(deliveries.map((options) => world.slack.event(payload, options)));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    await world.handled(payload.event_id);
    const dropped = () =>
      world.server.logs.filter(
        (l) => l.msg === 'slack: duplicate event dropped' && l.eventId === payload.event_id,
      );
    await until(() => dropped().length === 3);
    expect(world.postsTo(channel)).toHaveLength(1);
  });

  it('escapes what the person typed: <!channel> and <@U123> ping nobody', async () => {
    const { posts } = await world.dm('<!channel> <@U0OTHER01> &lt;b&gt; how many vacation days do I get');
    const body = posts[0]!.body;
    const text = textOf(body);
    expect(text).toContain('You asked: &lt;!channel&gt; &lt;@U0OTHER01&gt; &lt;b&gt; how many vacation days');
    expect(JSON.stringify(body)).not.toMatch(/<!channel>|<@U0OTHER01>|<!here>/);
    expect(text).toContain('#platform-help');
  });
});

describe('Slack: errors and rate limits', () => {
  it('waits out a 429 from the Web API (Retry-After) and sends the reply once', async () => {
    world.standIn.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const { channel, posts } = await world.dm(KNOWN_QUESTION);
    expect(posts).toHaveLength(1);
    const attempts = world.standIn.calls.filter(
      (c) => c.method === 'chat.postMessage' && c.body.channel === channel,
    );
    expect(attempts.map((c) => c.status)).toEqual([429, 200]);
    // Not before Slack said it may: a lower bound, not a timing measurement.
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(950);
    const warning = world.server.logs.find(
      (l) => l.msg === 'slack: rate limited; retrying' && l.slackChannel === channel,
    );
    expect(warning).toMatchObject({ retryAfter: 1, slackCall: 'chat.postMessage' });
  });

  it('waits out a 429 on a response_url too', async () => {
    world.standIn.failNext('response_url', { status: 429, retryAfter: 1 });
    const url = world.standIn.responseUrl();
    await world.slack.command({
      ...(slackFixture('command-berth') as Record<string, string>),
      response_url: url,
    });
    await until(() => world.standIn.responsesTo(url).find((r) => r.status === 200));
    expect(world.standIn.responsesTo(url).map((r) => r.status)).toEqual([429, 200]);
  });

  it('logs a Web API failure with its context, does not resend, and keeps serving', async () => {
    world.standIn.failNext('chat.postMessage', { status: 500 });
    const { channel } = await world.dm(KNOWN_QUESTION);
    const failure = world.server.logs.find(
      (l) => l.msg === 'slack: chat.postMessage failed' && l.slackChannel === channel,
    );
    expect(failure).toMatchObject({ slackCall: 'chat.postMessage', status: 500, channel: 'slack' });
    expect(world.standIn.calls.filter((c) => c.body.channel === channel)).toHaveLength(1);
    expect((await world.dm(KNOWN_QUESTION)).posts).toHaveLength(1);
  });

  it('acknowledges an event type it does not handle and stays healthy', async () => {
    const seen = await world.exchange(eventPayload('event-reaction-added'));
    expect(seen.replies).toBe(0);
    expect((await fetch(`${world.server.url}/healthz`)).status).toBe(200);
  });

  it('never writes a token or the signing secret to the logs', () => {
    const logs = world.server.rawLogs();
    expect(logs).toContain('slack: bot token accepted');
    for (const secret of Object.values(SLACK_SECRETS)) expect(logs).not.toContain(secret);
  });
});

describe('Slack: someone asking too fast', () => {
  const hurried = new SlackWorld('http');
  beforeAll(() => hurried.start({ RATE_LIMIT_PER_MINUTE: '1', RATE_LIMIT_BURST: '1' }));
  afterAll(() => hurried.stop());

  it('is answered, then told once (privately), then left in peace until they may ask again', async () => {
    const channel = freshDm();
    await hurried.dm(KNOWN_QUESTION, channel);
    await hurried.dm(KNOWN_QUESTION, channel);
    await hurried.dm(KNOWN_QUESTION, channel);
    expect(hurried.postsTo(channel)).toHaveLength(1);
    const notes = hurried.standIn.accepted('chat.postEphemeral', (b) => b.channel === channel);
    expect(notes.map((n) => n.body.text)).toEqual([
      "You're asking faster than I can keep up. Give me a few seconds and try again.",
    ]);
    expect(notes[0]?.body.user).toBe('U0ASKER1');
  });
});

describe('Slack: replays', () => {
  it('refuses a signed request dated more than five minutes ahead (401, no reply)', async () => {
    const before = world.standIn.calls.length;
    const channel = freshDm();
    const payload = eventPayload('event-message-im', { text: KNOWN_QUESTION, channel });
    const yearAhead = Math.floor(Date.now() / 1000) + 365 * 24 * 60 * 60;
    expect((await world.slack.event(payload, { timestamp: yearAhead })).status).toBe(401);
    const sixMinutesAhead = Math.floor(Date.now() / 1000) + 6 * 60;
    expect((await world.slack.event(payload, { timestamp: sixMinutesAhead })).status).toBe(401);
    expect(world.standIn.calls.slice(before)).toEqual([]);
    // Four minutes ahead is inside the window (clock skew) and answered.
    const fourMinutesAhead = Math.floor(Date.now() / 1000) + 4 * 60;
    expect((await world.slack.event(payload, { timestamp: fourMinutesAhead })).status).toBe(200);
    await world.handled(payload.event_id);
    expect(world.postsTo(channel)).toHaveLength(1);
  });

  it('answers a replayed signed slash command once (same trigger_id, same signature)', async () => {
    const url = world.standIn.responseUrl();
    const command = {
      ...(slackFixture('command-berth') as Record<string, string>),
      response_url: url,
      trigger_id: '1700000999.111.replayreplayreplay',
    };
    const timestamp = Math.floor(Date.now() / 1000);
    for (let i = 0; i < 3; i++)
      expect((await world.slack.command(command, { timestamp, sameTrigger: true })).status).toBe(200);
    await until(() => world.standIn.responsesTo(url).length > 0);
    await until(
      () => world.server.logs.filter((l) => l.msg === 'slack: replayed slash command dropped').length >= 2,
    );
    expect(world.standIn.responsesTo(url)).toHaveLength(1);
  });

  it('answers a replayed command without a trigger_id once too (a digest of the signed request)', async () => {
    const url = world.standIn.responseUrl();
    const command: Record<string, string> = {
      ...(slackFixture('command-berth') as Record<string, string>),
      response_url: url,
    };
    delete command.trigger_id;
    const timestamp = Math.floor(Date.now() / 1000);
    for (let i = 0; i < 2; i++)
      expect((await world.slack.command(command, { timestamp, sameTrigger: true })).status).toBe(200);
    await until(() => world.standIn.responsesTo(url).length > 0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(world.standIn.responsesTo(url)).toHaveLength(1);
  });
});

describe('Slack: where replies may go', () => {
  it('refuses a signed response_url that is not on Slack’s (here SLACK_API_URL’s) host', async () => {
    const trap = await SlackStandIn.start(); // another local server: must never be posted to
    try {
      const url = trap.responseUrl();
      const command = { ...(slackFixture('command-berth') as Record<string, string>), response_url: url };
      expect((await world.slack.command(command)).status).toBe(200);
      await until(() =>
        world.server.logs.find(
          (l) =>
            l.msg === 'slack: response_url failed' && String(l.error).includes('not a Slack response_url'),
        ),
      );
      expect(trap.responses).toHaveLength(0);
    } finally {
      await trap.stop();
    }
  });
});
