import { describe, expect, it } from 'vitest';
import { Answerer } from '../../src/answer/answerer.ts';
import { toReplyJson } from '../../src/answer/reply.ts';
import type { Limiter } from '../../src/limits/limiter.ts';
import { localLimiter } from '../../src/limits/limiter.ts';
import type { RateDecision } from '../../src/limits/rate-limiter.ts';
import type { Log } from '../../src/log.ts';
import type { AskContext, RecordedEvent } from '../../src/recording/events.ts';
import { BerthService, type ServiceDeps } from '../../src/service/berth-service.ts';
import type { AskResult } from '../../src/service/results.ts';
import { overFixtures } from './fixture-knowledge.ts';

// The one door every channel uses, over the fixture knowledge: what each call returns, logs and
// records. These are the rules the channels no longer decide for themselves.

const { answerer, knowledge } = overFixtures();
const who: AskContext = { channel: 'test', conversation: 'dm', user: 'ada' };

function serviceWith(deps: Partial<ServiceDeps> = {}) {
  const recorded: RecordedEvent[] = [];
  const logged: { level: string; fields: Record<string, unknown>; message?: string }[] = [];
  const line = (level: string) => (fields: object, message?: string) =>
    void logged.push({ level, fields: fields as Record<string, unknown>, message });
  const log: Log = { info: line('info'), warn: line('warn'), error: line('error') };
  const recorder = { record: (e: RecordedEvent) => void recorded.push(e), flush: async () => {} };
  const service = new BerthService({ answerer: () => answerer, log, recorder, now: () => 0, ...deps });
  return { service, recorded, logged };
}

describe('BerthService: questions', () => {
  it('answers, logs one line and records the question', async () => {
    const { service, recorded, logged } = serviceWith();
    const result = await service.ask('what is a cgroup', who);
    expect(result.kind === 'reply' && result.reply.outcome === 'answer' && result.reply.id).toBe(
      'what-is-a-cgroup',
    );
    expect(logged).toEqual([
      expect.objectContaining({
        message: 'question',
        fields: expect.objectContaining({ channel: 'test', via: 'question', entry: 'what-is-a-cgroup' }),
      }),
    ]);
    expect(recorded).toEqual([
      expect.objectContaining({
        type: 'question',
        question: 'what is a cgroup',
        entryId: 'what-is-a-cgroup',
      }),
    ]);
  });

  it('throttles a person over their rate limit: told once, then silent, with when to try again', async () => {
    const { service, recorded } = serviceWith({ rateLimit: { perMinute: 6, burst: 1 } });
    expect((await service.ask('what is a cgroup', who)).kind).toBe('reply');
    const told = await service.ask('what is a pod', who);
    const silent = await service.ask('what is a pod', who);
    expect(told).toEqual({
      kind: 'throttled',
      notify: true,
      text: knowledge.messages.throttled,
      retryAfterSeconds: 10,
    });
    expect(silent).toMatchObject({ kind: 'throttled', notify: false });
    expect((await service.ask('what is a pod', { ...who, user: 'grace' })).kind).toBe('reply');
    expect(recorded.filter((e) => e.type === 'question')).toHaveLength(2);
  });

  it('asks a limiter kept elsewhere (shared by replicas) per channel and person, and says when to retry from its limit', async () => {
    const asked: string[] = [];
    const decisions: RateDecision[] = ['allow', 'throttle-notify', 'throttle-silent'];
    const limiter: Limiter = {
      limit: { perMinute: 4, burst: 1 },
      take: async (key) => {
        asked.push(key);
        return decisions.shift() ?? 'allow';
      },
    };
    const { service, recorded } = serviceWith({ limiter, rateLimit: { perMinute: 60, burst: 100 } });
    expect((await service.ask('what is a cgroup', who)).kind).toBe('reply');
    expect(await service.ask('what is a pod', who)).toMatchObject({
      kind: 'throttled',
      notify: true,
      retryAfterSeconds: 15,
    });
    expect(await service.ask('what is a pod', who)).toMatchObject({ kind: 'throttled', notify: false });
    expect(asked).toEqual(['test:ada', 'test:ada', 'test:ada']);
    expect(recorded.filter((e) => e.type === 'question')).toHaveLength(1);
  });
});

