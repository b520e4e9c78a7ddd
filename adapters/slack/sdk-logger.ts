import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { ChannelLog } from '../channel/contract.ts';

/**
 * Bolt's, the WebClient's and the Socket Mode client's logging, sent to Berth's pino logger with
 * `sdk: 'slack'` so it is redacted, formatted and filtered like everything else. Their debug output
 * (whole payloads) goes to `trace`; pino's level decides, so `setLevel` is ignored.
 */
export function sdkLogger(log: ChannelLog): BoltLogger {
  const child = log.child({ sdk: 'slack' });
  const write =
    (level: 'trace' | 'info' | 'warn' | 'error') =>
    (...parts: unknown[]): void => {
      const err = parts.find((p): p is Error => p instanceof Error);
      const message = parts
        .filter((p) => p !== err)
        .map((p) => (typeof p === 'string' ? p : safeJson(p)))
        .join(' ');
      child[level](err ? { err } : {}, message || err?.message || '');
    };
  return {
    debug: write('trace'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    setLevel: () => {},
    getLevel: () => (child.isLevelEnabled('trace') ? LogLevel.DEBUG : LogLevel.INFO),
    setName: () => {},
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
