import type { types } from '@slack/bolt';
import { decodeEntities } from '../../lib/entities.ts';
import { toPlainText } from '../../lib/plain-text.ts';
import type {
  AnswerReply,
  ClarifyReply,
  FallbackReply,
  Reply,
  SmallTalkReply,
  Suggestion,
} from '../../src/answer/reply.ts';
import { ACTION, encodeButtonValue } from './action-ids.ts';
import { actions, type Block, button, clip, context, LIMITS, sections, slackLink } from './blocks.ts';
import { escapeSlack, toMrkdwn } from './mrkdwn.ts';
import type { SlackKey, SlackWords } from './wording.ts';

/** A message for chat.postMessage or a response_url: Block Kit plus the plain `text` fallback. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

export interface RenderOptions {
  /** What the person typed (raw Slack text), shown back above the reply, escaped. */
  echo?: string;
  /** Set when the answer is shared in a channel: "<@user> asked: …" and no buttons. */
  sharedBy?: string;
  /** Offer "Share in channel" (private answers to the slash command). */
  shareable?: boolean;
}

/** Reply -> Block Kit, within Slack's limits for any entry. Pure. */
export function renderReply(reply: Reply, words: SlackWords, options: RenderOptions = {}): SlackMessage {
  const echo = echoBlock(words, options);
  const body = bodyOf(reply, words, options);
  return { text: body.text, blocks: [...echo, ...body.blocks].slice(0, LIMITS.messageBlocks) };
}

/** A short message from Berth's wording (throttled, thanks, errors): Markdown in, mrkdwn out. */
export function renderNote(markdown: string): SlackMessage {
  return { text: fallbackText(plain(markdown)), blocks: sections(toMrkdwn(markdown)) };
}

/**
 * User text made safe to show in Slack: Slack's own escapes undone, then &, < and > escaped, so
 * `<!channel>` or `<@U123>` is shown as typed and pings nobody.
 */
export function quoteUserText(raw: string, max = 300): string {
  return escapeSlack(clip(decodeEntities(raw).replace(/\s+/g, ' ').trim(), max));
}

/** A message template converted to mrkdwn, then `vars` (already mrkdwn) filled in. */
export function mrkdwnMessage(words: SlackWords, key: SlackKey, vars: Record<string, string> = {}): string {
  return words.say(key, vars, toMrkdwn);
}

function bodyOf(reply: Reply, words: SlackWords, options: RenderOptions): SlackMessage {
  switch (reply.outcome) {
    case 'answer':
      return renderAnswer(reply, words, options);
    case 'clarify':
      return renderClarify(reply);
    case 'fallback':
      return renderFallback(reply, words);
    case 'smalltalk':
      return renderSmallTalk(reply, words);
  }
}

function echoBlock(words: SlackWords, { echo, sharedBy }: RenderOptions): Block[] {
  if (echo === undefined || !echo.trim()) return [];
  const question = quoteUserText(echo);
  const line = sharedBy
    ? mrkdwnMessage(words, 'slack_shared_by', { user: `<@${sharedBy}>`, question })
    : mrkdwnMessage(words, 'slack_you_asked', { question });
  return [context(line)];
}

function renderAnswer(reply: AnswerReply, words: SlackWords, options: RenderOptions): SlackMessage {
  const blocks: Block[] = [...sections(`*${escapeSlack(reply.title)}*\n\n${toMrkdwn(reply.markdown)}`)];
  if (reply.links.length > 0) {
    const heading = `*${mrkdwnMessage(words, 'links_heading')}:*`;
    blocks.push(
      context(
        heading,
        reply.links.map((l) => slackLink(l.title, l.url)),
      ),
    );
  }
  if (options.sharedBy === undefined) {
    if (reply.alternatives.length > 0) {
      // The runners-up, right under the answer: picking one answers the question that was asked.
      blocks.push(context(mrkdwnMessage(words, 'not_it')));
      blocks.push(actions(choiceButtons(reply.alternatives, reply.query)));
    }
    if (reply.related.length > 0) {
      blocks.push(context(mrkdwnMessage(words, 'related_heading')));
      blocks.push(actions(choiceButtons(reply.related, reply.query)));
    }
    const value = encodeButtonValue({ entryId: reply.id, question: reply.query });
    const buttons = [
      button(words.say('feedback_helpful'), ACTION.helpful, value),
      button(words.say('feedback_not_helpful'), ACTION.notHelpful, value),
    ];
    if (options.shareable) buttons.push(button(words.say('slack_share'), ACTION.share, value, 'primary'));
    blocks.push(context(mrkdwnMessage(words, 'feedback_prompt')), actions(buttons));
  }
  return { text: fallbackText(`${reply.title}\n\n${plain(reply.markdown)}`), blocks };
}

function renderClarify(reply: ClarifyReply): SlackMessage {
  const blocks: Block[] = [
    ...sections(toMrkdwn(reply.markdown)),
    actions(choiceButtons(reply.candidates, reply.query)),
  ];
  const titles = reply.candidates.map((c) => `- ${c.title}`).join('\n');
  return { text: fallbackText(`${plain(reply.markdown)}\n${titles}`), blocks };
}

function renderFallback(reply: FallbackReply, words: SlackWords): SlackMessage {
  const blocks: Block[] = [...sections(toMrkdwn(reply.markdown))];
  if (reply.suggestions.length > 0) {
    // Something came close: name the nearby topics and offer the near entries.
    const heading = `*${mrkdwnMessage(words, 'fallback_topics')}*`;
    blocks.push(
      context(
        heading,
        reply.topics.map((t) => escapeSlack(t.name)),
      ),
    );
    blocks.push(actions(choiceButtons(reply.suggestions, reply.query)));
  } else {
    // Nothing came close: listing every topic is noise; one click shows them with examples.
    blocks.push(actions([button(words.say('slack_show_topics'), ACTION.topics)]));
  }
  return { text: fallbackText(plain(reply.markdown)), blocks };
}

function renderSmallTalk(reply: SmallTalkReply, words: SlackWords): SlackMessage {
  const blocks: Block[] = [...sections(toMrkdwn(reply.markdown))];
  if (reply.topics.length > 0) {
    const list = reply.topics.map((t) => `• ${escapeSlack(t.name)} (${t.entryCount})`).join('\n');
    blocks.push(...sections(`*${mrkdwnMessage(words, 'topics_heading')}*\n${list}`));
  }
  if (reply.examples.length > 0) {
    blocks.push(context(mrkdwnMessage(words, 'examples_heading')));
    blocks.push(actions(choiceButtons(reply.examples, reply.query)));
  }
  return { text: fallbackText(plain(reply.markdown)), blocks };
}

function choiceButtons(choices: readonly Suggestion[], question: string): types.Button[] {
  return choices
    .slice(0, LIMITS.actionsElements)
    .map((c, i) => button(c.title, `${ACTION.choose}_${i}`, encodeButtonValue({ entryId: c.id, question })));
}

/** Markdown as notification text: soft breaks joined, as in the blocks. */
function plain(markdown: string): string {
  return toPlainText(markdown, { joinSoftBreaks: true });
}

/** The `text` Slack shows in notifications and where blocks cannot be shown; escaped like any text. */
export function fallbackText(plain: string): string {
  return escapeSlack(clip(plain.trim(), LIMITS.fallbackText));
}
