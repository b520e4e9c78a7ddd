import { DEFAULT_THRESHOLDS, decide, type Thresholds } from './answer/decide.ts';
import { say } from './answer/messages.ts';
import type { AnswerReply, FallbackReply, Reply, SmallTalkReply, Suggestion } from './answer/reply.ts';
import type { Entry, KnowledgeBase, SmallTalk, Topic } from './knowledge/types.ts';
import { type Candidate, Matcher } from './match/matcher.ts';
import { SmallTalkMatcher } from './match/smalltalk.ts';
import { cleanQuestion } from './text/normalize.ts';

export interface BerthOptions {
  thresholds?: Thresholds;
  /** Who to ask when Berth does not know, e.g. `#platform-help`; defaults to the knowledge's message. */
  escalation?: string;
}

/** Small talk scoring at least this (word overlap) wins over a non-confident container match. */
const SMALLTALK_MIN = 0.5;
const MAX_RELATED = 3;

/**
 * The platform-free heart of Berth: one knowledge version, its matcher, and the rules that turn
 * a question into a Reply. Immutable; a knowledge reload builds a new Berth.
 * Example: new Berth(kb).answer('what is a cgroup').outcome -> 'answer'
 */
export class Berth {
  readonly knowledge: KnowledgeBase;
  readonly thresholds: Thresholds;
  private readonly matcher: Matcher;
  private readonly smalltalk: SmallTalkMatcher;
  private readonly escalation: string;

  constructor(knowledge: KnowledgeBase, options: BerthOptions = {}) {
    this.knowledge = knowledge;
    this.thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
    this.escalation = options.escalation || say(knowledge.messages, 'escalation');
    this.matcher = new Matcher(knowledge);
    this.smalltalk = new SmallTalkMatcher(knowledge.smalltalk, say(knowledge.messages, 'bot_name'));
  }

  /** Answers one question. Never throws for any input text. */
  answer(question: string): Reply {
    const query = cleanQuestion(question);
    if (!/[\p{L}\p{N}]/u.test(query)) return this.help(query);
    const talk = this.smalltalk.match(query);
    if (talk?.score === 1) return this.smallTalkReply(talk.intent, query, 1);
    const ranking = this.matcher.rank(query);
    const decision = decide(ranking.candidates, this.thresholds);
    if (decision.outcome === 'answer')
      return this.entryReply(decision.best.entry, query, decision.best.score);
    if (talk && talk.score >= SMALLTALK_MIN) return this.smallTalkReply(talk.intent, query, talk.score);
    if (decision.outcome === 'clarify') {
      return {
        outcome: 'clarify',
        query,
        confidence: decision.choices[0]?.score ?? 0,
        markdown: say(this.knowledge.messages, 'clarify'),
        candidates: decision.choices.map((c) => suggestion(c.entry)),
      };
    }
    return this.fallback(query, decision.near);
  }

  /** The reply for a chosen entry (a "did you mean" or related-question click). */
  answerById(id: string, query = ''): Reply {
    const entry = this.knowledge.entries.get(id);
    if (!entry) {
      const reply = this.fallback(query || id, []);
      return {
        ...reply,
        markdown: say(this.knowledge.messages, 'unknown_entry', { escalation: this.escalation }),
      };
    }
    return this.entryReply(entry, query || entry.title, 1);
  }

  /** What Berth knows: topics and example questions. */
  help(query = ''): SmallTalkReply {
    const intent = this.knowledge.smalltalk.find((s) => s.id === 'help');
    const fallbackIntent: SmallTalk = {
      id: 'help',
      questions: [],
      answer: '',
      showTopics: true,
      source: { file: '', line: 1 },
    };
    return this.smallTalkReply(intent ?? fallbackIntent, query, 1);
  }

  /** Entries whose questions best match `text`, for search-as-you-type (Teams message extension). */
  search(text: string, limit = 8): Suggestion[] {
    return this.matcher.rank(text, limit).candidates.map((c) => suggestion(c.entry));
  }

  private entryReply(entry: Entry, query: string, confidence: number): AnswerReply {
    const related = entry.related
      .map((id) => this.knowledge.entries.get(id))
      .filter((e): e is Entry => e !== undefined)
      .slice(0, MAX_RELATED)
      .map(suggestion);
    return {
      outcome: 'answer',
      query,
      confidence,
      id: entry.id,
      title: entry.title,
      topic: entry.topic,
      markdown: entry.answer,
      links: entry.links,
      related,
    };
  }

  private smallTalkReply(intent: SmallTalk, query: string, confidence: number): SmallTalkReply {
    const topics = intent.showTopics ? [...this.knowledge.topics] : [];
    return {
      outcome: 'smalltalk',
      query,
      confidence,
      intent: intent.id,
      markdown: intent.answer,
      topics,
      examples: intent.showTopics ? this.examples(topics) : [],
    };
  }

  private fallback(query: string, near: readonly Candidate[]): FallbackReply {
    const nearTopics = new Set(near.map((c) => c.entry.topic));
    const topics =
      nearTopics.size > 0
        ? this.knowledge.topics.filter((t) => nearTopics.has(t.id))
        : [...this.knowledge.topics];
    return {
      outcome: 'fallback',
      query,
      confidence: near[0]?.score ?? 0,
      markdown: say(this.knowledge.messages, 'fallback', { escalation: this.escalation }),
      topics,
      suggestions: near.map((c) => suggestion(c.entry)),
      escalation: this.escalation,
    };
  }

  private examples(topics: readonly Topic[]): Suggestion[] {
    return topics
      .map((t) => this.knowledge.entries.get(t.examples[0] ?? ''))
      .filter((e): e is Entry => e !== undefined)
      .map(suggestion);
  }
}

function suggestion(entry: Entry): Suggestion {
  return { id: entry.id, title: entry.title };
}
