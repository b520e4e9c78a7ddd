import type { MessageKey, Wording } from '../../src/answer/messages.ts';

/** Microsoft Teams' own words, in `knowledge/_bot/messages.yaml` (`berth check` requires them). */
export const TEAMS_MESSAGE_KEYS = [
  'teams_comment_label',
  'teams_comment_send',
  'teams_show_topics',
  'teams_you_picked',
] as const;

export type TeamsMessageKey = (typeof TEAMS_MESSAGE_KEYS)[number];

/** What Teams may say: the core's messages and its own. A misspelt key does not compile. */
export type TeamsWords = Wording<MessageKey | TeamsMessageKey>;
