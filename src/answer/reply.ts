import type { Link } from '../knowledge/types.ts';

/** An entry offered as a choice: "did you mean", related questions, suggestions. */
export interface Suggestion {
  id: string;
  title: string;
}

/** A topic as replies list it: its name, its size and example questions to pick. */
export interface TopicSummary {
  id: string;
  name: string;
  entryCount: number;
  examples: Suggestion[];
}

export type Outcome = 'answer' | 'clarify' | 'fallback' | 'smalltalk';

interface ReplyBase {
  /** The question as understood (cleaned of markup, truncated). */
  query: string;
  /** In [0, 1]: how sure the matcher is of `outcome` (see docs/DESIGN.md for thresholds). */
  confidence: number;
}

/** A confident answer from one entry. */
export interface AnswerReply extends ReplyBase {
  outcome: 'answer';
  id: string;
  title: string;
  topic: string;
  /** The answer, Markdown. */
  markdown: string;
  links: Link[];
  related: Suggestion[];
  /** Runners-up the matcher also found likely: shown under the answer as "Not it?". */
  alternatives: Suggestion[];
}

/** "Did you mean": two or three close candidates. */
export interface ClarifyReply extends ReplyBase {
  outcome: 'clarify';
  /** Markdown prompt, from knowledge messages. */
  markdown: string;
  candidates: Suggestion[];
}

/** Nothing good enough: say so, suggest topics, name the human escalation. */
export interface FallbackReply extends ReplyBase {
  outcome: 'fallback';
  markdown: string;
  topics: TopicSummary[];
  suggestions: Suggestion[];
  escalation: string;
}

/** Greeting, thanks, help, who-are-you... */
export interface SmallTalkReply extends ReplyBase {
  outcome: 'smalltalk';
  intent: string;
  markdown: string;
  /** Filled for help-like intents: the topics and example questions. */
  topics: TopicSummary[];
  examples: Suggestion[];
}

/** What the core answers: plain data that each channel renders for its platform. */
export type Reply = AnswerReply | ClarifyReply | FallbackReply | SmallTalkReply;

/** The stable `berth ask --json` shape. Fields are only ever added, never renamed or removed. */
export interface ReplyJson {
  query: string;
  outcome: Outcome;
  id: string | null;
  title: string | null;
  answer: string | null;
  links: Link[];
  confidence: number;
  suggestions: Suggestion[];
  /** For `answer`: the runners-up ("Not it?"); otherwise empty. Added after the first eight fields. */
  alternatives: Suggestion[];
}

/** Reply -> the `berth ask --json` contract. */
export function toReplyJson(reply: Reply): ReplyJson {
  const json = (
    id: string | null,
    title: string | null,
    answer: string | null,
    links: Link[],
    suggestions: Suggestion[],
  ): ReplyJson => ({
    query: reply.query,
    outcome: reply.outcome,
    id,
    title,
    answer,
    links,
    confidence: round(reply.confidence),
    suggestions,
    alternatives: reply.outcome === 'answer' ? reply.alternatives : [],
  });
  switch (reply.outcome) {
    case 'answer':
      return json(reply.id, reply.title, reply.markdown, reply.links, reply.related);
    case 'clarify':
      return json(null, null, null, [], reply.candidates);
    case 'fallback':
      return json(null, null, null, [], reply.suggestions);
    case 'smalltalk':
      return json(null, null, reply.markdown, [], reply.examples);
  }
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