describe('BerthService: picks and shares', () => {
  /** The reply a pick got (it was within the limit). */
  const replyOf = async (result: Promise<AskResult>) => {
    const settled = await result;
    if (settled.kind !== 'reply') throw new Error(`expected a reply, got ${settled.kind}`);
    return settled.reply;
  };

  it('records a pick made for a question as a choice; following a related question records nothing', async () => {
    const { service, recorded } = serviceWith();
    expect(toReplyJson(await replyOf(service.choose('frobnicate-widget', who, 'frobnicate steps'))).id).toBe(
      'frobnicate-widget',
    );
    expect(toReplyJson(await replyOf(service.follow('what-is-a-namespace', who))).id).toBe(
      'what-is-a-namespace',
    );
    expect((await replyOf(service.choose('no-such-entry', who, 'frobnicate steps'))).outcome).toBe(
      'fallback',
    );
    expect(recorded).toEqual([
      expect.objectContaining({ type: 'choice', question: 'frobnicate steps', entryId: 'frobnicate-widget' }),
    ]);
  });

  it('limits picks with questions, per person and per address: a throttled pick records no choice', async () => {
    // One address's bucket as small as one person's here, to see it work (it holds ADDRESS_PEOPLE
    // people's budget in a real server).
    const { service, recorded, logged } = serviceWith({
      rateLimit: { perMinute: 6, burst: 2 },
      addressLimiter: localLimiter({ perMinute: 6, burst: 2 }, () => 0),
    });
    const web = { ...who, address: '192.0.2.7' };
    expect((await service.ask('what is a cgroup', web)).kind).toBe('reply');
    expect((await service.choose('frobnicate-widget', web, 'spam question')).kind).toBe('reply');
    expect(await service.choose('frobnicate-widget', web, 'spam question')).toMatchObject({
      kind: 'throttled',
      notify: true,
    });
    expect(await service.follow('what-is-a-namespace', web)).toMatchObject({
      kind: 'throttled',
      notify: false,
    });
    // Another id from the same address has nothing left either.
    expect((await service.choose('frobnicate-widget', { ...web, user: 'bot-2' }, 'spam question')).kind).toBe(
      'throttled',
    );
    expect(recorded.filter((e) => e.type === 'choice')).toHaveLength(1);
    expect(logged.filter((l) => l.message === 'question throttled')).toHaveLength(3);
  });

  it('shares an answer: the reply to post, logged and recorded; an entry that went is not shared', () => {
    const { service, recorded, logged } = serviceWith();
    expect(toReplyJson(service.share('docker-socket', who, 'is docker.sock safe')).id).toBe('docker-socket');
    expect(service.share('no-such-entry', who, 'q').outcome).toBe('fallback');
    expect(recorded).toEqual([
      expect.objectContaining({ type: 'share', question: 'is docker.sock safe', entryId: 'docker-socket' }),
    ]);
    expect(logged.map((l) => [l.message, l.fields.entry])).toEqual([
      ['share', 'docker-socket'],
      ['share', null],
    ]);
  });
});

