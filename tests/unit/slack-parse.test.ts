import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encodeButtonValue } from '../../adapters/slack/action-ids.ts';
import { questionText } from '../../adapters/slack/markup.ts';
import {
  isHelpRequest,
  parseHomeOpened,
  parseMentionEvent,
  parseMessageEvent,
  parseSlashCommand,
  stripOwnMention,
} from '../../adapters/slack/parse-events.ts';
import { parseBlockActions, parseFeedbackView } from '../../adapters/slack/parse-interactions.ts';
import { cleanQuestion } from '../../src/text/normalize.ts';

type Obj = Record<string, unknown>;

const fixture = (name: string): Obj =>
  JSON.parse(readFileSync(new URL(`../fixtures/slack/${name}.json`, import.meta.url), 'utf8')) as Obj;
const eventOf = (name: string): Obj => fixture(name).event as Obj;
const self = { userId: 'UBERTH01', botId: 'BBERTH01' };

describe('parsing Slack events', () => {
  it('a mention in a channel: the question without the mention, answered in a thread on the message', () => {
    expect(parseMentionEvent(eventOf('event-app-mention'), self)).toEqual({
      kind: 'question',
      text: 'why is my image so big?',
      user: 'U0ASKER1',
      place: { kind: 'conversation', channel: 'C0CHANNEL1', threadTs: '1700000100.000100' },
      conversation: 'channel',
    });
  });

  it('a mention inside a thread: answered in that thread', () => {
    expect(parseMentionEvent(eventOf('event-app-mention-in-thread'), self)).toMatchObject({
      kind: 'question',
      text: 'what is a cgroup',
      place: { kind: 'conversation', channel: 'C0CHANNEL1', threadTs: '1700000150.000150' },
      conversation: 'thread',
    });
  });

  it('a mention with nothing else, or with "help", asks for help', () => {
    for (const text of ['<@UBERTH01>', '<@UBERTH01|berth>  help?']) {
      expect(parseMentionEvent({ ...eventOf('event-app-mention'), text }, self).kind).toBe('help');
    }
  });

  it('a direct message: the question, replied to in the conversation', () => {
    expect(parseMessageEvent(eventOf('event-message-im'), self)).toEqual({
      kind: 'question',
      text: 'what is a cgroup',
      user: 'U0ASKER1',
      place: { kind: 'conversation', channel: 'D0DIRECT01', threadTs: undefined },
      conversation: 'dm',
    });
  });

  it.each([
    ['event-message-im-own', 'own message'],
    ['event-message-im-other-bot', 'message from another bot'],
    ['event-message-changed', 'message subtype "message_changed"'],
    ['event-message-channel-join', 'message subtype "channel_join"'],
  ])('%s is ignored (%s)', (name, reason) => {
    expect(parseMessageEvent(eventOf(name), self)).toEqual({ kind: 'ignored', reason });
  });

  it('ignores its own message even without a bot_id, channel messages, and edited mentions', () => {
    const im = eventOf('event-message-im');
    expect(parseMessageEvent({ ...im, user: 'UBERTH01' }, self)).toEqual({
      kind: 'ignored',
      reason: 'own message',
    });
    expect(parseMessageEvent({ ...im, channel_type: 'channel' }, self).kind).toBe('ignored');
    const edited = { ...eventOf('event-app-mention'), edited: { user: 'U0ASKER1', ts: '1700000101.000000' } };
    expect(parseMentionEvent(edited, self)).toEqual({ kind: 'ignored', reason: 'edited message' });
    expect(parseMentionEvent({ ...eventOf('event-app-mention'), bot_id: 'B0OTHERBOT' }, self).kind).toBe(
      'ignored',
    );
  });

  it('survives payloads it does not understand', () => {
    for (const odd of [null, 42, 'text', {}, { type: 'message' }, eventOf('event-reaction-added')]) {
      expect(parseMessageEvent(odd, self).kind).toBe('ignored');
      expect(parseMentionEvent(odd, self).kind).toBe('ignored');
      expect(parseHomeOpened(odd).kind).toBe('ignored');
      expect(parseSlashCommand(odd).kind).toBe('ignored');
      expect(parseBlockActions(odd).kind).toBe('ignored');
      expect(parseFeedbackView(odd).kind).toBe('ignored');
    }
  });

  it('the Home tab opened publishes Home; the Messages tab does nothing', () => {
    expect(parseHomeOpened(eventOf('event-app-home-opened'))).toEqual({ kind: 'home', user: 'U0ASKER1' });
    expect(parseHomeOpened({ ...eventOf('event-app-home-opened'), tab: 'messages' }).kind).toBe('ignored');
  });

  it('strips only Berth’s own mention, keeping other people’s', () => {
    expect(stripOwnMention('<@UBERTH01> ask <@U0OTHER01> about <@UBERTH01|berth> cgroups', self)).toBe(
      'ask <@U0OTHER01> about cgroups',
    );
    expect(stripOwnMention('<@U0SOMEBOT> hi', {})).toBe('hi');
    expect(isHelpRequest(' HELP! ')).toBe(true);
    expect(isHelpRequest('help me with cgroups')).toBe(false);
  });
});

