import { ConfigError, type CoreConfig, type Env, EnvReader, readCoreConfig } from '../../src/config.ts';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

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

export interface TeamsConfig {
  appId?: string;
  appPassword?: string;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  tenantId?: string;
}

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
  slack: SlackConfig;
  teams: TeamsConfig;
}

/**
 * Reads the server's configuration from an environment (process.env merged with .env by the
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
    slack: {
      botToken: read.string('SLACK_BOT_TOKEN'),
      signingSecret: read.string('SLACK_SIGNING_SECRET'),
      appToken: read.string('SLACK_APP_TOKEN'),
      apiUrl: read.string('SLACK_API_URL'),
      command,
    },
    teams: {
      appId: read.string('MicrosoftAppId'),
      appPassword: read.string('MicrosoftAppPassword'),
      appType: read.oneOf('MicrosoftAppType', 'MultiTenant', [
        'MultiTenant',
        'SingleTenant',
        'UserAssignedMSI',
      ] as const),
      tenantId: read.string('MicrosoftAppTenantId'),
    },
  };
}
