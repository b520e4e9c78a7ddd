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

/**
 * A JSON key whose name says secret (any case, any depth) with a string or string-list value. Keys
 * start right after `{` or `,`, so text inside a string (a question quoting JSON) never matches.
 */
const SECRET_FIELD =
  /(?<=[{,])"([^"\\]*(?:authorization|cookie|token|secret|password|signature|api[-_]?key)[^"\\]*)":("(?:[^"\\]|\\.)*"|\[(?:"(?:[^"\\]|\\.)*",?)*\])/gi;
/** Credentials by their shape, wherever they appear (an error message, a pasted question). */
const SECRET_VALUE = /\b(?:Bearer|Basic) [A-Za-z0-9._~+/=-]{8,}|\bx(?:ox[abposr]|app)-[A-Za-z0-9-]{8,}/g;

/**
 * The last line of defence, on each finished line: SDK errors nest request headers (`Authorization`
 * with a capital A, three levels down) where REDACTED_PATHS cannot reach.
 */
export function scrubSecrets(line: string): string {
  return line
    .replace(SECRET_FIELD, (whole, key: string, value: string) =>
      value === '"[redacted]"' ? whole : `"${key}":"[redacted]"`,
    )
    .replace(SECRET_VALUE, '[redacted]');
}

/** JSON lines in production; a readable format when attached to a terminal (LOG_FORMAT overrides). */
export function createLogger(
  config: Pick<ServerConfig, 'logLevel' | 'logFormat'>,
  destination: NodeJS.WritableStream & { isTTY?: boolean } = process.stdout,
): Logger {
  const options = {
    level: config.logLevel,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    base: { app: 'berth' },
    hooks: { streamWrite: scrubSecrets },
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
      singleLine: true,
    }),
  );
}
