import { describe, expect, it } from 'vitest';
import { answersUnasked, readsAsQuestion } from '../../src/auto-answer/question-shape.ts';
import { clock, isQuiet, parseQuietHours } from '../../src/auto-answer/quiet-hours.ts';

describe('what reads as a question in a help channel', () => {
  const questions = [
    'what is a cgroup',
    'lunch anyone?',
    'Hi all, how do I limit the memory of a container',
    'hey team - docker build fails with "no space left on device"',
    "docker run doesn't pull down latest image if the image exists locally",
    'permission denied while trying to connect to the Docker daemon socket',
    'ADD vs COPY',
    'container timezone',
    'Anyone know why my pod keeps restarting',
    'I just pushed a commit to main, how can I revert it?',
  ];
  const statements = [
    'FYI: we upgraded Docker to 27 on the build farm',
    'PSA the registry is read-only tonight',
    'Thanks, that fixed it!',
    'We have upgraded the build farm to Docker 27.',
    'The registry is back.',
    'Deployed. Staging now runs the new base image. Ping me if you see anything odd.',
    'ok',
    ':tada:',
  ];

  it.each(questions)('reads as a question: %s', (text) => {
    expect(readsAsQuestion(text)).toBe(true);
  });

  it.each(statements)('does not: %s', (text) => {
    expect(readsAsQuestion(text)).toBe(false);
  });

  it('answers unasked only a question answered outright at the threshold or above', () => {
    const answer = (confidence: number) => ({ outcome: 'answer' as const, confidence });
    expect(answersUnasked('what is a cgroup?', answer(0.9), 0.86)).toBe(true);
    expect(answersUnasked('what is a cgroup?', answer(0.86), 0.86)).toBe(true);
    expect(answersUnasked('what is a cgroup?', answer(0.85), 0.86)).toBe(false);
    expect(answersUnasked('FYI: cgroups are great', answer(0.99), 0.86)).toBe(false);
    expect(answersUnasked('hello there?', { outcome: 'smalltalk', confidence: 1 }, 0.86)).toBe(false);
    expect(answersUnasked('cgroups?', { outcome: 'clarify', confidence: 0.9 }, 0.86)).toBe(false);
    expect(answersUnasked('what is a cgroup?', { outcome: 'answer', confidence: null }, 0.86)).toBe(false);
  });
});

describe('quiet hours', () => {
  it('reads spans with or without minutes and a time zone, and "off"', () => {
    expect(parseQuietHours('18:00-08:00')).toEqual({
      kind: 'set',
      quiet: { from: 1080, to: 480, timeZone: 'UTC' },
    });
    expect(parseQuietHours('22-7 europe/berlin')).toEqual({
      kind: 'set',
      quiet: { from: 1320, to: 420, timeZone: 'Europe/Berlin' },
    });
    expect(parseQuietHours('9:30 to 24', 'Asia/Tokyo')).toEqual({
      kind: 'set',
      quiet: { from: 570, to: 0, timeZone: 'Asia/Tokyo' },
    });
    expect(parseQuietHours(' OFF ')).toEqual({ kind: 'off' });
  });

  it('refuses what it cannot read', () => {
    for (const spec of ['', 'nights', '8-8', '18:60-8', '25-8', '18-8 Nowhere/Special', '18-8 UTC extra'])
      expect(parseQuietHours(spec), spec).toEqual({ kind: 'invalid' });
  });

  it('is quiet from the first minute to the last, across midnight, in its own time zone', () => {
    const night = { from: 1320, to: 420, timeZone: 'Europe/Berlin' };
    // Berlin is UTC+2 in May.
    expect(isQuiet(night, new Date('2024-05-06T19:59:00Z'))).toBe(false);
    expect(isQuiet(night, new Date('2024-05-06T20:00:00Z'))).toBe(true);
    expect(isQuiet(night, new Date('2024-05-07T04:59:00Z'))).toBe(true);
    expect(isQuiet(night, new Date('2024-05-07T05:00:00Z'))).toBe(false);
    const lunch = { from: 720, to: 780, timeZone: 'UTC' };
    expect(isQuiet(lunch, new Date('2024-05-06T12:30:00Z'))).toBe(true);
    expect(isQuiet(lunch, new Date('2024-05-06T13:00:00Z'))).toBe(false);
  });

  it('prints minutes after midnight as a clock', () => {
    expect([clock(0), clock(480), clock(1439)]).toEqual(['00:00', '08:00', '23:59']);
  });
});
