import { describe, expect, it } from 'vitest';
import { Answerer } from '../../src/answer/answerer.ts';
import type { AnswerReply } from '../../src/answer/reply.ts';
import { MemoryAutoAnswerStore } from '../../src/auto-answer/store.ts';
import type { ChannelPost, PlaceRef, PostThread } from '../../src/auto-answer/types.ts';
import type { Log } from '../../src/log.ts';
import { BerthService, type ServiceDeps } from '../../src/service/berth-service.ts';
import { overFixtures } from './fixture-knowledge.ts';

// Answering unasked, over the fixture knowledge: the rules the service decides once for every
// channel. Each test reads like a channel: a post arrives, the thread says what it has.

const { answerer, knowledge } = overFixtures();
const HELP: PlaceRef = { channel: 'chat', place: 'C-HELP' };
const NOON = Date.parse('2024-05-06T12:00:00Z');
let threads = 0;

/** A post in #help (a fresh thread each time). */
const post = (text: string, place = HELP): ChannelPost => ({
  ...place,
  thread: `T${++threads}`,
  user: 'ada',
  text,
});

/** A thread that records what Berth posts in it; `replied`: a person answered first. */
function threadOf(replied = false) {
  const posted: AnswerReply[] = [];
  const thread: PostThread = {
    humanReplied: async () => replied,
    post: async (reply) => {
      posted.push(reply);
      return true;
    },
  };
  return { thread, posted };
}

function desk(deps: Partial<ServiceDeps> = {}) {
  const logged: { fields: Record<string, unknown>; message?: string }[] = [];
  const line = (fields: object, message?: string) =>
    void logged.push({ fields: fields as Record<string, unknown>, message });
  const log: Log = { info: line, warn: line, error: line };
  const store = new MemoryAutoAnswerStore();
  const service = new BerthService({
    answerer: () => answerer,
    log,
    now: () => NOON,
    autoAnswerStore: store,
    ...deps,
  });
  return { service, logged, store };
}

async function watching(deps: Partial<ServiceDeps> = {}) {
  const d = desk(deps);
  await d.service.watch(HELP, true, '/berth');
  return d;
}

describe('answering unasked: which posts get an answer', () => {
  it('answers a confident question in a watched place, in its thread', async () => {
    const { service } = await watching();
    const { thread, posted } = threadOf();
    const outcome = await service.autoAnswer(post('how can I limit a container memory?'), thread);
    expect(outcome).toMatchObject({ kind: 'answered', entryId: 'memory-limit' });
    expect(posted.map((r) => r.id)).toEqual(['memory-limit']);
  });

  it('reads nothing in a place that did not opt in', async () => {
    const { service, logged } = desk();
    const { thread, posted } = threadOf();
    expect(await service.autoAnswer(post('what is a cgroup?'), thread)).toEqual({
      kind: 'silent',
      reason: 'not-watched',
    });
    expect(posted).toEqual([]);
    expect(logged).toEqual([]);
  });

  it('stays silent for small talk, statements and questions it is not sure about', async () => {
    const { service } = await watching();
    const reasons = [];
    for (const text of [
      'lunch anyone?',
      'FYI: we upgraded docker on the build farm',
      'why is my image so big?',
    ]) {
      const { thread, posted } = threadOf();
      const outcome = await service.autoAnswer(post(text), thread);
      expect(posted).toEqual([]);
      reasons.push(outcome.kind === 'silent' ? outcome.reason : outcome.kind);
    }
    expect(reasons).toEqual(['not-sure', 'not-a-question', 'not-sure']);
  });

  it('answers only at AUTO_ANSWER_THRESHOLD or above, even when it would answer someone who asked', async () => {
    // "container killed out of memory" is answered at 0.88: outright when asked, not unasked at 0.9.
    const strict = new Answerer(knowledge, { autoAnswerThreshold: 0.9 });
    const { service } = await watching({ answerer: () => strict });
    const { thread, posted } = threadOf();
    const text = 'container killed out of memory';
    expect(await service.autoAnswer(post(text), thread)).toEqual({ kind: 'silent', reason: 'not-sure' });
    expect(posted).toEqual([]);
    const asked = await service.ask(text, { channel: 'chat', conversation: 'channel', user: 'ada' });
    expect(asked.kind === 'reply' && asked.reply.outcome).toBe('answer');
  });

  it('watches the places AUTO_ANSWER_CHANNELS lists without a command, and will not unwatch them', async () => {
    const { service } = desk({ autoAnswerPlaces: [HELP] });
    const { thread, posted } = threadOf();
    await service.autoAnswer(post('what is a cgroup?'), thread);
    expect(posted).toHaveLength(1);
    const off = await service.watch(HELP, false, '/berth');
    expect(off).toEqual({ changed: false, text: knowledge.messages.watch_configured });
  });
});

