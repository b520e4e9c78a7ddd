import { toPlainText } from '../../lib/plain-text.ts';
import { truncate } from '../../lib/truncate.ts';
import type { AnswerReply, Reply, Suggestion, TopicSummary } from '../../src/answer/reply.ts';
import {
  type ActionSet,
  ADAPTIVE_CARD,
  type AdaptiveCard,
  type Attachment,
  adaptiveCard,
  type CardElement,
  type Container,
  paragraph,
  run,
  type ShowCardAction,
  type SubmitAction,
  webUrl,
} from './adaptive-card.ts';
import { COMMENT_INPUT_ID, MAX_COMMENT_CHARS, submitData } from './card-actions.ts';
import { cardMarkdown } from './card-markdown.ts';
import type { TeamsWords } from './wording.ts';

/** A message activity as Berth sends it; the SDK glue adds the conversation addressing. */
export interface TeamsMessage {
  type: 'message';
  /** Plain text for text-only replies; empty when the reply is a card. */
  text?: string;
  textFormat?: 'plain';
  /** Plain-text summary of a card: what notifications and the activity feed show. */
  summary?: string;
  attachments?: Attachment[];
}

export interface RenderOptions {
  /** What the person clicked to get this reply, shown above it (a card click sends no visible message). */
  picked?: string;
  /**
   * False for a card a person inserts with the message extension: it is posted under their name
   * to people who may not have Berth, so it carries the answer and links but no Berth buttons.
   */
  interactive?: boolean;
}

const SUMMARY_CHARS = 200;
const FALLBACK_CHARS = 1500;

/**
 * Reply -> a Teams message: one Adaptive Card (1.5) plus a plain-text summary.
 * Example: renderReply((await service.ask(...)).reply, words).attachments[0].content.body
 */
export function renderReply(reply: Reply, words: TeamsWords, options: RenderOptions = {}): TeamsMessage {
  const card = replyCard(reply, words, options.interactive ?? true);
  if (options.picked !== undefined) {
    const picked = words.say('teams_you_picked', { choice: options.picked });
    card.body.unshift(paragraph([run(picked, { isSubtle: true })]));
  }
  return {
    type: 'message',
    summary: summaryOf(reply),
    attachments: [{ contentType: ADAPTIVE_CARD, content: card }],
  };
}

/** The card alone (the message extension inserts it as its own attachment). */
export function replyCard(reply: Reply, words: TeamsWords, interactive = true): AdaptiveCard {
  const choices = (items: readonly Suggestion[]) =>
    interactive ? items.map((s) => choiceRow(s, reply.query)) : [];
  const body: CardElement[] = [];
  switch (reply.outcome) {
    case 'answer':
      body.push(
        ...answerBody(reply, words),
        ...section(words.say('not_it'), choices(reply.alternatives), true),
        ...section(words.say('related_heading'), choices(reply.related)),
      );
      if (interactive) body.push(...feedbackButtons(reply.id, words));
      break;
    case 'clarify':
      body.push(...cardMarkdown(reply.markdown), ...choices(reply.candidates));
      break;
    case 'fallback':
      body.push(...cardMarkdown(reply.markdown));
      // Something came close: its topics and entries. Nothing did: every topic is one click away.
      if (reply.suggestions.length > 0)
        body.push(...topicList(words.say('fallback_topics'), reply.topics), ...choices(reply.suggestions));
      else if (interactive) body.push(helpButton(words.say('teams_show_topics')));
      break;
    case 'smalltalk':
      body.push(...cardMarkdown(reply.markdown), ...topicList(words.say('topics_heading'), reply.topics));
      body.push(...section(words.say('examples_heading'), choices(reply.examples)));
      break;
  }
  return adaptiveCard(body, fallbackTextOf(reply));
}

