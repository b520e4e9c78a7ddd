import type { MessageKey, Wording } from '../../src/answer/messages.ts';

/** Slack's own words, in `knowledge/_bot/messages.yaml` (`berth check` requires them). */
export const SLACK_MESSAGE_KEYS = [
  'slack_you_asked',
  'slack_shared_by',
  'slack_share',
  'slack_show_topics',
  'slack_home_how',
  'slack_feedback_title',
  'slack_feedback_label',
  'slack_feedback_submit',
  'slack_feedback_cancel',
  'slack_watch_invite',
] as const;

export type SlackMessageKey = (typeof SLACK_MESSAGE_KEYS)[number];

/** What Slack may say: the core's messages and its own. */
export type SlackKey = MessageKey | SlackMessageKey;

/** Slack's wording: a misspelt key does not compile. */
export type SlackWords = Wording<SlackKey>;
