import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SqliteAutoAnswerStore } from '../../src/auto-answer/sqlite-store.ts';
import { tempDir } from '../unit/knowledge-helpers.ts';
import { startTestServer, type TestServer } from './harness.ts';
import {
  type ConnectorStandIn,
  postActivity,
  startConnector,
  teamsActivity,
  visibleText,
} from './teams-connector.ts';

// Automatic answers in a Teams channel (local trial mode), as resource-specific consent delivers
// channel posts: every message, @mention or not, POSTed to /api/messages; Berth's replies land on
// the connector stand-in.

const CHANNEL = '19:3f2c9a8b7d6e4f5a9b8c7d6e5f4a3b2c@thread.tacv2';
const OTHER = '19:0000aaaa1111bbbb2222cccc3333dddd@thread.tacv2';
const QUESTION = 'How do I limit the memory of a container?';
let sequence = 0;

const conversationOf = (root: string, channel = CHANNEL) => ({
  isGroup: true,
  conversationType: 'channel',
  tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  id: `${channel};messageid=${root}`,
});
const channelData = (channel: string) => ({ teamsChannelId: channel, channel: { id: channel } });

describe('Teams: automatic answers in a watched channel', () => {
  let server: TestServer;
  let connector: ConnectorStandIn;

  /** A new top-level post in `channel` (its own thread), delivered; resolves with Berth's replies. */
  async function post(
    text: string,
    overrides: { id?: string; [field: string]: unknown } = {},
    channel = CHANNEL,
  ) {
    const id = overrides.id ?? String(1764300000000 + ++sequence);
    const activity = teamsActivity('channel-post', connector.url, {
      id,
      text,
      conversation: conversationOf(id, channel),
      channelData: channelData(channel),
      ...overrides,
    });
    expect((await postActivity(server.url, activity)).status).toBe(200);
    return {
      id,
      replies: connector.replies.filter((r) => r.conversationId === `${channel};messageid=${id}`),
    };
  }

  /** A person's reply in the thread of `root`. */
  async function reply(root: string, text: string) {
    const activity = teamsActivity('channel-thread-reply', connector.url, {
      id: String(1764300000000 + ++sequence),
      text,
      replyToId: root,
      conversation: conversationOf(root),
    });
    expect((await postActivity(server.url, activity)).status).toBe(200);
  }

  /** `@Berth <command>` in the channel; resolves with Berth's answer. */
  async function command(text: string, extra: Record<string, unknown> = {}) {
    const id = String(1764300000000 + ++sequence);
    const activity = teamsActivity('channel-mention', connector.url, {
      id,
      text: `<at>Berth</at> ${text}`,
      conversation: conversationOf(id),
      ...extra,
    });
    expect((await postActivity(server.url, activity)).status).toBe(200);
    return connector.replies.at(-1)?.body.text;
  }

  /** A click on "Solved it" or "Still need a human" under the answer in thread `root`. */
  async function click(root: string, verdict: 'solved' | 'human') {
    const activity = teamsActivity('card-choose', connector.url, {
      value: { berth: 'auto', verdict, entryId: 'memory-limit' },
      conversation: conversationOf(root),
    });
    expect((await postActivity(server.url, activity)).status).toBe(200);
    return connector.replies.at(-1)?.body.text;
  }

  beforeAll(async () => {
    connector = await startConnector();
    server = await startTestServer();
    expect(await command('watch')).toMatch(/^Automatic answers are on in this channel/);
  });
  afterAll(async () => {
    await server.stop();
    await connector.close();
  });
  beforeEach(() => connector.clear());

  it('answers a question in its thread, saying it is automatic, with "Solved it" and "Still need a human"', async () => {
    const { id, replies } = await post(QUESTION);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.replyToId).toBe(id);
    const text = visibleText(replies[0]?.body.attachments);
    expect(text).toContain('I answered this automatically');
    expect(text).toContain("How do I limit a container's memory?");
    expect(text).toContain('Solved it\nStill need a human');
  });

  it('says nothing in a channel that did not opt in, to thread replies, bots, edits, small talk or a doubt', async () => {
    const silent = [
      await post(QUESTION, {}, OTHER),
      await post(QUESTION, { from: { id: '28:0ther-b0t', name: 'CI bot' } }),
      await post(QUESTION, { type: 'messageUpdate' }),
      await post('lunch anyone?'),
      await post('Is our build farm proxy down again?'),
    ];
    const root = silent[3]!.id;
    await reply(root, QUESTION);
    expect(silent.map((s) => s.replies)).toEqual([[], [], [], [], []]);
    expect(connector.calls).toEqual([]);
  });

  it('answers a thread once: a second question in it gets nothing', async () => {
    const { id } = await post(QUESTION);
    await reply(id, 'and what is a cgroup?');
    expect(connector.replies).toHaveLength(1);
  });

  it('does not post when a person replied in the thread before the answer was ready', async () => {
    // Teams does not promise order: the reply is delivered before the post that starts its thread.
    const root = String(1764300000000 + ++sequence);
    await reply(root, 'try --memory=512m');
    const { replies } = await post(QUESTION, { id: root });
    expect(replies).toEqual([]);
    expect(server.logs.find((l) => l.outcome === 'person-replied-first')).toBeDefined();
  });

  it('"Still need a human" names the escalation contact in the thread, once; "Solved it" thanks', async () => {
    const { id } = await post(QUESTION);
    expect(await click(id, 'human')).toBe(
      'Ada Lovelace still needs a human for this one. #platform-help, could you take a look?',
    );
    expect(await click(id, 'human')).toBe("I've already asked #platform-help to take a look at this thread.");
    expect(await click(id, 'solved')).toBe('Great, glad it helped! Thanks for letting me know.');
  });

  it('keeps quiet hours in the time zone of whoever set them', async () => {
    const berlin = new Date().toLocaleString('en-GB', {
      timeZone: 'Europe/Berlin',
      hour: '2-digit',
      hourCycle: 'h23',
    });
    const hour = Number(berlin);
    const said = await command(`quiet ${(hour + 23) % 24}-${(hour + 2) % 24}`);
    expect(said).toContain('(Europe/Berlin)');
    expect((await post(QUESTION)).replies).toEqual([]);
    expect(await command('quiet off')).toMatch(/^Quiet hours removed/);
    expect((await post(QUESTION)).replies).toHaveLength(1);
  });
});

