import { readFileSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteAutoAnswerStore } from '../../src/auto-answer/sqlite-store.ts';
import { tempDir } from '../unit/knowledge-helpers.ts';
import { type Button, buttonsOf, SlackWorld } from './slack-driver.ts';
import { eventPayload, slackFixture, textOf } from './slack-requests.ts';
import { until } from './slack-stand-in.ts';

type Json = Record<string, unknown>;

// Automatic answers in Slack over HTTP, as a help channel sees them: /berth watch, then posts
// nobody addressed to Berth. Events are signed and delivered as Slack delivers them; everything
// Berth sends lands on the Web API stand-in.

const HELP = 'C0HELP01';
const QUESTION = 'how do I limit the memory of a container?';
let stamp = 0;

/** A new top-level post by a person in `channel` (a message.channels event), with a fresh ts. */
function post(channel: string, text: string, fixture = 'event-message-channel', extra: Json = {}) {
  const ts = `17000${String(10_000 + ++stamp)}.000100`;
  return { ts, payload: eventPayload(fixture, { channel, text, ts, event_ts: ts, ...extra }) };
}

/** Posts in `channel` and resolves with what Berth posted in the post's thread. */
async function posted(world: SlackWorld, channel: string, text: string, fixture?: string, extra?: Json) {
  const { ts, payload } = post(channel, text, fixture, extra);
  await world.deliver(payload);
  return { ts, replies: world.postsTo(channel, ts) };
}

/** A click on one of the buttons under the automatic answer in thread `ts` of HELP, by `user`. */
function click(button: Button, ts: string, user = 'U0ASKER1'): Json {
  const payload = slackFixture('action-choose-in-thread');
  payload.user = { id: user, username: 'someone', name: 'someone', team_id: 'T0TEST01' };
  payload.container = { ...(payload.container as Json), channel_id: HELP, thread_ts: ts };
  payload.channel = { id: HELP, name: 'help' };
  payload.message = { ...(payload.message as Json), thread_ts: ts };
  payload.actions = [{ ...(payload.actions as Json[])[0], action_id: button.action_id, value: button.value }];
  return payload;
}

describe('Slack: automatic answers in a watched channel', () => {
  const world = new SlackWorld('http');
  beforeAll(async () => {
    await world.start({ SLACK_ESCALATION_MENTION: '<!subteam^S0PLATFORM|platform-oncall>' });
    const body = await world.command('watch', HELP);
    expect(body.response_type).toBe('in_channel');
    expect(textOf(body)).toContain('Automatic answers are on in this channel');
    expect(textOf(body)).toContain('/invite @Berth');
  });
  afterAll(() => world.stop());

  it('answers a question in its thread, saying it is automatic, with "Solved it" and "Still need a human"', async () => {
    const { ts, replies } = await posted(world, HELP, QUESTION);
    expect(replies).toHaveLength(1);
    const text = textOf(replies[0]!.body);
    expect(text).toContain('I answered this automatically');
    expect(text).toContain("*How do I limit a container's memory?*");
    expect(buttonsOf(replies[0]!.body).map((b) => b.text.text)).toEqual(['Solved it', 'Still need a human']);
    expect(world.standIn.accepted('conversations.replies', (b) => b.ts === ts)).toHaveLength(1);
  });

  it('says nothing to small talk, to a statement, or to a question it is not sure of', async () => {
    // "Is our build farm proxy down again?" is answered when asked (confidence 0.83), but not unasked.
    for (const text of [
      'lunch anyone?',
      'FYI: the registry is read-only tonight',
      'Is our build farm proxy down again?',
    ])
      expect((await posted(world, HELP, text)).replies, text).toHaveLength(0);
    const mention = eventPayload('event-app-mention', {
      channel: HELP,
      text: '<@UBERTH01> Is our build farm proxy down again?',
    });
    await world.deliver(mention);
    expect(world.postsTo(HELP, '1700000100.000100')).toHaveLength(1);
  });

  it('ignores thread replies, bots and edits, and answers a post that mentions Berth once (as a mention)', async () => {
    const reply = await posted(world, HELP, QUESTION, 'event-message-channel-reply', {
      thread_ts: '1700000001.000001',
    });
    const bot = await posted(world, HELP, QUESTION, 'event-message-channel-bot');
    const edit = eventPayload('event-message-channel-changed');
    await world.deliver(edit);
    expect([reply.replies, bot.replies, world.postsTo(HELP, '1700000500.000500')]).toEqual([[], [], []]);
    const reasons = world.server.logs.filter((l) => l.msg === 'slack: ignored').map((l) => l.reason);
    expect(reasons).toEqual(
      expect.arrayContaining(['message from a bot', 'message subtype "message_changed"']),
    );

    const mentioned = post(HELP, `<@UBERTH01> ${QUESTION}`);
    await world.deliver(mentioned.payload);
    await world.deliver(
      eventPayload('event-app-mention', { channel: HELP, text: `<@UBERTH01> ${QUESTION}`, ts: mentioned.ts }),
    );
    expect(world.postsTo(HELP, mentioned.ts)).toHaveLength(1);
  });

  it('answers a thread once, ever: a second question in it, or the post delivered again, gets nothing', async () => {
    const first = post(HELP, QUESTION);
    await world.deliver(first.payload);
    await world.deliver(
      eventPayload('event-message-channel-reply', {
        channel: HELP,
        thread_ts: first.ts,
        text: 'and what is a cgroup?',
      }),
    );
    await world.deliver({ ...first.payload, event_id: `${first.payload.event_id}X` });
    expect(world.postsTo(HELP, first.ts)).toHaveLength(1);
  });

  it('does not post when a person replied in the thread before the answer was ready', async () => {
    const { ts, payload } = post(HELP, QUESTION);
    world.standIn.threads.set(`${HELP}/${ts}`, [
      { type: 'message', user: 'U0HELPER1', text: 'try --memory=512m', ts: `${ts}9`, thread_ts: ts },
    ]);
    await world.deliver(payload);
    expect(world.standIn.accepted('conversations.replies', (b) => b.ts === ts)).toHaveLength(1);
    expect(world.postsTo(HELP, ts)).toHaveLength(0);
  });

  it('"Still need a human" mentions the escalation contact in the thread, once; "Solved it" thanks privately', async () => {
    const { ts, replies } = await posted(world, HELP, QUESTION);
    const [solved, human] = buttonsOf(replies[0]!.body);
    await world.slack.interaction(click(human!, ts));
    const handoff = await until(() => world.postsTo(HELP, ts)[1]);
    expect(handoff.body.text).toBe(
      '<@U0ASKER1> still needs a human for this one. <!subteam^S0PLATFORM|platform-oncall>, could you take a look?',
    );
    await world.slack.interaction(click(human!, ts, 'U0OTHER1'));
    const again = await until(
      () => world.standIn.accepted('chat.postEphemeral', (b) => b.user === 'U0OTHER1')[0],
    );
    expect(textOf(again.body)).toContain('already asked #platform-help');
    await world.slack.interaction(click(solved!, ts, 'U0THIRD1'));
    const thanks = await until(
      () => world.standIn.accepted('chat.postEphemeral', (b) => b.user === 'U0THIRD1')[0],
    );
    expect(thanks.body).toMatchObject({ channel: HELP, thread_ts: ts });
    expect(textOf(thanks.body)).toContain('glad it helped');
    expect(world.postsTo(HELP, ts)).toHaveLength(2);
  });

  it('keeps quiet hours set with /berth quiet, and answers again once they are off', async () => {
    const hour = new Date().getUTCHours();
    const span = `${(hour + 23) % 24}:00-${(hour + 2) % 24}:00`;
    const set = await world.command(`quiet ${span}`, HELP);
    expect(set.response_type).toBe('in_channel');
    expect((await posted(world, HELP, QUESTION)).replies).toHaveLength(0);
    expect(textOf(await world.command('quiet off', HELP))).toContain('Quiet hours removed');
    expect((await posted(world, HELP, QUESTION)).replies).toHaveLength(1);
  });

  it('reads nothing in a channel that did not opt in, and /berth watch works in channels only', async () => {
    expect((await posted(world, 'C0RANDOM1', QUESTION)).replies).toHaveLength(0);
    const dm = await world.command('watch', 'D0DIRECT01', 'directmessage');
    expect(dm.response_type).toBe('ephemeral');
    expect(textOf(dm)).toContain('work in channels only');
  });
});

