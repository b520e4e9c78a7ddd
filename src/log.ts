/** The logging the core needs; pino's logger satisfies it. Fields first, message second. */
export interface Log {
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
}

/** A log that drops everything (CLI and tests). */
export const SILENT_LOG: Log = { info() {}, warn() {}, error() {} };

/** User text made safe for a one-line log: no CR/LF (no forged log lines), bounded length. */
export function loggable(text: string, max = 200): string {
  const flat = text.replace(/[\r\n\u2028\u2029]+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
