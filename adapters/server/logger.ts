import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { ServerConfig } from './config.ts';

export type { Logger };

/** Field paths that may hold credentials; pino replaces their values before anything is written. */
export const REDACTED_PATHS = [
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
  'token',
  '*.token',
  'password',
  '*.password',
  'secret',
  '*.secret',
  'signingSecret',
  '*.signingSecret',
  'botToken',
  '*.botToken',
  'appToken',
  '*.appToken',
  'appPassword',
  '*.appPassword',
  'x-slack-signature',
  '*.x-slack-signature',
];

/** JSON lines in production; a readable format when attached to a terminal (LOG_FORMAT overrides). */
export function createLogger(
  config: Pick<ServerConfig, 'logLevel' | 'logFormat'>,
  destination: NodeJS.WritableStream & { isTTY?: boolean } = process.stdout,
): Logger {
  const options = {
    level: config.logLevel,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    base: { app: 'berth' },
  };
  const human = config.logFormat === 'pretty' || (config.logFormat === 'auto' && destination.isTTY === true);
  if (!human) return pino(options, destination);
  return pino(
    options,
    pretty({
      destination,
      colorize: destination.isTTY === true,
      ignore: 'pid,hostname,app',
      translateTime: 'HH:MM:ss',
    }),
  );
}
