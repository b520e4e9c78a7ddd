import { createHmac, randomBytes } from 'node:crypto';

/** How question and comment text is stored: verbatim, with obvious secrets removed, or not at all. */
export type TextMode = 'full' | 'redacted' | 'off';
export const TEXT_MODES: readonly TextMode[] = ['full', 'redacted', 'off'];

/** A pattern for something that must not be stored, and what stands in its place. */
interface Redaction {
  pattern: RegExp;
  replace: (match: string, ...groups: string[]) => string;
}

const as = (placeholder: string) => () => placeholder;

/** Matches any placeholder `redact` leaves behind. */
export const REDACTION_MARKER = /\[(?:credentials|email|private key|token|secret)\]/;

// Order matters: credentials inside URLs go before e-mail addresses (`user:pass@host` looks like
// one), and specific token shapes before the generic "long random string" rules.
const REDACTIONS: readonly Redaction[] = [
  // https://user:password@host/ -> https://[credentials]@host/
  {
    pattern: /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi,
    replace: (_m, scheme = '') => `${scheme}[credentials]@`,
  },
  { pattern: /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu, replace: as('[email]') },
  {
    pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g,
    replace: as('[private key]'),
  },
  { pattern: /\bx(?:ox[abposre]|app)-[A-Za-z0-9-]{6,}/g, replace: as('[token]') }, // chat bot and app tokens
  { pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/g, replace: as('[token]') },
  { pattern: /\bdckr_pat_[A-Za-z0-9_-]{10,}/g, replace: as('[token]') }, // Docker Hub
  { pattern: /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, replace: as('[token]') }, // JWT
  { pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, replace: as('[token]') }, // AWS access key id
  {
    // `password=...`, `DB_PASSWORD: ...`, `--password ...`; a bare "secret" only with `=`.
    pattern:
      /((?<![a-z0-9])(?:(?:password|passwd|pwd|token|(?:api|access|secret)[_-]?key|client[_-]?secret)\s*[=:]|secret\s*=)\s*|--password[= ])\S+/gi,
    replace: (_m, key = '') => `${key}[secret]`,
  },
  // Long hex (API keys, session ids); an image digest (`sha256:...`) is an address, not a secret.
  { pattern: /(?<!sha(?:256|512):)\b[0-9a-f]{32,}\b/gi, replace: as('[secret]') },
  // AWS secret access keys: 40 characters of base64 (may contain `/` and `+`).
  {
    pattern: /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])/g,
    replace: (m) => (looksRandom(m) ? '[secret]' : m),
  },
  // Other long random strings (API keys, base64url secrets); `/` left out so paths survive.
  { pattern: /[A-Za-z0-9+_-]{32,}={0,2}/g, replace: (m) => (looksRandom(m) ? '[secret]' : m) },
];

/**
 * Random-looking: digits, both cases (each at least a fifth of the letters) and high entropy.
 * Random base64 of 32+ characters passes >99%; `my-long-service-name-2024-Production` does not.
 */
function looksRandom(text: string): boolean {
  const upper = text.replace(/[^A-Z]/g, '').length;
  const lower = text.replace(/[^a-z]/g, '').length;
  const letters = upper + lower;
  if (!/[0-9]/.test(text) || upper < letters / 5 || lower < letters / 5) return false;
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let entropy = 0;
  for (const n of counts.values()) entropy -= (n / text.length) * Math.log2(n / text.length);
  return entropy > 3.9;
}

/**
 * Removes obvious secrets and personal data: e-mail addresses, URL credentials, chat-bot, GitHub
 * and Docker Hub tokens, JWTs, AWS keys, private keys, `password=...`, long hex or random strings.
 * Example: redact('login with ghp_abc...xyz as me@corp.com') -> 'login with [token] as [email]'
 */
export function redact(text: string): string {
  let out = text;
  for (const { pattern, replace } of REDACTIONS) out = out.replace(pattern, replace);
  return out;
}

/**
 * The text to store or log for `mode`: verbatim, redacted, or nothing (null). The one place that
 * applies RECORDING_QUESTION_TEXT: the recorder's rows and the per-question log line both use it.
 */
export function storedText(text: string | undefined, mode: TextMode): string | null {
  if (text === undefined || mode === 'off') return null;
  return mode === 'full' ? text : redact(text);
}

/**
 * A person's id as stored: a keyed hash (HMAC-SHA256, 128 bits) of channel and platform id, so the
 * same person can be followed for a few minutes (rephrasings) but never named. Empty ids give null.
 */
export function hashUser(salt: string, channel: string, user: string): string | null {
  if (!user) return null;
  return createHmac('sha256', salt).update(`${channel}\u0000${user}`).digest('hex').slice(0, 32);
}

/** A fresh random salt for user-id hashes. */
export function newSalt(): string {
  return randomBytes(32).toString('hex');
}