describe('Slack: /berth watch and unwatch survive a restart', () => {
  const world = new SlackWorld('http');
  const file = path.join(tempDir('berth-watch-'), 'berth.db');
  const store = () => SqliteAutoAnswerStore.open({ file, textMode: 'redacted', retentionDays: 90 });
  let current = store();
  afterAll(async () => {
    await world.stop();
    await current.close();
  });

  it('answers after a restart where /berth watch was typed before it, and not after /berth unwatch', async () => {
    await world.start({}, { autoAnswerStore: current });
    await world.command('watch', HELP);
    await current.close();
    current = store();
    await world.restart({}, { autoAnswerStore: current });
    expect((await posted(world, HELP, QUESTION)).replies).toHaveLength(1);

    expect(textOf(await world.command('unwatch', HELP))).toContain('Automatic answers are off');
    await current.close();
    current = store();
    await world.restart({}, { autoAnswerStore: current });
    expect((await posted(world, HELP, QUESTION)).replies).toHaveLength(0);
  });

  it('keeps the text of answered posts redacted, of the others none, and nothing of unwatched channels', async () => {
    await world.command('watch', 'C0PRIVACY');
    const token = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';
    const login = `docker login ${token} fails with unauthorized: incorrect username or password`;
    expect((await posted(world, 'C0PRIVACY', login)).replies).toHaveLength(1);
    await posted(world, 'C0PRIVACY', 'lunch anyone? my number is 555-0100');
    await posted(world, 'C0UNWATCHED', 'what is a cgroup? ask ada@example.com');
    const db = new BetterSqlite3(file, { readonly: true });
    const rows = db.prepare('SELECT outcome, question FROM channel_posts ORDER BY id').all();
    db.close();
    expect(rows.slice(-2)).toEqual([
      {
        outcome: 'answered',
        question: 'docker login [token] fails with unauthorized: incorrect username or password',
      },
      { outcome: 'not-sure', question: null },
    ]);
    const bytes = readFileSync(file).toString('latin1');
    for (const secret of [token, '555-0100', 'ada@example.com', 'C0PRIVACY'])
      expect(bytes).not.toContain(secret);
  });

  it('answers in the channels AUTO_ANSWER_CHANNELS lists, from start-up', async () => {
    await world.restart({ AUTO_ANSWER_CHANNELS: 'slack:C0LISTED1' }, { autoAnswerStore: current });
    expect((await posted(world, 'C0LISTED1', QUESTION)).replies).toHaveLength(1);
    expect(textOf(await world.command('unwatch', 'C0LISTED1'))).toContain('AUTO_ANSWER_CHANNELS');
  });
});
