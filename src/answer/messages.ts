import type { Messages } from '../knowledge/types.ts';

/**
 * Every key the core and the adapters say to people. They live in `knowledge/_bot/messages.yaml`
 * so a team can reword or translate Berth without touching code; `berth check` fails when one is
 * missing.
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
  // The web chat page (adapters/web).
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
  // Slack (adapters/slack).
  'slack_you_asked',
  'slack_shared_by',
  'slack_share',
  'slack_show_topics',
  'slack_home_how',
  'slack_feedback_title',
  'slack_feedback_label',
  'slack_feedback_submit',
  'slack_feedback_cancel',
  // Microsoft Teams (adapters/teams).
  'teams_comment_label',
  'teams_comment_send',
  'teams_show_topics',
] as const;

export type MessageKey = (typeof MESSAGE_KEYS)[number];

/**
 * A message with `{name}` placeholders filled in. Unknown keys fall back to the key itself so a
 * half-written organisation layer never crashes a reply (`berth check` reports it instead).
 * Example: say(messages, 'fallback', { escalation: '#platform-help' })
 */
export function say(messages: Messages, key: string, vars: Record<string, string> = {}): string {
  const template = messages[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole);
}