describe('Slack markup in a question', () => {
  it('is removed before asking: mentions and specials go, links keep their labels, channels their names', () => {
    const asked = (text: string) => cleanQuestion(questionText(text));
    expect(asked('<@U123> <!channel> what is <https://x.io|a cgroup>?')).toBe('what is a cgroup?');
    expect(asked('see <#C123|general> &amp; <https://x.io>')).toBe('see general & https://x.io');
  });
});

describe('parsing slash commands', () => {
  it('`/berth question` answers privately through the response_url', () => {
    expect(parseSlashCommand(fixture('command-berth'))).toEqual({
      kind: 'question',
      text: 'what is a cgroup',
      user: 'U0ASKER1',
      place: {
        kind: 'response_url',
        url: 'https://hooks.slack.com/commands/T0TEST01/1700000800/abcdefABCDEF0123456789',
        channel: 'C0CHANNEL1',
      },
      conversation: 'slash',
    });
  });

  it('`/berth` and `/berth help` ask for help', () => {
    for (const text of ['', '  ', 'help', 'Help.']) {
      expect(parseSlashCommand({ ...fixture('command-berth'), text }).kind).toBe('help');
    }
  });
});

describe('parsing button clicks and the feedback form', () => {
  it('a related question clicked in a thread is answered in that thread', () => {
    expect(parseBlockActions(fixture('action-choose-in-thread'))).toEqual({
      kind: 'choose',
      entryId: 'what-is-a-namespace',
      question: 'why is my image so big?',
      user: 'U0ASKER1',
      place: { kind: 'conversation', channel: 'C0CHANNEL1', threadTs: '1700000100.000100' },
      conversation: 'thread',
    });
  });

  it('thumbs down in a DM carries the trigger for the form', () => {
    expect(parseBlockActions(fixture('action-feedback-in-dm'))).toMatchObject({
      kind: 'feedback',
      entryId: 'what-is-a-cgroup',
      helpful: false,
      triggerId: '1700000900.123456789.0123456789abcdef0123456789abcdef',
      place: { kind: 'conversation', channel: 'D0DIRECT01' },
      conversation: 'dm',
    });
  });

  it('Share in channel on a private answer goes through the response_url', () => {
    expect(parseBlockActions(fixture('action-share-ephemeral'))).toMatchObject({
      kind: 'share',
      entryId: 'what-is-a-cgroup',
      question: 'what is a cgroup',
      place: {
        kind: 'response_url',
        url: 'https://hooks.slack.com/actions/T0TEST01/1700000900/0123456789abcdefABCDEF',
      },
      conversation: 'slash',
    });
  });

  it('a click on a private answer is answered privately', () => {
    const click = fixture('action-share-ephemeral');
    click.actions = [
      { action_id: 'berth_choose_2', value: encodeButtonValue({ entryId: 'x', question: '' }) },
    ];
    expect(parseBlockActions(click)).toMatchObject({
      kind: 'choose',
      entryId: 'x',
      place: { kind: 'response_url' },
    });
  });

  it('ignores buttons that are not Berth’s or whose value was tampered with', () => {
    const click = fixture('action-choose-in-thread');
    for (const action of [
      { action_id: 'someone_else', value: '{"e":"x","q":""}' },
      { action_id: 'berth_choose_0', value: 'not json' },
      { action_id: 'berth_choose_0', value: '{"e":"","q":""}' },
    ]) {
      expect(parseBlockActions({ ...click, actions: [action] }).kind).toBe('ignored');
    }
  });

  it('the feedback form sent: the note and where to thank; dismissed: no note', () => {
    expect(parseFeedbackView(fixture('view-submission-feedback'))).toEqual({
      kind: 'feedback_comment',
      entryId: 'what-is-a-cgroup',
      comment: 'how to limit memory in docker compose',
      user: 'U0ASKER1',
      place: { kind: 'conversation', channel: 'D0DIRECT01' },
      conversation: 'dm',
    });
    expect(parseFeedbackView(fixture('view-closed-feedback'))).toMatchObject({
      kind: 'feedback_comment',
      comment: '',
    });
  });

  it('a button value stays within Slack’s 2,000 characters whatever the question', () => {
    const value = encodeButtonValue({ entryId: 'what-is-a-cgroup', question: '"quoted" <&> '.repeat(500) });
    expect(value.length).toBeLessThanOrEqual(2000);
    expect(JSON.parse(value).e).toBe('what-is-a-cgroup');
  });
});
