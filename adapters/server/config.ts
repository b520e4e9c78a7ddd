import { isIP } from 'node:net';
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
  /**
   * TRUST_PROXY: the reverse proxies whose forwarding headers (X-Forwarded-For) name the client's
   * address; empty: the socket's address is the client's, and forwarding headers are ignored.
   */
  trustProxy: string[];
  slack: SlackConfig;
  teams: TeamsConfig;
  /** REDIS_URL set: de-duplication and rate limits shared by every replica (docs/scaling.md). */
  redis?: RedisConfig;
}

export interface RedisConfig {
  /** `redis://[user:password@]host:6379[/db]` or `rediss://...`; never logged as is. */
  url: string;
  /** Put before every key Berth writes, so several Berths (or test runs) can share one Redis. */
  keyPrefix: string;
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
    trustProxy: readTrustProxy(read),
    slack: {
      botToken: slackToken(read, 'SLACK_BOT_TOKEN', 'xoxb-', 'the Bot User OAuth Token'),
      signingSecret: read.string('SLACK_SIGNING_SECRET'),
      appToken: slackToken(read, 'SLACK_APP_TOKEN', 'xapp-', 'an app-level token with connections:write'),
      apiUrl: read.string('SLACK_API_URL'),
      command,
      escalationMention: slackMention(read),
    },
    teams: readTeamsConfig(read),
    ...readRedisConfig(read),
  };
}

/** REDIS_URL and REDIS_KEY_PREFIX; nothing when REDIS_URL is unset (state stays in this process). */
function readRedisConfig(read: EnvReader): { redis?: RedisConfig } {
  const url = read.string('REDIS_URL');
  if (url === undefined) return {};
  if (!/^rediss?:\/\/\S+$/i.test(url))
    throw new ConfigError(
      'REDIS_URL',
      'a URL like redis://host:6379 or rediss://host:6380 (value not shown)',
    );
  const keyPrefix = read.string('REDIS_KEY_PREFIX', 'berth:')!;
  if (!/^[\w:.-]{1,64}$/.test(keyPrefix))
    throw new ConfigError('REDIS_KEY_PREFIX', 'up to 64 letters, digits and _ : . -', keyPrefix);
  return { redis: { url, keyPrefix } };
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

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** TRUST_PROXY: addresses or subnets (CIDR) of your proxies, or loopback/linklocal/uniquelocal, comma-separated. */
function readTrustProxy(read: EnvReader): string[] {
  const raw = read.string('TRUST_PROXY');
  if (raw === undefined || ['false', 'off', 'no', '0'].includes(raw.toLowerCase())) return [];
  const items = raw
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  for (const item of items) {
    const [address = '', bits, ...rest] = item.split('/');
    const family = isIP(address);
    const prefixOk =
      bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
    if (!PROXY_NAMES.includes(item) && (family === 0 || !prefixOk || rest.length > 0))
      throw new ConfigError(
        'TRUST_PROXY',
        'proxy addresses or subnets, comma-separated (e.g. "10.0.0.0/8,127.0.0.1", or "loopback")',
        raw,
      );
  }
  return items;
}

/** A Slack token, checked by its prefix (a common mix-up is the bot token in SLACK_APP_TOKEN); never echoed. */
function slackToken(read: EnvReader, name: string, prefix: string, what: string): string | undefined {
  const token = read.string(name);
  if (token !== undefined && !token.startsWith(prefix))
    throw new ConfigError(name, `${what}, starting with "${prefix}" (value not shown)`);
  return token;
}
