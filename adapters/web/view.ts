import type { Outcome, Reply, ReplyJson, Suggestion, TopicSummary } from '../../src/answer/reply.ts';
import type { Link } from '../../src/knowledge/types.ts';
import type { BerthService } from '../../src/service/berth-service.ts';
import { safeHref, toSafeHtml } from './html.ts';
import type { WebWords } from './wording.ts';

/** A button that shows one entry's answer. */
export interface ChoiceView {
  id: string;
  title: string;
}

export interface ChoicesView {
  heading: string | null;
  /** True when picking one answers the question that was asked ("did you mean", near misses). */
  answersQuestion: boolean;
  items: ChoiceView[];
}

export interface TopicView {
  id: string;
  name: string;
  entryCount: number;
  examples: ChoiceView[];
}

/** One reply as the web page shows it. Everything but `html` is plain text the page sets as text. */
export interface ReplyView {
  kind: 'reply';
  outcome: Outcome;
  /** The question as Berth understood it. */
  query: string;
  title: string | null;
  /** The reply's Markdown as safe HTML (`toSafeHtml`): the only markup the page inserts as HTML. */
  html: string;
  links: { heading: string; items: Link[] } | null;
  choices: ChoicesView | null;
  /** Under an answer: the runners-up the matcher also found likely, shown on one line as "Not it?". */
  alternatives: ChoicesView | null;
  topics: { heading: string; items: TopicView[] } | null;
  /** Nothing came close: offer a button that shows every topic (listing them all here is noise). */
  offerTopics: boolean;
  /** Set for answers: the entry a thumbs up/down refers to. */
  feedback: { entryId: string } | null;
  /** The stable `berth ask --json` contract, for scripts that call the endpoint. */
  reply: ReplyJson;
}

/**
 * Reply -> what the web page renders. Pure; `json` is the reply's `berth ask --json` form, which
 * only the core makes (`BerthService.json`).
 */
export function renderReplyView(reply: Reply, words: WebWords, json: ReplyJson): ReplyView {
  const base = {
    kind: 'reply' as const,
    outcome: reply.outcome,
    query: reply.query,
    title: null,
    html: toSafeHtml(reply.markdown),
    links: null,
    choices: null,
    alternatives: null,
    topics: null,
    offerTopics: false,
    feedback: null,
    reply: json,
  };
  switch (reply.outcome) {
    case 'answer':
      return {
        ...base,
        title: reply.title,
        links: section(
          words.say('links_heading'),
          reply.links.filter((l) => safeHref(l.url) !== undefined),
        ),
        choices: choices(words.say('related_heading'), reply.related, false),
        // Picking a runner-up answers the question that was asked: recorded as a choice for it.
        alternatives: choices(words.say('not_it'), reply.alternatives, true),
        feedback: { entryId: reply.id },
      };
    case 'clarify':
      return { ...base, choices: choices(null, reply.candidates, true) };
    case 'fallback': {
      // Near misses come with their topics; with nothing near, every topic is one click away.
      const near = reply.suggestions.length > 0;
      return {
        ...base,
        choices: choices(words.say('related_heading'), reply.suggestions, true),
        topics: near ? topics(words.say('fallback_topics'), reply.topics) : null,
        offerTopics: !near,
      };
    }
    case 'smalltalk':
      // Topic cards carry their own examples; the flat example list repeats them, so it is shown
      // only when there are no topics.
      return {
        ...base,
        choices:
          reply.topics.length > 0 ? null : choices(words.say('examples_heading'), reply.examples, false),
        topics: topics(words.say('topics_heading'), reply.topics),
      };
  }
}

function section<T>(heading: string, items: T[]): { heading: string; items: T[] } | null {
  return items.length > 0 ? { heading, items } : null;
}

function choices(
  heading: string | null,
  items: readonly Suggestion[],
  answersQuestion: boolean,
): ChoicesView | null {
  if (items.length === 0) return null;
  return { heading, answersQuestion, items: items.map(({ id, title }) => ({ id, title })) };
}

function topics(heading: string, list: readonly TopicSummary[]) {
  const items = list.map((topic) => ({
    id: topic.id,
    name: topic.name,
    entryCount: topic.entryCount,
    examples: topic.examples.map(({ id, title }) => ({ id, title })),
  }));
  return section(heading, items);
}

/** A reply as the page shows it, from the service's reply. */
export function viewOf(service: BerthService, reply: Reply): ReplyView {
  return renderReplyView(reply, service.wording(), service.json(reply));
}