describe('answering unasked: politely', () => {
  it('answers a thread once, ever: the same thread delivered again gets nothing', async () => {
    const { service } = await watching();
    const first = post('what is a cgroup?');
    const { thread, posted } = threadOf();
    await service.autoAnswer(first, thread);
    expect(await service.autoAnswer({ ...first, text: 'and what is a pod?' }, thread)).toEqual({
      kind: 'silent',
      reason: 'seen-before',
    });
    expect(posted.map((r) => r.id)).toEqual(['what-is-a-cgroup']);
  });

  it('does not post when a person replied before the answer was ready (asked of the platform)', async () => {
    const { service } = await watching();
    const { thread, posted } = threadOf(true);
    expect(await service.autoAnswer(post('what is a cgroup?'), thread)).toEqual({
      kind: 'silent',
      reason: 'person-replied-first',
    });
    expect(posted).toEqual([]);
  });

  it('does not post when a reply in the thread arrived first (a channel that cannot ask)', async () => {
    const { service } = await watching();
    const question = post('what is a cgroup?');
    await service.threadReply(question);
    const posted: AnswerReply[] = [];
    const outcome = await service.autoAnswer(question, { post: async (r) => posted.push(r) > 0 });
    expect(outcome).toEqual({ kind: 'silent', reason: 'person-replied-first' });
    expect(posted).toEqual([]);
  });

  it('keeps quiet hours, across midnight and in the place’s time zone', async () => {
    const { service } = await watching();
    // 12:00 UTC is 21:00 in Tokyo: inside 20:00-08:00 there, outside the same hours in UTC.
    const set = await service.quietHours(HELP, '20:00-08:00 Asia/Tokyo', '/berth');
    expect(set.text).toBe('Quiet hours set: no automatic answers here from 20:00 to 08:00 (Asia/Tokyo).');
    const { thread, posted } = threadOf();
    expect(await service.autoAnswer(post('what is a cgroup?'), thread)).toEqual({
      kind: 'silent',
      reason: 'quiet-hours',
    });
    await service.quietHours(HELP, '20:00-08:00', '/berth');
    await service.autoAnswer(post('what is a cgroup?'), thread);
    expect(posted).toHaveLength(1);
  });

  it('refuses quiet hours it cannot read, and says so', async () => {
    const { service } = await watching();
    for (const spec of ['', 'evenings', '9-9', '25:00-08:00', '18-8 Mars/Olympus'])
      expect(await service.quietHours(HELP, spec, '/berth')).toEqual({
        changed: false,
        text: knowledge.messages.quiet_invalid?.replaceAll('{command}', '/berth'),
      });
  });

  it('hands a thread to a human once, naming the escalation contact; "Solved it" is thanked', async () => {
    const { service } = await watching();
    const question = post('what is a cgroup?');
    await service.autoAnswer(question, threadOf().thread);
    expect(await service.autoAnswerVerdict(question, 'human')).toEqual({
      kind: 'handoff',
      escalation: '#platform-help',
    });
    expect(await service.autoAnswerVerdict(question, 'human')).toMatchObject({ kind: 'handed-off-already' });
    expect(await service.autoAnswerVerdict(question, 'solved')).toMatchObject({ kind: 'thanks' });
  });
});

describe('turning it on and off', () => {
  it('says what changed, and what to type next', async () => {
    const { service } = desk();
    const say = (key: string) => knowledge.messages[key]?.replaceAll('{command}', '@Berth');
    expect(await service.watch(HELP, false, '@Berth')).toEqual({
      changed: false,
      text: say('watch_not_watching'),
    });
    expect(await service.watch(HELP, true, '@Berth')).toEqual({ changed: true, text: say('watch_on') });
    expect(await service.watch(HELP, true, '@Berth')).toEqual({ changed: false, text: say('watch_already') });
    expect(await service.watch(HELP, false, '@Berth')).toEqual({ changed: true, text: say('watch_off') });
  });

  it('keeps quiet hours when a place is unwatched and watched again', async () => {
    const { service, store } = await watching();
    await service.quietHours(HELP, '18-8 Europe/Berlin', '/berth');
    await service.watch(HELP, false, '/berth');
    await service.watch(HELP, true, '/berth');
    expect(await store.place(HELP)).toEqual({
      watched: true,
      quiet: { from: 1080, to: 480, timeZone: 'Europe/Berlin' },
    });
  });
});
