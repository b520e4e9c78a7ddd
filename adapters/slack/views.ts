import type { types } from '@slack/bolt';
import { say } from '../../src/answer/messages.ts';
import type { SmallTalkReply } from '../../src/answer/reply.ts';
import type { Messages } from '../../src/knowledge/types.ts';
import { encodeModalState, FEEDBACK_MODAL, type ModalState } from './action-ids.ts';
import { type Block, LIMITS, plainText, sections } from './blocks.ts';
import { escapeSlack, toMrkdwn } from './mrkdwn.ts';
import { mrkdwnMessage } from './render.ts';

/** The "what were you looking for?" input, as it comes back in `view.state.values`. */
export const COMMENT_INPUT = { block: 'comment', action: 'comment' } as const;
const COMMENT_MAX = 2000;

/**
 * The Home tab: what Berth does, how to ask, its topics and an example question for each.
 * `help` is the core's help reply (topics and examples). Pure.
 */
export function renderHome(help: SmallTalkReply, messages: Messages, command: string): types.HomeView {
  const blocks: Block[] = [
    { type: 'header', text: plainText(say(messages, 'bot_name'), LIMITS.headerText) },
    ...sections(toMrkdwn(say(messages, 'welcome'))),
    ...sections(mrkdwnMessage(messages, 'slack_home_how', { command: escapeSlack(command) })),
  ];
  if (help.topics.length > 0) {
    const topics = help.topics.map((t) => `• ${escapeSlack(t.name)} (${t.entryCount})`).join('\n');
    blocks.push(
      { type: 'divider' },
      ...sections(`*${mrkdwnMessage(messages, 'topics_heading')}*\n${topics}`),
    );
  }
  if (help.examples.length > 0) {
    const examples = help.examples.map((e) => `• ${escapeSlack(e.title)}`).join('\n');
    blocks.push(...sections(`*${mrkdwnMessage(messages, 'examples_heading')}*\n${examples}`));
  }
  return { type: 'home', blocks: blocks.slice(0, LIMITS.homeBlocks) };
}

/** The modal opened by "Not helpful": one optional text box; `state` says where to thank them. */
export function renderFeedbackModal(messages: Messages, state: ModalState): types.ModalView {
  return {
    type: 'modal',
    callback_id: FEEDBACK_MODAL,
    private_metadata: encodeModalState(state),
    notify_on_close: true,
    title: plainText(say(messages, 'slack_feedback_title'), LIMITS.modalTitle),
    submit: plainText(say(messages, 'slack_feedback_submit'), LIMITS.modalTitle),
    close: plainText(say(messages, 'slack_feedback_cancel'), LIMITS.modalTitle),
    blocks: [
      {
        type: 'input',
        block_id: COMMENT_INPUT.block,
        optional: true,
        label: plainText(say(messages, 'slack_feedback_label'), 2000),
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
