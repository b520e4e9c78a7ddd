import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeButtonValue } from '../../adapters/slack/action-ids.ts';
import { CLARIFY_QUESTION } from './harness.ts';
import { buttonsOf, SlackWorld } from './slack-driver.ts';
import { slackFixture, textOf } from './slack-requests.ts';
import { until } from './slack-stand-in.ts';

type Json = Record<string, unknown>;

// Button clicks (block_actions) and the feedback form (view_submission / view_closed) over HTTP.
const world = new SlackWorld('http');
beforeAll(() => world.start());
afterAll(() => world.stop());

/** A click on one of Berth's buttons, from a fixture, with the action replaced. */
let clicks = 0;

/** A click as Slack sends it: every interaction has its own trigger_id (a repeat is de-duplicated). */
function click(fixture: string, action: Json = {}): Json {
  const payload = slackFixture(fixture);
  payload.actions = [{ ...(payload.actions as Json[])[0], ...action }];
  payload.trigger_id = `${String(payload.trigger_id)}.${++clicks}`;
  return payload;
}

describe('Slack buttons', () => {
  it('a related question answers in the same thread, and is recorded as a choice', async () => {
    const value = encodeButtonValue({ entryId: 'what-is-a-namespace', question: 'what is a cgroup' });
    expect((await world.slack.interaction(click('action-choose-in-thread', { value }))).status).toBe(200);
    const post = await until(() => world.postsTo('C0CHANNEL1', '1700000100.000100')[0]);
    expect(textOf(post.body)).toContain('*What is a Linux namespace?*');
    await until(() => world.recorded.find((e) => e.type === 'choice' && e.entryId === 'what-is-a-namespace'));
  });

  it('"did you mean" offers the candidates as buttons; a click answers the chosen one', async () => {
    const { channel, posts } = await world.dm(CLARIFY_QUESTION);
    const buttons = buttonsOf(posts[0]!.body);
    expect(buttons.map((b) => b.text.text)).toEqual([
      'How do I frobnicate a gadget?',
      'How do I frobnicate a widget?',
    ]);
    const payload = click('action-feedback-in-dm', { action_id: 'berth_choose_1', value: buttons[1]!.value });
    payload.container = {
      type: 'message',
      message_ts: '1700000000.000009',
      channel_id: channel,
      is_ephemeral: false,
    };
    payload.channel = { id: channel, name: 'directmessage' };
    await world.slack.interaction(payload);
    const answer = await until(() => world.postsTo(channel)[1]);
    expect(textOf(answer.body)).toContain('green light');
    const choice = await until(() =>
      world.recorded.find((e) => e.type === 'choice' && e.entryId === 'frobnicate-widget'),
    );
    expect(choice).toMatchObject({
      question: CLARIFY_QUESTION,
      context: { channel: 'slack', conversation: 'dm' },
    });
  });

  it('"Show my topics" on an "I don\'t know" answers with the topics where it was clicked', async () => {
    const { channel, posts } = await world.dm('how many vacation days do I get this year');
    expect(buttonsOf(posts[0]!.body).map((b) => b.action_id)).toEqual(['berth_topics']);
    const payload = click('action-feedback-in-dm', { action_id: 'berth_topics', value: undefined });
    payload.container = {
      type: 'message',
      message_ts: '1700000000.000010',
      channel_id: channel,
      is_ephemeral: false,
    };
    await world.slack.interaction(payload);
    const topics = await until(() => world.postsTo(channel)[1]);
    expect(textOf(topics.body)).toContain('Namespaces and cgroups');
  });
});

describe('Slack feedback', () => {
  it('"Helpful" is recorded and thanked privately', async () => {
    await world.slack.interaction(click('action-feedback-in-dm', { action_id: 'berth_feedback_helpful' }));
    const thanks = await until(
      () => world.standIn.accepted('chat.postEphemeral', (b) => b.channel === 'D0DIRECT01')[0],
    );
    expect(thanks.body).toMatchObject({ user: 'U0ASKER1', text: 'Thanks for the feedback!' });
    expect(world.recorded).toContainEqual(
      expect.objectContaining({ type: 'feedback', entryId: 'what-is-a-cgroup', helpful: true }),
    );
  });

  it('"Not helpful" asks what they were looking for; the note is recorded with the thumbs-down', async () => {
    const payload = click('action-feedback-in-dm');
    await world.slack.interaction(payload);
    const opened = await until(
      () => world.standIn.accepted('views.open', (b) => b.trigger_id === payload.trigger_id)[0],
    );
    const view = opened.body.view as Json;
    expect(textOf(view)).toContain('What were you looking for?');
    expect(world.recorded.filter((e) => e.type === 'feedback' && !e.helpful)).toHaveLength(0);

    const ephemerals = world.standIn.accepted('chat.postEphemeral').length;
    const submission = slackFixture('view-submission-feedback');
    submission.view = { ...(submission.view as Json), private_metadata: view.private_metadata };
    expect((await world.slack.interaction(submission)).status).toBe(200);
    const feedback = await until(() => world.recorded.find((e) => e.type === 'feedback' && !e.helpful));
    expect(feedback).toMatchObject({
      entryId: 'what-is-a-cgroup',
      comment: 'how to limit memory in docker compose',
    });
    const thanks = await until(() => world.standIn.accepted('chat.postEphemeral')[ephemerals]);
    expect(thanks.body).toMatchObject({
      channel: 'D0DIRECT01',
      user: 'U0ASKER1',
      text: 'Thanks for the feedback!',
    });
  });

  it('dismissing the form records the thumbs-down without a note, silently', async () => {
    const before = world.recorded.length;
    const ephemerals = world.standIn.accepted('chat.postEphemeral').length;
    expect((await world.slack.interaction(slackFixture('view-closed-feedback'))).status).toBe(200);
    const feedback = await until(() => world.recorded.slice(before).find((e) => e.type === 'feedback'));
    expect(feedback).toMatchObject({ entryId: 'what-is-a-cgroup', helpful: false, comment: undefined });
    expect(world.standIn.accepted('chat.postEphemeral')).toHaveLength(ephemerals);
  });

  it('when the form cannot open, the thumbs-down is still recorded', async () => {
    world.standIn.failNext('views.open', { status: 500 });
    const before = world.recorded.length;
    await world.slack.interaction(click('action-feedback-in-dm'));
    const feedback = await until(() => world.recorded.slice(before).find((e) => e.type === 'feedback'));
    expect(feedback).toMatchObject({ entryId: 'what-is-a-cgroup', helpful: false });
  });
});
