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
