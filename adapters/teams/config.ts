/** Microsoft Teams' settings, read with the rest by the server (botbuilder's own names); all Teams is handed. */
export interface TeamsConfig {
  /** `TEAMS_ENABLED=false` turns the channel off; otherwise it is on (loopback-only without an app id). */
  enabled: boolean;
  /** Without it, Berth accepts unauthenticated requests from this machine only (local trial mode). */
  appId?: string;
  appPassword?: string;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  tenantId?: string;
  endpoints: TeamsEndpoints;
}

/**
 * Bot Framework endpoints, each overridable under botbuilder's own setting name (sovereign clouds,
 * and the tests, which point them at loopback). Unset: the public Azure cloud.
 */
export interface TeamsEndpoints {
  /** `ToBotFromChannelOpenIdMetadataUrl`: where the keys that sign Teams' requests are published. */
  openIdMetadataUrl?: string;
  /** `ToBotFromChannelTokenIssuer`: the `iss` those tokens must carry. */
  tokenIssuer?: string;
  /** `ToBotFromEmulatorOpenIdMetadataUrl`: keys for tokens issued by Entra ID directly (emulator, skills). */
  emulatorOpenIdMetadataUrl?: string;
  /** `ToChannelFromBotLoginUrl`: the authority Berth gets its own tokens from. */
  loginUrl?: string;
  /** `ToChannelFromBotOAuthScope`: the audience of Berth's own tokens. */
  oAuthScope?: string;
  /**
   * `TEAMS_TOKEN_ENDPOINT`: post the client-credentials grant straight to this URL instead of
   * discovering the endpoint from `loginUrl` (isolated clouds; tests). Password credentials only.
   */
  tokenEndpoint?: string;
}
