import type { PlaceRef } from '../../src/auto-answer/types.ts';
import { ConfigError, type CoreConfig, type Env, EnvReader, readCoreConfig } from '../../src/config.ts';
import type { SlackConfig } from '../slack/config.ts';
import type { TeamsConfig, TeamsEndpoints } from '../teams/config.ts';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** Everything `berth serve` needs, read and validated in one place. */
export interface ServerConfig extends CoreConfig {
  port: number;
  host: string;
  logLevel: LogLevel;
  logFormat: 'auto' | 'json' | 'pretty';
  /** Request bodies larger than this are refused with 413. */
  bodyLimitBytes: number;
  rateLimit: { perMinute: number; burst: number };
  watchKnowledge: boolean;
  shutdownTimeoutMs: number;
  /** Channels answered unasked without a command (AUTO_ANSWER_CHANNELS), e.g. `slack:C0123ABCD`. */
  autoAnswerChannels: PlaceRef[];
  slack: SlackConfig;
  teams: TeamsConfig;
}

/**
 * Reads the server's configuration from an environment (the process environment merged with .env by the
 * entry point). Throws a ConfigError naming the variable on any malformed value.
 */
export function readServerConfig(env: Env, cwd = process.cwd()): ServerConfig {
  const read = new EnvReader(env);
  const command = read.string('SLACK_SLASH_COMMAND', '/berth')!;
  if (!/^\/[a-z0-9_-]{1,31}$/i.test(command)) {
    throw new ConfigError('SLACK_SLASH_COMMAND', 'a command like "/berth"', command);
  }
  return {
    ...readCoreConfig(env, cwd),
    port: read.number('PORT', 3978, { min: 0, max: 65_535, integer: true }),
    host: read.string('HOST', '127.0.0.1')!,
    logLevel: read.oneOf<LogLevel>('LOG_LEVEL', 'info', [
      'fatal',
      'error',
      'warn',
      'info',
      'debug',
      'trace',
      'silent',
    ]),
    logFormat: read.oneOf('LOG_FORMAT', 'auto', ['auto', 'json', 'pretty'] as const),
    bodyLimitBytes: read.number('BODY_LIMIT_BYTES', 256 * 1024, {
      min: 1024,
      max: 50 * 1024 * 1024,
      integer: true,
    }),
    rateLimit: {
      perMinute: read.number('RATE_LIMIT_PER_MINUTE', 20, { min: 1, max: 100_000 }),
      burst: read.number('RATE_LIMIT_BURST', 5, { min: 1, max: 10_000, integer: true }),
    },
    watchKnowledge: read.boolean('KNOWLEDGE_WATCH', true),
    shutdownTimeoutMs: read.number('SHUTDOWN_TIMEOUT_MS', 8000, { min: 0, max: 60_000, integer: true }),
    autoAnswerChannels: readAutoAnswerChannels(read),
    slack: {
      botToken: slackToken(read, 'SLACK_BOT_TOKEN', 'xoxb-', 'the Bot User OAuth Token'),
      signingSecret: read.string('SLACK_SIGNING_SECRET'),
      appToken: slackToken(read, 'SLACK_APP_TOKEN', 'xapp-', 'an app-level token with connections:write'),
      apiUrl: read.string('SLACK_API_URL'),
      command,
      escalationMention: slackMention(read),
    },
    teams: readTeamsConfig(read),
  };
}

