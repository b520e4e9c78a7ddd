import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  parseAsk as parseAskUpTo,
  parseChoose as parseChooseUpTo,
  parseFeedback,
} from '../../adapters/web/request.ts';
import { MAX_QUESTION_CHARS } from '../../src/text/normalize.ts';

// The web chat refuses questions longer than the core would keep: one limit, the core's.
const parseAsk = (body: unknown) => parseAskUpTo(body, MAX_QUESTION_CHARS);
const parseChoose = (body: unknown) => parseChooseUpTo(body, MAX_QUESTION_CHARS);

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../fixtures/web/${name}`, import.meta.url), 'utf8'));

describe('parsing what the web chat page sends', () => {
  it('reads a question', () => {
    expect(parseAsk(fixture('ask.json'))).toEqual({ kind: 'ask', text: 'what is a cgroup' });
  });

  it('reads a "did you mean" pick with the question that was asked', () => {
    expect(parseChoose(fixture('choose-did-you-mean.json'))).toEqual({
      kind: 'choose',
      id: 'frobnicate-widget',
      question: 'frobnicate steps',
    });
  });

  it('reads a related-question click, which has no question of its own, as following it', () => {
    expect(parseChoose(fixture('choose-related.json'))).toEqual({
      kind: 'follow',
      id: 'what-is-a-namespace',
    });
    expect(parseChoose({ id: 'what-is-a-namespace', question: '' })).toEqual({
      kind: 'follow',
      id: 'what-is-a-namespace',
    });
  });

  it('reads thumbs up, and thumbs down with a comment', () => {
    expect(parseFeedback(fixture('feedback-helpful.json'))).toEqual({
      kind: 'feedback',
      entryId: 'what-is-a-cgroup',
      helpful: true,
    });
    expect(parseFeedback(fixture('feedback-comment.json'))).toEqual({
      kind: 'feedback',
      entryId: 'what-is-a-cgroup',
      helpful: false,
      comment: 'how to set a cgroup memory limit in compose',
    });
  });

  it("ignores Berth's own reply posted back as a question", () => {
    expect(parseAsk(fixture('own-reply.json'))).toEqual({ kind: 'ignored', reason: "Berth's own reply" });
  });

  it('refuses an unknown event and malformed bodies, saying what is wrong', () => {
    expect(parseAsk(fixture('unknown-event.json'))).toEqual({
      kind: 'invalid',
      reason: '"text" must be text',
    });
    expect(parseAsk([1, 2])).toEqual({ kind: 'invalid', reason: 'the body must be a JSON object' });
    expect(parseAsk(null)).toMatchObject({ kind: 'invalid' });
    expect(parseAsk({ text: 42 })).toMatchObject({ kind: 'invalid', reason: '"text" must be text' });
    expect(parseAsk({ text: 'x'.repeat(1001) })).toEqual({
      kind: 'invalid',
      reason: '"text" must be at most 1000 characters',
    });
    expect(parseAsk({ text: 'x'.repeat(1000) })).toMatchObject({ kind: 'ask' });
    expect(parseChoose({ id: '../../etc/passwd' })).toMatchObject({
      kind: 'invalid',
      reason: '"id" must be an entry id',
    });
    expect(parseFeedback({ entryId: 'what-is-a-cgroup', helpful: 'yes' })).toMatchObject({
      kind: 'invalid',
      reason: '"helpful" must be true or false',
    });
    expect(parseFeedback({ entryId: 'what-is-a-cgroup', helpful: false, comment: 7 })).toMatchObject({
      kind: 'invalid',
      reason: '"comment" must be text',
    });
  });

  it('keeps a question with markup as plain text for the core to clean', () => {
    expect(parseAsk({ text: '<img src=x onerror=alert(1)>' })).toEqual({
      kind: 'ask',
      text: '<img src=x onerror=alert(1)>',
    });
  });
});
