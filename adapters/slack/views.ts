import type { types } from '@slack/bolt';
import type { SmallTalkReply } from '../../src/answer/reply.ts';
import { encodeModalState, FEEDBACK_MODAL, type ModalState } from './action-ids.ts';
import { type Block, LIMITS, plainText, sections } from './blocks.ts';
import { escapeSlack, toMrkdwn } from './mrkdwn.ts';
import { mrkdwnMessage } from './render.ts';
import type { SlackWords } from './wording.ts';

/** The "what were you looking for?" input, as it comes back in `view.state.values`. */
export const COMMENT_INPUT = { block: 'comment', action: 'comment' } as const;
const COMMENT_MAX = 2000;

/**
 * The Home tab: what Berth does, how to ask, its topics and an example question for each.
 * `welcome` is the core's welcome reply (the welcome message, topics and examples). Pure.
 */
export function renderHome(welcome: SmallTalkReply, words: SlackWords, command: string): types.HomeView {
  const blocks: Block[] = [
    { type: 'header', text: plainText(words.say('bot_name'), LIMITS.headerText) },
    ...sections(toMrkdwn(welcome.markdown)),
    ...sections(mrkdwnMessage(words, 'slack_home_how', { command: escapeSlack(command) })),
  ];
  if (welcome.topics.length > 0) {
    const topics = welcome.topics.map((t) => `• ${escapeSlack(t.name)} (${t.entryCount})`).join('\n');
    blocks.push({ type: 'divider' }, ...sections(`*${mrkdwnMessage(words, 'topics_heading')}*\n${topics}`));
  }
  if (welcome.examples.length > 0) {
    const examples = welcome.examples.map((e) => `• ${escapeSlack(e.title)}`).join('\n');
    blocks.push(...sections(`*${mrkdwnMessage(words, 'examples_heading')}*\n${examples}`));
  }
  return { type: 'home', blocks: blocks.slice(0, LIMITS.homeBlocks) };
}

/** The modal opened by "Not helpful": one optional text box; `state` says where to thank them. */
export function renderFeedbackModal(words: SlackWords, state: ModalState): types.ModalView {
  return {
    type: 'modal',
    callback_id: FEEDBACK_MODAL,
    private_metadata: encodeModalState(state),
    notify_on_close: true,
    title: plainText(words.say('slack_feedback_title'), LIMITS.modalTitle),
    submit: plainText(words.say('slack_feedback_submit'), LIMITS.modalTitle),
    close: plainText(words.say('slack_feedback_cancel'), LIMITS.modalTitle),
    blocks: [
      {
        type: 'input',
        block_id: COMMENT_INPUT.block,
        optional: true,
        label: plainText(words.say('slack_feedback_label'), 2000),
        element: {
          type: 'plain_text_input',
          action_id: COMMENT_INPUT.action,
          multiline: true,
          max_length: COMMENT_MAX,
        },
      },
    ],
  };
}
