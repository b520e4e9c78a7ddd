import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN_QUESTION } from './harness.ts';
import { buttonsOf, freshDm, SlackWorld } from './slack-driver.ts';
import { eventPayload, SLACK_SECRETS, slackFixture, textOf } from './slack-requests.ts';
import { until } from './slack-stand-in.ts';

type Json = Record<string, unknown>;

// Slack in HTTP mode, as a person uses it: mentions, direct messages, the Home tab, /berth.
const world = new SlackWorld('http');
beforeAll(() => world.start());
afterAll(() => world.stop());

describe('Slack in HTTP mode: where people ask', () => {
  it('reports the channel as on, in HTTP mode, with the slash command, and checks the token', () => {
    const status = world.server.channels.find((c) => c.name === 'slack');
    expect(status?.on).toBe(true);
    expect(status?.reason).toBe('HTTP mode at POST /slack/events, slash command /berth');
    expect(world.standIn.accepted('auth.test')[0]?.token).toBe(SLACK_SECRETS.botToken);
  });

  it('answers an @mention in the thread of that message, mention stripped', async () => {
    const payload = eventPayload('event-app-mention');
    expect((await world.slack.event(payload)).status).toBe(200);
    await world.handled(payload.event_id);
    const [post, ...more] = world.postsTo('C0CHANNEL1', '1700000100.000100');
    expect(more).toHaveLength(0);
    const text = textOf(post!.body);
    expect(text).toContain('*Why is my image so big (700 MB)?*');
    expect(text).toMatch(/\*Further reading:\* <https:\/\/docs\.docker\.com\/[^|>]+\|[^>]+>/);
    expect(post!.token).toBe(SLACK_SECRETS.botToken);
    const ids = buttonsOf(post!.body).map((b) => b.action_id);
    expect(ids).toEqual(
      expect.arrayContaining(['berth_choose_0', 'berth_feedback_helpful', 'berth_feedback_not_helpful']),
    );
    expect(ids).not.toContain('berth_share');
    const question = world.server.logs.find((l) => l.msg === 'question' && l.entry === 'why-image-so-big');
    expect(question?.question).toBe('why is my image so big?');
  });

  it('answers a mention inside a thread in that same thread', async () => {
    const payload = eventPayload('event-app-mention-in-thread');
    await world.deliver(payload);
    const posts = world.postsTo('C0CHANNEL1', '1700000150.000150');
    expect(posts).toHaveLength(1);
    expect(textOf(posts[0]!.body)).toContain(
      'https://www.kernel.org/doc/html/latest/admin-guide/cgroup-v2.html',
    );
  });

  it('answers a direct message in the conversation (not in a thread), links not unfurled', async () => {
    const { posts } = await world.dm(KNOWN_QUESTION);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body.thread_ts).toBeUndefined();
    expect(posts[0]!.body.text).toMatch(/^What is a cgroup\?\n\nA cgroup/);
    expect(posts[0]!.body.unfurl_links).toBe('false');
  });

  it('ignores its own messages, other bots, edits and joins', async () => {
    const names = [
      'event-message-im-own',
      'event-message-im-other-bot',
      'event-message-changed',
      'event-message-channel-join',
    ];
    const channels = names.map(() => freshDm());
    for (const [i, name] of names.entries())
      await world.deliver(eventPayload(name, { channel: channels[i] }));
    for (const channel of channels) expect(world.postsTo(channel)).toHaveLength(0);
    const reasons = world.server.logs.filter((l) => l.msg === 'slack: ignored').map((l) => l.reason);
    expect(reasons).toEqual([
      'own message',
      'message from another bot',
      'message subtype "message_changed"',
      'message subtype "channel_join"',
    ]);
  });

  it('publishes the Home tab with topics and example questions', async () => {
    await world.deliver(eventPayload('event-app-home-opened'));
    const publish = world.standIn.accepted('views.publish', (b) => b.user_id === 'U0ASKER1').at(-1);
    const view = publish?.body.view as Json;
    expect(view.type).toBe('home');
    const text = textOf(view);
    expect(text).toContain('Namespaces and cgroups');
    expect(text).toContain('What is a Linux namespace?');
    expect(text).toContain('`/berth your question`');
  });
});

