import { toPlainText } from '../../lib/plain-text.ts';
import type { AnswerReply } from '../../src/answer/reply.ts';
import { ACTION, encodeButtonValue } from './action-ids.ts';
import { actions, type Block, button, context, sections, slackLink } from './blocks.ts';
import { escapeSlack, toMrkdwn } from './mrkdwn.ts';
import { fallbackText, mrkdwnMessage, type SlackMessage } from './render.ts';
import type { SlackWords } from './wording.ts';

/**
 * An automatic answer in the thread of a post: the answer and its links under a line saying it
 * was automatic, and two buttons, "Solved it" and "Still need a human". No related questions or
 * "Not it?" choices: nobody asked, so Berth says one thing and stops. Pure.
 */
export function renderAutoAnswer(reply: AnswerReply, words: SlackWords): SlackMessage {
  const blocks: Block[] = [
    context(mrkdwnMessage(words, 'auto_notice')),
    ...sections(`*${escapeSlack(reply.title)}*\n\n${toMrkdwn(reply.markdown)}`),
  ];
  if (reply.links.length > 0)
    blocks.push(
      context(
        `*${mrkdwnMessage(words, 'links_heading')}:*`,
        reply.links.map((l) => slackLink(l.title, l.url)),
      ),
    );
  const value = encodeButtonValue({ entryId: reply.id, question: '' });
  blocks.push(
    actions([
      button(words.say('auto_solved'), ACTION.autoSolved, value, 'primary'),
      button(words.say('auto_need_human'), ACTION.autoHuman, value),
    ]),
  );
  const text = `${toPlainText(words.say('auto_notice'))}\n\n${reply.title}\n\n${toPlainText(reply.markdown)}`;
  return { text: fallbackText(text), blocks };
}

/**
 * "Still need a human", said in the thread for everyone: names the person who clicked and
 * mentions `escalation`, which is either a Slack mention (SLACK_ESCALATION_MENTION, so they are
 * notified) or ESCALATION_CONTACT shown as text.
 */
export function renderHandoff(words: SlackWords, user: string, escalation: SlackEscalation): SlackMessage {
  const who = escalation.mention ?? escapeSlack(escalation.contact);
  const mrkdwn = mrkdwnMessage(words, 'auto_handoff', { user: `<@${user}>`, escalation: who });
  // The mention goes in `text` too: notifications are built from it.
  return { text: mrkdwn, blocks: sections(mrkdwn) };
}

/** Who to hand a thread to: the contact's name, and how to mention them in Slack if configured. */
export interface SlackEscalation {
  contact: string;
  mention?: string;
}