describe('Teams: @Berth watch and unwatch survive a restart', () => {
  const file = path.join(tempDir('berth-teams-watch-'), 'berth.db');
  const store = () => SqliteAutoAnswerStore.open({ file, textMode: 'redacted', retentionDays: 90 });
  let connector: ConnectorStandIn;
  let server: TestServer | undefined;
  let current = store();

  const restart = async () => {
    await server?.stop();
    await current.close();
    current = store();
    server = await startTestServer({}, { autoAnswerStore: current });
  };
  const say = async (fixture: string, overrides: Record<string, unknown>) => {
    const id = String(1764400000000 + ++sequence);
    const activity = teamsActivity(fixture, connector.url, {
      id,
      conversation: conversationOf(id),
      ...overrides,
    });
    expect((await postActivity(server!.url, activity)).status).toBe(200);
    return connector.replies.filter((r) => r.conversationId === conversationOf(id).id);
  };

  beforeAll(async () => {
    connector = await startConnector();
  });
  afterAll(async () => {
    await server?.stop();
    await current.close();
    await connector.close();
  });

  it('answers after a restart where @Berth watch was said before it, and not after @Berth unwatch', async () => {
    await restart();
    await say('channel-mention', { text: '<at>Berth</at> watch' });
    await restart();
    expect(await say('channel-post', { text: QUESTION })).toHaveLength(1);
    const off = await say('channel-mention', { text: '<at>Berth</at> unwatch' });
    expect(off[0]?.body.text).toMatch(/^Automatic answers are off in this channel/);
    await restart();
    expect(await say('channel-post', { text: QUESTION })).toHaveLength(0);
  });
});
