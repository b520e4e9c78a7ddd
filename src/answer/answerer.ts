import type { Entry, KnowledgeBase, OutOfScope, SmallTalk, Topic } from '../knowledge/types.ts';
import { type RankedCandidate, type RankedQuestion, Ranker } from '../match/ranker.ts';
import type { Weights } from '../match/reranker.ts';
import { FITTED_AUTO_ANSWER_THRESHOLD } from '../match/reranker-weights.ts';
import { SmallTalkMatcher } from '../match/smalltalk.ts';
import type { Scoring } from '../match/types.ts';
import { cleanQuestion } from '../text/normalize.ts';
import { DEFAULT_THRESHOLDS, type Decision, decide, type Thresholds } from './decide.ts';
import { say } from './messages.ts';
import type { AnswerReply, FallbackReply, Reply, SmallTalkReply, Suggestion, TopicSummary } from './reply.ts';

export interface AnswererOptions {
  thresholds?: Thresholds;
  /** Who to ask when Berth does not know, e.g. `#platform-help`; defaults to the knowledge's message. */
  escalation?: string;
  /** Term-engine knobs (tuning and benchmarks); the defaults are what ships. */
  scoring?: Scoring;
  /** Reranker weights (fitting and tests); the defaults are what ships. */
  weights?: Weights;
  /** Confidence needed to answer unasked in watched channels (AUTO_ANSWER_THRESHOLD). */
  autoAnswerThreshold?: number;
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
  /** Confidence needed to answer unasked (see answersUnasked). */
  readonly autoAnswerThreshold: number;
  private readonly ranker: Ranker;
  private readonly smalltalk: SmallTalkMatcher;
  /** Every topic with its example questions, as replies list them. */
  private readonly topics: readonly TopicSummary[];

  constructor(knowledge: KnowledgeBase, options: AnswererOptions = {}) {
    this.knowledge = knowledge;
    this.thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
    this.escalation = options.escalation || say(knowledge.messages, 'escalation');
    this.autoAnswerThreshold = options.autoAnswerThreshold ?? FITTED_AUTO_ANSWER_THRESHOLD;
    this.ranker = new Ranker(knowledge, options.scoring, options.weights);
    this.smalltalk = new SmallTalkMatcher(knowledge.smalltalk, say(knowledge.messages, 'bot_name'));
    this.topics = knowledge.topics.map((topic) => this.topicSummary(topic));
  }

  /** Answers one question. Never throws for any input text. */
  answer(question: string): Reply {
    const query = cleanQuestion(question);
    if (!/[\p{L}\p{N}]/u.test(query)) return this.help(query);
    const talk = this.smalltalk.match(query);
    if (talk?.score === 1) return this.smallTalkReply(talk.intent, query, 1);
    const ranked = this.ranker.rank(query);
    const verdict = this.verdict(ranked);
    if (verdict.outcome === 'answer')
      return this.entryReply(verdict.best.entry, query, ranked.confidence, verdict.runnersUp);
    if (talk && talk.score >= SMALLTALK_MIN) return this.smallTalkReply(talk.intent, query, talk.score);
    switch (verdict.outcome) {
      case 'decline':
        return this.fallback(query, [], ranked.confidence, verdict.category.answer);
      case 'clarify':
        return {
          outcome: 'clarify',
          query,
          confidence: ranked.confidence,
          markdown: say(this.knowledge.messages, 'clarify'),
          candidates: verdict.choices.map((c) => suggestion(c.entry)),
        };
      case 'fallback':
        return this.fallback(query, verdict.near, ranked.confidence);
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

  /** The ranking with each candidate's probability and features: `berth ask --explain`, evaluation. */
  rank(question: string, limit = 5): RankedQuestion {
    return this.ranker.rank(question, limit);
  }

  /** Entries whose questions best match `text`, for search-as-you-type. */
  search(text: string, limit = 8): Suggestion[] {
    return this.ranker.rank(text, limit).candidates.map((c) => suggestion(c.entry));
  }

  private entryReply(
    entry: Entry,
    query: string,
    confidence: number,
    runnersUp: readonly RankedCandidate[] = [],
  ): AnswerReply {
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
      alternatives: runnersUp.map((c) => suggestion(c.entry)),
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
   * A question the term engine ranks closest to an out-of-scope category (above every entry) is
   * declined with that category's reply, however sure the reranker is of an entry: a near miss
   * ("tag a release in git", "merge layers in Photoshop") shares words with entries by design.
   * Otherwise `decide` judges the reranked entries.
   */
  private verdict(ranked: RankedQuestion): Verdict {
    const category =
      ranked.outOfScope && this.knowledge.outOfScope.find((c) => c.id === ranked.outOfScope?.id);
    return category ? { outcome: 'decline', category } : decide(ranked, this.thresholds);
  }

  private fallback(
    query: string,
    near: readonly RankedCandidate[],
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

function suggestion(entry: Entry): Suggestion {
  return { id: entry.id, title: entry.title };
}
