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
}