/** The Microsoft Teams (Bot Framework) settings; combinations botbuilder would reject fail here, by name. */
function readTeamsConfig(read: EnvReader): TeamsConfig {
  const appId = read.string('MicrosoftAppId');
  const appPassword = read.string('MicrosoftAppPassword');
  const tenantId = read.string('MicrosoftAppTenantId');
  // Azure creates only single-tenant bots since July 2025, so a tenant id alone means SingleTenant.
  const appType = read.oneOf('MicrosoftAppType', tenantId ? 'SingleTenant' : 'MultiTenant', [
    'MultiTenant',
    'SingleTenant',
    'UserAssignedMSI',
  ] as const);
  const url = (name: string) => {
    const value = read.string(name);
    if (value !== undefined && !/^https?:\/\/[^\s/]+/i.test(value))
      throw new ConfigError(name, 'an absolute http(s) URL', value);
    return value;
  };
  const endpoints: TeamsEndpoints = {
    openIdMetadataUrl: url('ToBotFromChannelOpenIdMetadataUrl'),
    tokenIssuer: read.string('ToBotFromChannelTokenIssuer'),
    emulatorOpenIdMetadataUrl: url('ToBotFromEmulatorOpenIdMetadataUrl'),
    loginUrl: url('ToChannelFromBotLoginUrl'),
    oAuthScope: read.string('ToChannelFromBotOAuthScope'),
    tokenEndpoint: url('TEAMS_TOKEN_ENDPOINT'),
  };
  if (appId === undefined && appPassword !== undefined)
    throw new ConfigError('MicrosoftAppId', 'the app id that MicrosoftAppPassword belongs to');
  if (appId !== undefined) {
    const managed = appType === 'UserAssignedMSI';
    if (!managed && appPassword === undefined)
      throw new ConfigError('MicrosoftAppPassword', `the client secret of app ${appId}`);
    if (managed && appPassword !== undefined)
      throw new ConfigError('MicrosoftAppPassword', 'unset when MicrosoftAppType is UserAssignedMSI');
    if (appType !== 'MultiTenant' && tenantId === undefined)
      throw new ConfigError('MicrosoftAppTenantId', `the tenant id (required for ${appType})`);
    if (managed && endpoints.tokenEndpoint !== undefined)
      throw new ConfigError('TEAMS_TOKEN_ENDPOINT', 'unset when MicrosoftAppType is UserAssignedMSI');
    // MSAL refuses an authority that is not https, but only at the first reply: fail at start-up.
    const login = endpoints.loginUrl;
    if (endpoints.tokenEndpoint !== undefined && login !== undefined && !/^https:/i.test(login))
      throw new ConfigError(
        'ToChannelFromBotLoginUrl',
        'an https URL (MSAL refuses other authorities)',
        login.replace(/\/+$/, ''),
      );
  }
  return { enabled: read.boolean('TEAMS_ENABLED', true), appId, appPassword, appType, tenantId, endpoints };
}

/** What each channel's ids look like in AUTO_ANSWER_CHANNELS. */
const PLACE_IDS: Record<string, RegExp> = {
  slack: /^[CG][A-Z0-9]{2,40}$/,
  teams: /^19:[^\s,]+@thread\.[a-z0-9]+$/i,
};

/** `slack:C0123ABCD,teams:19:abc…@thread.tacv2`: channels answered unasked from start-up. */
function readAutoAnswerChannels(read: EnvReader): PlaceRef[] {
  const items = (read.string('AUTO_ANSWER_CHANNELS') ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  return items.map((item) => {
    const at = item.indexOf(':');
    const channel = item.slice(0, at).toLowerCase();
    const place = item.slice(at + 1);
    if (at < 0 || !PLACE_IDS[channel]?.test(place))
      throw new ConfigError(
        'AUTO_ANSWER_CHANNELS',
        'a comma-separated list of slack:<channel id> (like slack:C0123ABCD) or teams:<channel id> (like teams:19:abc…@thread.tacv2)',
        item,
      );
    return { channel, place };
  });
}

/** SLACK_ESCALATION_MENTION: who "Still need a human" pings, as Slack writes a mention. */
function slackMention(read: EnvReader): string | undefined {
  const mention = read.string('SLACK_ESCALATION_MENTION');
  if (
    mention !== undefined &&
    !/^<(?:@[UW][A-Z0-9]+|!subteam\^S[A-Z0-9]+|#C[A-Z0-9]+)(?:\|[^<>]*)?>$/.test(mention)
  )
    throw new ConfigError(
      'SLACK_ESCALATION_MENTION',
      'a Slack mention: <@U0123ABCD> (a person), <!subteam^S0123ABCD> (a user group) or <#C0123ABCD> (a channel)',
      mention,
    );
  return mention;
}

/** A Slack token, checked by its prefix (a common mix-up is the bot token in SLACK_APP_TOKEN); never echoed. */
function slackToken(read: EnvReader, name: string, prefix: string, what: string): string | undefined {
  const token = read.string(name);
  if (token !== undefined && !token.startsWith(prefix))
    throw new ConfigError(name, `${what}, starting with "${prefix}" (value not shown)`);
  return token;
}
