/** Slack's settings, read with the rest by the server (SLACK_* variables); all Slack is handed. */
export interface SlackConfig {
  botToken?: string;
  signingSecret?: string;
  /** Socket Mode when set (xapp-...). */
  appToken?: string;
  /** Web API base URL override, e.g. `http://127.0.0.1:4000/api/` in tests or GovSlack. */
  apiUrl?: string;
  /** The slash command, default `/berth`. */
  command: string;
  /**
   * Who "Still need a human" mentions under an automatic answer, as Slack writes a mention
   * (`<!subteam^S0123ABCD>`), so they are notified; unset, ESCALATION_CONTACT is named as text.
   */
  escalationMention?: string;
}
