import type { Entry, KnowledgeBase, OutOfScope, SmallTalk, Topic } from '../knowledge/types.ts';
import { Matcher, OUT_OF_SCOPE_TOPIC } from '../match/matcher.ts';
import { SmallTalkMatcher } from '../match/smalltalk.ts';
import type { Candidate, Ranking, Scoring } from '../match/types.ts';
import { cleanQuestion } from '../text/normalize.ts';
import { DEFAULT_THRESHOLDS, type Decision, decide, type Thresholds } from './decide.ts';
import { say } from './messages.ts';
import type { AnswerReply, FallbackReply, Reply, SmallTalkReply, Suggestion, TopicSummary } from './reply.ts';

export interface AnswererOptions {
  thresholds?: Thresholds;
  /** Who to ask when Berth does not know, e.g. `#platform-help`; defaults to the knowledge's message. */
  escalation?: string;
  /** Matcher knobs (tuning and benchmarks); the defaults are what ships. */
  scoring?: Scoring;
}

/** Small talk scoring at least this (word overlap) wins over a non-confident container match. */
const SMALLTALK_MIN = 0.5;
const MAX_RELATED = 3;
/** Help without a `help` intent (a knowledge base built in code; loaded knowledge always has one). */
const BARE_HELP: SmallTalk = {
  id: 'help',
  questions: [],
  answer: '',
  showTopics: true,
  source: { file: '', line: 1 },
};

/** What to do with a question: decide's verdict, or decline it as out of scope. */
type Verdict = Decision | { outcome: 'decline'; category: OutOfScope };

/**
 * Answers questions from one knowledge version: its matcher and the rules that turn a question
 * into a Reply. Immutable; a knowledge reload builds a new Answerer (see KnowledgeHolder).
 * Example: new Answerer(kb).answer('what is a cgroup').outcome -> 'answer'
 */
export class Answerer {
  readonly knowledge: KnowledgeBase;
  readonly thresholds: Thresholds;
  /** Who to ask when Berth does not know: ESCALATION_CONTACT, else the knowledge's own. */
  readonly escalation: string;
  private readonly matcher: Matcher;
  private readonly smalltalk: SmallTalkMatcher;
  /** Every topic with its example questions, as replies list them. */
  private readonly topics: readonly TopicSummary[];

  constructor(knowledge: KnowledgeBase, options: AnswererOptions = {}) {
    this.knowledge = knowledge;
    this.thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
    this.escalation = options.escalation || say(knowledge.messages, 'escalation');
    this.matcher = new Matcher(knowledge, options.scoring);
    this.smalltalk = new SmallTalkMatcher(knowledge.smalltalk, say(knowledge.messages, 'bot_name'));
    this.topics = knowledge.topics.map((topic) => this.topicSummary(topic));
  }

  /** Answers one question. Never throws for any input text. */
  answer(question: string): Reply {
    const query = cleanQuestion(question);
    if (!/[\p{L}\p{N}]/u.test(query)) return this.help(query);
    const talk = this.smalltalk.match(query);
    if (talk?.score === 1) return this.smallTalkReply(talk.intent, query, 1);
    const ranking = this.matcher.rank(query);
    const verdict = this.verdict(ranking);
    if (verdict.outcome === 'answer') return this.entryReply(verdict.best.entry, query, ranking.confidence);
    if (talk && talk.score >= SMALLTALK_MIN) return this.smallTalkReply(talk.intent, query, talk.score);
    switch (verdict.outcome) {
      case 'decline':
        return this.fallback(query, [], ranking.confidence, verdict.category.answer);
      case 'clarify':
        return {
          outcome: 'clarify',
          query,
          confidence: ranking.confidence,
          markdown: say(this.knowledge.messages, 'clarify'),
          candidates: verdict.choices.map((c) => suggestion(c.entry)),
        };
      case 'fallback':
        return this.fallback(query, verdict.near, ranking.confidence);
    }
  }

  /** The reply for a chosen entry (a "did you mean" or related-question click). */
  answerById(id: string, query = ''): Reply {
    // A retired id (a merged entry) answers with the entry that replaced it.
    const entry = this.knowledge.entries.get(this.knowledge.aliases.get(id) ?? id);
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
    const intent = this.knowledge.smalltalk.find((s) => s.id === 'help') ?? BARE_HELP;
    return this.smallTalkReply(intent, query, 1);
  }

  /** The matcher's ranking with the parts of each score: `berth ask --explain`. */
  explain(question: string): Ranking {
    return this.matcher.rank(question, 5);
  }

  /** Entries whose questions best match `text`, for search-as-you-type. */
  search(text: string, limit = 8): Suggestion[] {
    return withoutOutOfScope(this.matcher.rank(text, limit + 3))
      .candidates.slice(0, limit)
      .map((c) => suggestion(c.entry));
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
    const topics = intent.showTopics ? [...this.topics] : [];
    return {
      outcome: 'smalltalk',
      query,
      confidence,
      intent: intent.id,
      markdown: intent.answer,
      topics,
      // One example per topic: the topic's first.
      examples: topics.flatMap((t) => t.examples.slice(0, 1)),
    };
  }

  /**
   * An out-of-scope category ranking first means "decline": no entry is answered or offered.
   * Otherwise `decide` judges the ranking of the real entries.
   */
  private verdict(ranking: Ranking): Verdict {
    const top = ranking.candidates[0];
    const category =
      top?.entry.topic === OUT_OF_SCOPE_TOPIC
        ? this.knowledge.outOfScope.find((c) => c.id === top.entry.id)
        : undefined;
    return category ? { outcome: 'decline', category } : decide(withoutOutOfScope(ranking), this.thresholds);
  }

  private fallback(
    query: string,
    near: readonly Candidate[],
    confidence = 0,
    preface?: string,
  ): FallbackReply {
    const nearTopics = new Set(near.map((c) => c.entry.topic));
    const topics = nearTopics.size > 0 ? this.topics.filter((t) => nearTopics.has(t.id)) : [...this.topics];
    return {
      outcome: 'fallback',
      query,
      confidence,
      markdown: preface
        ? `${preface}\n\n${say(this.knowledge.messages, 'out_of_scope', { escalation: this.escalation })}`
        : say(this.knowledge.messages, 'fallback', { escalation: this.escalation }),
      topics,
      suggestions: near.map((c) => suggestion(c.entry)),
      escalation: this.escalation,
    };
  }

  private topicSummary({ id, name, entryCount, examples }: Topic): TopicSummary {
    const entries = examples.flatMap((example) => this.knowledge.entries.get(example) ?? []);
    return { id, name, entryCount, examples: entries.map(suggestion) };
  }
}

/** The ranking restricted to real entries (out-of-scope categories are never offered as answers). */
function withoutOutOfScope(ranking: Ranking): Ranking {
  return { ...ranking, candidates: ranking.candidates.filter((c) => c.entry.topic !== OUT_OF_SCOPE_TOPIC) };
}

function suggestion(entry: Entry): Suggestion {
  return { id: entry.id, title: entry.title };
}
