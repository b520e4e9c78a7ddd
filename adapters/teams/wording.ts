/** Microsoft Teams' own words, in `knowledge/_bot/messages.yaml` (`berth check` requires them). */
export const TEAMS_MESSAGE_KEYS = ['teams_comment_label', 'teams_comment_send', 'teams_show_topics'] as const;

export type TeamsMessageKey = (typeof TEAMS_MESSAGE_KEYS)[number];