describe('Slack in HTTP mode: the slash command', () => {
  async function command(text: string): Promise<{ body: Json; response: Response }> {
    const url = world.standIn.responseUrl();
    const fields = { ...(slackFixture('command-berth') as Record<string, string>), text, response_url: url };
    const response = await world.slack.command(fields);
    const post = await until(() => world.standIn.responsesTo(url)[0]);
    return { body: post.body, response };
  }

  it('acknowledges at once and answers privately through the response_url, with Share in channel', async () => {
    const { body, response } = await command(KNOWN_QUESTION);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    expect(body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    const text = textOf(body);
    expect(text).toContain('You asked: what is a cgroup');
    expect(text).toContain('https://www.kernel.org/doc/html/latest/admin-guide/cgroup-v2.html');
    expect(buttonsOf(body).map((b) => b.text.text)).toContain('Share in channel');
    expect(world.postsTo('C0CHANNEL1')).toHaveLength(0);
  });

  it('`/berth` alone and `/berth help` show the topics and example questions', async () => {
    for (const text of ['', 'help']) {
      const { body } = await command(text);
      expect(textOf(body)).toContain('Namespaces and cgroups');
      const examples = buttonsOf(body).filter((b) => b.action_id.startsWith('berth_choose_'));
      expect(examples.length).toBeGreaterThanOrEqual(10);
    }
  });

  it('Share in channel posts the same answer visibly, saying who asked', async () => {
    const { body } = await command(KNOWN_QUESTION);
    const share = buttonsOf(body).find((b) => b.action_id === 'berth_share');
    const url = world.standIn.responseUrl();
    const click = slackFixture('action-share-ephemeral');
    click.response_url = url;
    click.actions = [{ ...(click.actions as Json[])[0], value: share?.value }];
    expect((await world.slack.interaction(click)).status).toBe(200);
    const shared = await until(() => world.standIn.responsesTo(url)[0]);
    expect(shared.body.response_type).toBe('in_channel');
    const text = textOf(shared.body);
    expect(text).toContain('<@U0ASKER1> asked: what is a cgroup');
    expect(text).toContain('*What is a cgroup?*');
    expect(buttonsOf(shared.body)).toHaveLength(0);
    // Through the service: logged and recorded like every other reply.
    expect(world.recorded).toContainEqual(
      expect.objectContaining({ type: 'share', entryId: 'what-is-a-cgroup', question: KNOWN_QUESTION }),
    );
    expect(world.server.logs).toContainEqual(
      expect.objectContaining({ msg: 'share', channel: 'slack', entry: 'what-is-a-cgroup' }),
    );
  });

  it('a thumbs-up for an answer that is no longer known is not recorded, and the person is told', async () => {
    const click = slackFixture('action-feedback-in-dm');
    const value = JSON.stringify({ e: 'retired-long-ago', q: 'what is a cgroup' });
    click.actions = [{ ...(click.actions as Json[])[0], action_id: 'berth_feedback_helpful', value }];
    const before = world.recorded.length;
    expect((await world.slack.interaction(click)).status).toBe(200);
    const note = await until(
      () =>
        world.standIn.accepted('chat.postEphemeral', (b) =>
          String(b.text).includes('no longer in my knowledge base'),
        )[0],
    );
    expect(note.body).toMatchObject({ channel: 'D0DIRECT01', user: 'U0ASKER1' });
    expect(world.recorded.slice(before).filter((e) => e.type === 'feedback')).toEqual([]);
  });

  it('answers a renamed command too, and says which name to configure', async () => {
    const url = world.standIn.responseUrl();
    const fields = {
      ...(slackFixture('command-berth') as Record<string, string>),
      command: '/askberth',
      response_url: url,
    };
    await world.slack.command(fields);
    await until(() => world.standIn.responsesTo(url)[0]);
    const warning = world.server.logs.find((l) => l.msg === 'slack: set SLACK_SLASH_COMMAND to this name');
    expect(warning).toMatchObject({ command: '/askberth', expected: '/berth' });
  });
});
