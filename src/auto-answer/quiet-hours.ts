import type { QuietHours } from './types.ts';

const MINUTES_PER_DAY = 24 * 60;
const SPAN = /^(\d{1,2})(?::(\d{2}))?\s*(?:-|–|to)\s*(\d{1,2})(?::(\d{2}))?(?:\s+(\S+))?$/i;

/** What a quiet-hours setting says: set these hours, remove them, or it could not be read. */
export type QuietHoursSpec = { kind: 'set'; quiet: QuietHours } | { kind: 'off' } | { kind: 'invalid' };

/**
 * Reads `18:00-08:00`, `22-7 Europe/Berlin` or `off`. Hours without a time zone are in
 * `defaultTimeZone` (the asker's, when their channel knows it; else UTC). A span may cross
 * midnight; an empty one (`9-9`), a time past 24:00 or an unknown zone is invalid.
 * Example: parseQuietHours('18:00-08:00 Europe/Berlin') -> { kind: 'set', quiet: { from: 1080, to: 480, timeZone: 'Europe/Berlin' } }
 */
export function parseQuietHours(text: string, defaultTimeZone = 'UTC'): QuietHoursSpec {
  const spec = text.trim();
  if (/^(?:off|none|clear)$/i.test(spec)) return { kind: 'off' };
  const m = SPAN.exec(spec);
  if (!m) return { kind: 'invalid' };
  const from = minutes(m[1], m[2]);
  const to = minutes(m[3], m[4]);
  const timeZone = canonicalZone(m[5] ?? defaultTimeZone);
  if (from === undefined || to === undefined || from === to || timeZone === undefined)
    return { kind: 'invalid' };
  return { kind: 'set', quiet: { from: from % MINUTES_PER_DAY, to: to % MINUTES_PER_DAY, timeZone } };
}

/** Whether `at` falls within the quiet hours (from inclusive, to exclusive). */
export function isQuiet(quiet: QuietHours, at: Date): boolean {
  const now = minuteOfDay(at, quiet.timeZone);
  return quiet.from < quiet.to ? now >= quiet.from && now < quiet.to : now >= quiet.from || now < quiet.to;
}

/** `18:00`, for messages. */
export function clock(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

function minutes(hours: string | undefined, mins: string | undefined): number | undefined {
  const h = Number(hours);
  const m = Number(mins ?? '0');
  if (!Number.isInteger(h) || !Number.isInteger(m) || m > 59 || h > 24 || (h === 24 && m > 0))
    return undefined;
  return h * 60 + m;
}

/** The zone's canonical name, or undefined when the runtime does not know it. */
function canonicalZone(zone: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

function minuteOfDay(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return part('hour') * 60 + part('minute');
}