/** Title, answer and "Further reading" (web links only, one button each). */
export function answerBody(reply: AnswerReply, words: TeamsWords): CardElement[] {
  const links = reply.links.flatMap((l) => {
    const url = webUrl(l.url);
    return url ? [actions({ type: 'Action.OpenUrl', title: l.title, url })] : [];
  });
  return [
    paragraph([run(reply.title, { weight: 'Bolder', size: 'Medium' })]),
    ...cardMarkdown(reply.markdown),
    ...section(words.say('links_heading'), links),
  ];
}

/** A short text reply (thanks, throttled, error). Plain format: nothing in it is read as markup. */
export function renderText(markdown: string): TeamsMessage {
  return { type: 'message', text: toPlainText(markdown), textFormat: 'plain' };
}

/**
 * An entry to pick, as a row the whole width of the card that wraps its text: a button's title is
 * cut to one line (mid-word in the Agents Playground), and questions are often long.
 */
function choiceRow(s: Suggestion, question: string): Container {
  return {
    type: 'Container',
    style: 'emphasis',
    spacing: 'Small',
    selectAction: {
      type: 'Action.Submit',
      title: s.title,
      data: submitData({ berth: 'choose', entryId: s.id, question }),
    },
    items: [paragraph([run(s.title, { color: 'Accent' })])],
  };
}

function helpButton(title: string): ActionSet {
  return actions({ type: 'Action.Submit', title, data: submitData({ berth: 'help' }) });
}

/**
 * "Helpful" records at once; "Not helpful" opens a comment box inline and records on Send (with
 * or without a comment), so each vote is one event and nothing lands in the channel until then.
 */
function feedbackButtons(entryId: string, words: TeamsWords): CardElement[] {
  const helpful: SubmitAction = {
    type: 'Action.Submit',
    title: words.say('feedback_helpful'),
    data: submitData({ berth: 'feedback', entryId, helpful: true }),
  };
  const notHelpful: ShowCardAction = {
    type: 'Action.ShowCard',
    title: words.say('feedback_not_helpful'),
    card: {
      type: 'AdaptiveCard',
      body: [
        {
          type: 'Input.Text',
          id: COMMENT_INPUT_ID,
          label: words.say('teams_comment_label'),
          isMultiline: true,
          maxLength: MAX_COMMENT_CHARS,
        },
      ],
      actions: [
        {
          type: 'Action.Submit',
          title: words.say('teams_comment_send'),
          data: submitData({ berth: 'feedback', entryId, helpful: false }),
        },
      ],
    },
  };
  return [
    paragraph([run(words.say('feedback_prompt'), { isSubtle: true })], 'Medium'),
    actions(helpful, notHelpful),
  ];
}

/** A heading over a stack of rows; nothing when there are no rows. `subtle`: a quiet heading ("Not it?"). */
function section(heading: string, rows: CardElement[], subtle = false): CardElement[] {
  if (rows.length === 0) return [];
  const style = subtle ? { isSubtle: true } : { weight: 'Bolder' as const };
  return [paragraph([run(heading, style)], 'Medium'), ...rows];
}

function topicList(heading: string, topics: readonly TopicSummary[]): CardElement[] {
  if (topics.length === 0) return [];
  return [
    paragraph([run(heading, { weight: 'Bolder' })], 'Medium'),
    paragraph([run(topics.map((t) => `• ${t.name}`).join('\n'))], 'Small'),
  ];
}

/** One row per button: long questions stay readable instead of being cut to fit a shared row. */
function actions(...list: ActionSet['actions']): ActionSet {
  return { type: 'ActionSet', actions: list };
}

export function summaryOf(reply: Reply): string {
  return short(reply.outcome === 'answer' ? reply.title : toPlainText(reply.markdown));
}

export function fallbackTextOf(reply: Reply): string {
  const body = toPlainText(reply.markdown);
  return truncate(reply.outcome === 'answer' ? `${reply.title}\n\n${body}` : body, FALLBACK_CHARS);
}

function short(text: string): string {
  return truncate(text.replace(/\s+/g, ' ').trim(), SUMMARY_CHARS);
}
