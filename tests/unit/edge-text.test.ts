import { describe, expect, it } from 'vitest';
import { parseMessageEvent } from '../../adapters/slack/parse-events.ts';
import { IncomingActivity, parseTeamsActivity } from '../../adapters/teams/parse.ts';
import { parseAsk } from '../../adapters/web/request.ts';
import { wellFormed } from '../../lib/well-formed.ts';
import { visible } from '../../src/report/text.ts';

describe('well-formed Unicode at every channel edge', () => {
  it('replaces lone surrogates and keeps real pairs', () => {
    expect(wellFormed('a\uD800b\uDC00c')).toBe('a\uFFFDb\uFFFDc');
    expect(wellFormed('ok 🐳 \uD83D\uDC33')).toBe('ok 🐳 \uD83D\uDC33');
  });

  it('in web, Slack and Teams parsing', () => {
    expect(parseAsk({ text: 'cgroup \uD800' }, 1000)).toEqual({ kind: 'ask', text: 'cgroup \uFFFD' });
    const slack = parseMessageEvent(
      { type: 'message', channel_type: 'im', channel: 'D1', user: 'U1', text: 'cgroup \uDC00', ts: '1.2' },
      {},
    );
    expect(slack).toMatchObject({ kind: 'question', text: 'cgroup \uFFFD' });
    const activity = IncomingActivity.parse({
      type: 'message',
      serviceUrl: 'http://localhost/',
      from: { id: 'u' },
      recipient: { id: 'b' },
      conversation: { id: 'c', conversationType: 'personal' },
      text: 'cgroup \uD800',
    });
    expect(parseTeamsActivity(activity)).toMatchObject({ kind: 'question', text: 'cgroup \uFFFD' });
  });
});

describe('the text report shows control characters for what they are', () => {
  it('escapes a right-to-left override (and other controls) in what people wrote', () => {
    expect(visible('\u202Eyek hss repoleved')).toBe('\\u202Eyek hss repoleved');
    expect(visible('bell\u0007 isolate\u2067x\u2069')).toBe('bell\\u0007 isolate\\u2067x\\u2069');
    expect(visible('line one\nline two')).toBe('line one\nline two');
  });
});
