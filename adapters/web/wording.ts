/** The web chat page's own words, in `knowledge/_bot/messages.yaml` (`berth check` requires them). */
export const WEB_MESSAGE_KEYS = [
  'web_title',
  'web_tagline',
  'web_conversation_label',
  'web_question_label',
  'web_question_placeholder',
  'web_ask',
  'web_you_asked',
  'web_comment_label',
  'web_comment_send',
  'web_comment_skip',
  'web_show_topics',
  'web_offline',
  'web_noscript',
  'web_footer',
] as const;

export type WebMessageKey = (typeof WEB_MESSAGE_KEYS)[number];
