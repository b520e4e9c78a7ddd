import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readServerConfig } from '../../adapters/server/config.ts';
import { parseSlashCommand } from '../../adapters/slack/parse-events.ts';
import { parseBlockActions } from '../../adapters/slack/parse-interactions.ts';
import { parseChannelMessage } from '../../adapters/slack/parse-posts.ts';
import { renderAutoAnswer, renderHandoff } from '../../adapters/slack/render-auto.ts';
import { overShippedKnowledge } from './fixture-knowledge.ts';
import { expectWithinSlackLimits } from './slack-limits.ts';

// Slack's side of automatic answers: channel posts and commands parsed from recorded payloads,
// the answer rendered for every shipped entry.

type Json = Record<string, unknown>;
const self = { userId: 'UBERTH01', botId: 'BBERTH01' };
const fixture = (name: string): Json =>
  JSON.parse(readFileSync(new URL(`../fixtures/slack/${name}.json`, import.meta.url), 'utf8')) as Json;
const eventOf = (name: string, extra: Json = {}) => ({ ...(fixture(name).event as Json), ...extra });

describe('Slack channel messages', () => {
  it('reads a new top-level post by a person, its markup removed', () => {
    expect(
      parseChannelMessage(eventOf('event-message-channel', { text: 'see <#C0DOCS|docs>: why?' }), self),
    ).toEqual({
      kind: 'post',
      channel: 'C0HELP01',
      ts: '1700000500.000500',
      user: 'U0ASKER1',
      text: 'see docs: why?',
    });
    expect(parseChannelMessage(eventOf('event-message-channel', { channel_type: 'group' }), self).kind).toBe(
      'post',
    );
  });

  it('reads a reply in a thread as such, with the thread it is in', () => {
    expect(parseChannelMessage(eventOf('event-message-channel-reply'), self)).toEqual({
      kind: 'thread_reply',
      channel: 'C0HELP01',
      threadTs: '1700000500.000500',
    });
  });

  it.each([
    ['event-message-channel-bot', {}, 'message from a bot'],
    ['event-message-channel-changed', {}, 'message subtype "message_changed"'],
    ['event-message-channel', { bot_id: 'BBERTH01' }, 'own message'],
    ['event-message-channel', { user: 'UBERTH01' }, 'own message'],
    [
      'event-message-channel',
      { text: '<@UBERTH01> what is a cgroup?' },
      'mentions Berth: answered as a mention',
    ],
    ['event-message-channel', { channel_type: 'im' }, 'not a channel message'],
    ['event-message-channel', { subtype: 'channel_join' }, 'message subtype "channel_join"'],
  ])('ignores %s %j (%s)', (name, extra, reason) => {
    expect(parseChannelMessage(eventOf(name, extra), self)).toEqual({ kind: 'ignored', reason });
  });
});

describe('Slack commands and buttons for automatic answers', () => {
  const command = (text: string, extra: Json = {}) =>
    parseSlashCommand({ ...fixture('command-berth'), text, ...extra });

  it('reads /berth watch, unwatch and quiet in a channel', () => {
    expect(command('watch')).toMatchObject({
      kind: 'watch',
      on: true,
      channel: 'C0CHANNEL1',
      user: 'U0ASKER1',
    });
    expect(command(' UNWATCH ')).toMatchObject({ kind: 'watch', on: false, channel: 'C0CHANNEL1' });
    expect(command('quiet 18:00-08:00 Europe/Berlin')).toMatchObject({
      kind: 'quiet',
      spec: '18:00-08:00 Europe/Berlin',
    });
    expect(command('quiet')).toMatchObject({ kind: 'quiet', spec: '' });
    expect(command('how do I watch a compose project')).toMatchObject({ kind: 'question' });
  });

  it('knows a direct or group message is not a channel', () => {
    expect(command('watch', { channel_id: 'D0DIRECT01', channel_name: 'directmessage' })).toMatchObject({
      kind: 'watch',
      channel: undefined,
    });
    expect(command('watch', { channel_id: 'G0GROUP01', channel_name: 'mpdm-ada--grace-1' })).toMatchObject({
      channel: undefined,
    });
  });

  it('reads "Solved it" and "Still need a human" in a thread, and nothing outside one', () => {
    const click = (action_id: string, container: Json) => ({
      ...fixture('action-choose-in-thread'),
      container: { ...(fixture('action-choose-in-thread').container as Json), ...container },
      message: { ts: '1700000000.000007' },
      actions: [{ action_id, value: '{"e":"memory-limit","q":""}' }],
    });
    expect(parseBlockActions(click('berth_auto_human', {}))).toMatchObject({
      kind: 'auto_verdict',
      verdict: 'human',
      user: 'U0ASKER1',
      place: { kind: 'conversation', channel: 'C0CHANNEL1', threadTs: '1700000100.000100' },
    });
    expect(parseBlockActions(click('berth_auto_solved', {}))).toMatchObject({ verdict: 'solved' });
    expect(parseBlockActions(click('berth_auto_solved', { thread_ts: undefined })).kind).toBe('ignored');
  });

  it('reads AUTO_ANSWER_CHANNELS and SLACK_ESCALATION_MENTION, naming the variable when malformed', () => {
    expect(
      readServerConfig({ AUTO_ANSWER_CHANNELS: 'slack:C0HELP01, teams:19:abc123@thread.tacv2' })
        .autoAnswerChannels,
    ).toEqual([
      { channel: 'slack', place: 'C0HELP01' },
      { channel: 'teams', place: '19:abc123@thread.tacv2' },
    ]);
    for (const bad of ['C0HELP01', 'slack:#help', 'web:C0HELP01', 'teams:general'])
      expect(() => readServerConfig({ AUTO_ANSWER_CHANNELS: bad })).toThrow(
        /^AUTO_ANSWER_CHANNELS: expected/,
      );
    expect(
      readServerConfig({ SLACK_ESCALATION_MENTION: '<!subteam^S0PLATFORM>' }).slack.escalationMention,
    ).toBe('<!subteam^S0PLATFORM>');
    expect(() => readServerConfig({ SLACK_ESCALATION_MENTION: '@platform' })).toThrow(
      /^SLACK_ESCALATION_MENTION/,
    );
    expect(() => readServerConfig({ AUTO_ANSWER_THRESHOLD: '1.5' })).toThrow(/^AUTO_ANSWER_THRESHOLD/);
  });
});

describe('Slack automatic answers, rendered', () => {
  const shipped = overShippedKnowledge();

  it('fit Slack’s limits for every shipped entry, with the notice and the two buttons', () => {
    for (const entry of shipped.entries) {
      const reply = shipped.answerer.answerById(entry.id);
      if (reply.outcome !== 'answer') throw new Error(entry.id);
      const message = renderAutoAnswer(reply, shipped.words);
      expectWithinSlackLimits(message);
      const actions = message.blocks.filter((b) => b.type === 'actions');
      expect(actions, entry.id).toHaveLength(1);
    }
  });

  it('hands off with a real mention when one is configured, else the contact as text, escaped', () => {
    const words = shipped.words;
    expect(
      renderHandoff(words, 'U0ASKER1', { contact: '#platform-help', mention: '<!subteam^S0P>' }).text,
    ).toBe('<@U0ASKER1> still needs a human for this one. <!subteam^S0P>, could you take a look?');
    expect(renderHandoff(words, 'U0ASKER1', { contact: '<!channel> & co' }).text).toBe(
      '<@U0ASKER1> still needs a human for this one. &lt;!channel&gt; &amp; co, could you take a look?',
    );
  });
});