describe('BerthService: feedback', () => {
  it('records a vote and thanks for it; asks what they were looking for after a bare thumbs-down', async () => {
    const { service, recorded } = serviceWith();
    const thanks = knowledge.messages.feedback_thanks;
    expect(await service.feedback({ entryId: 'what-is-a-cgroup', helpful: true }, who)).toEqual({
      kind: 'recorded',
      text: thanks,
    });
    expect(await service.feedback({ entryId: 'what-is-a-cgroup', helpful: false }, who)).toEqual({
      kind: 'recorded',
      text: knowledge.messages.feedback_sorry,
    });
    expect(
      (await service.feedback({ entryId: 'what-is-a-cgroup', helpful: false, asked: true }, who)).text,
    ).toBe(thanks);
    expect(
      (
        await service.feedback(
          { entryId: 'what-is-a-cgroup', helpful: false, comment: `  ${'x'.repeat(3000)} ` },
          who,
        )
      ).text,
    ).toBe(thanks);
    expect(recorded.map((e) => e.type === 'feedback' && [e.helpful, e.comment?.length])).toEqual([
      [true, undefined],
      [false, undefined],
      [false, undefined],
      [false, 2000],
    ]);
  });

  it('limits votes on a budget of their own, per person and per address: a throttled vote is not recorded', async () => {
    const { service, recorded, logged } = serviceWith({
      rateLimit: { perMinute: 6, burst: 2 },
      addressLimiter: localLimiter({ perMinute: 6, burst: 2 }, () => 0),
    });
    const web = { ...who, address: '192.0.2.7' };
    const vote = { entryId: 'what-is-a-cgroup', helpful: false };
    expect((await service.feedback(vote, web)).kind).toBe('recorded');
    expect((await service.feedback(vote, web)).kind).toBe('recorded');
    expect(await service.feedback(vote, web)).toMatchObject({ kind: 'throttled', notify: true });
    expect(await service.feedback(vote, { ...web, user: 'bot-2' })).toMatchObject({ kind: 'throttled' });
    expect(recorded.filter((e) => e.type === 'feedback')).toHaveLength(2);
    expect(logged.filter((l) => l.message === 'vote throttled')).toHaveLength(2);
    // Voting spent none of the question budget.
    expect((await service.ask('what is a cgroup', web)).kind).toBe('reply');
  });

  it('refuses a vote for an entry it does not know the same way for every channel: not recorded, logged, explained', async () => {
    const { service, recorded, logged } = serviceWith();
    expect(await service.feedback({ entryId: 'no-such-entry', helpful: true }, who)).toEqual({
      kind: 'unknown-entry',
      text: 'That answer is no longer in my knowledge base. Try asking your question again, or ask in #platform-help.',
    });
    expect(recorded).toEqual([]);
    expect(logged).toEqual([
      {
        level: 'warn',
        fields: { channel: 'test', entry: 'no-such-entry' },
        message: 'feedback for an unknown entry: not recorded',
      },
    ]);
  });
});

describe('BerthService: what else a channel needs', () => {
  const { service } = serviceWith();

  it('welcomes with the welcome message and the topics and examples of help', () => {
    const welcome = service.welcome();
    expect(welcome.markdown).toBe(knowledge.messages.welcome);
    expect(welcome.topics).toEqual(service.help().topics);
    expect(welcome.examples).toEqual(service.help().examples);
  });

  it('searches with the answers’ Markdown, and offers the examples when nothing is typed', () => {
    expect(service.search('tag digest', 1)).toEqual([
      {
        id: 'image-tags',
        title: 'What is an image tag?',
        markdown: knowledge.entries.get('image-tags')?.answer,
      },
    ]);
    expect(service.search(' ', 2).map((h) => h.id)).toEqual(['what-is-a-cgroup', 'why-image-so-big']);
  });

  it('apologises naming who to ask, the configured contact first', () => {
    expect(service.apology()).toBe(
      'Something went wrong on my side, sorry. Please try again in a moment, or ask in #platform-help.',
    );
    const configured = new Answerer(knowledge, { escalation: '#containers' });
    expect(new BerthService({ answerer: () => configured }).apology()).toContain('#containers');
  });

  it('gives the wording, the JSON contract, the knowledge version and the one question limit', () => {
    expect(service.wording().say('fallback', { escalation: '#x' })).toBe(
      "I don't have a good answer for that yet. Try rephrasing it, pick one of my topics, or ask a human in #x.",
    );
    expect(service.wording().say('not_a_key')).toBe('not_a_key');
    const reply = answerer.answer('what is a cgroup');
    expect(service.json(reply)).toEqual(toReplyJson(reply));
    expect(service.knowledge()).toEqual({ version: knowledge.version, entries: 9, topics: 6 });
    expect(service.questionLimit).toBe(1000);
  });
});
