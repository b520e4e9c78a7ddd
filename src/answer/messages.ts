import type { Messages } from '../knowledge/types.ts';

/**
 * Every key the core says to people, and the labels every channel shares (headings, feedback
 * buttons). They live in `knowledge/_bot/messages.yaml` so a team can reword or translate Berth
 * without touching code; `berth check` fails when one is missing. A channel's own words are listed
 * by the channel (its `ChannelRequirements`).
 */
export const MESSAGE_KEYS = [
  'bot_name',
  'clarify',
  'not_it',
  'fallback',
  'fallback_topics',
  'escalation',
  'links_heading',
  'related_heading',
  'topics_heading',
  'examples_heading',
  'feedback_prompt',
  'feedback_helpful',
  'feedback_not_helpful',
  'feedback_thanks',
  'feedback_sorry',
  'throttled',
  'error',
  'unknown_entry',
  'welcome',
  'out_of_scope',
  'auto_notice',
  'auto_solved',
  'auto_need_human',
  'auto_solved_thanks',
  'auto_handoff',
  'auto_handoff_already',
  'watch_on',
  'watch_already',
  'watch_off',
  'watch_not_watching',
  'watch_configured',
  'watch_only_channels',
  'quiet_on',
  'quiet_off',
  'quiet_invalid',
  'quiet_not_watching',
] as const;

export type MessageKey = (typeof MESSAGE_KEYS)[number];

/** `{name}` placeholders: values are filled in as they are (a channel escapes them first). */
export type MessageVars = Readonly<Record<string, string>>;

/**
 * Berth's wording for one knowledge version. `K` is the keys its user may say: a channel narrows
 * it to the core's keys and its own (`Wording<MessageKey | ChannelKey>`), so a misspelt key
 * does not compile.
 */
export interface Wording<K extends string> {
  /**
   * The message `key` with its `{name}` placeholders filled from `vars`. `format` converts the
   * template first (Markdown to a channel's markup, say), so the values are never converted themselves.
   * Example: words.say('fallback', { escalation: '#platform-help' })
   */
  say(key: K, vars?: MessageVars, format?: (template: string) => string): string;
}

/**
 * The wording of `messages`, for any key. Unknown keys fall back to the key itself so a
 * half-written organisation layer never crashes a reply (`berth check` reports it instead).
 */
export function wordingOf(messages: Messages): Wording<string> {
  return {
    say(key, vars = {}, format = (template) => template) {
      return format(messages[key] ?? key).replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole);
    },
  };
}

/** One of the core's messages. Example: say(messages, 'fallback', { escalation: '#platform-help' }) */
export function say(messages: Messages, key: MessageKey, vars: MessageVars = {}): string {
  return wordingOf(messages).say(key, vars);
}
