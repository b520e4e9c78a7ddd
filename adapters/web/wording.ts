import type { MessageKey, Wording } from '../../src/answer/messages.ts';

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

/** What the web chat may say: the core's messages and its own. A misspelt key does not compile. */
export type WebWords = Wording<MessageKey | WebMessageKey>;

const PAGE_KEYS: ReadonlySet<string> = new Set<string>([...WEB_MESSAGE_KEYS, 'bot_name']);

/** Whether a `{{key}}` placeholder in the page names one of the web chat's messages. */
export function isPageKey(key: string): key is WebMessageKey | 'bot_name' {
  return PAGE_KEYS.has(key);
}
