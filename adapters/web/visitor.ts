import { randomBytes } from 'node:crypto';

/**
 * Who is asking, in the web chat. The page gets a random id in an HttpOnly cookie on its first
 * request; Berth uses it as the `user` of every question (rate limit bucket, hashed by recorders)
 * and nothing else: no login, no server-side session. A request without a valid cookie (a script
 * that drops cookies) is counted against its network address, so dropping the cookie does not
 * reset the rate limit; the response sets a fresh cookie for next time.
 */
export const VISITOR_COOKIE = 'berth_visitor';

/** How long a browser keeps its visitor id. */
const MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
const VISITOR_ID = /^[A-Za-z0-9_-]{22}$/;

export type Visitor =
  /** A known visitor: the id from their cookie. */
  | { kind: 'cookie'; user: string; id: string }
  /** No usable cookie: `user` is the address; `newId` is the cookie to hand out. */
  | { kind: 'address'; user: string; newId: string };

/** Picks the visitor out of a request's Cookie header (pure apart from minting a new id). */
export function identifyVisitor(cookieHeader: string | undefined, address: string | undefined): Visitor {
  const id = readCookie(cookieHeader, VISITOR_COOKIE);
  if (id !== undefined && VISITOR_ID.test(id)) return { kind: 'cookie', user: `v:${id}`, id };
  return { kind: 'address', user: `ip:${address ?? 'unknown'}`, newId: newVisitorId() };
}

/** 128 random bits, URL-safe: 22 characters. */
export function newVisitorId(): string {
  return randomBytes(16).toString('base64url');
}

/** The Set-Cookie value: script-proof (HttpOnly) and never sent cross-site (SameSite=Strict). */
export function visitorCookie(id: string): string {
  return `${VISITOR_COOKIE}=${id}; Path=/; Max-Age=${MAX_AGE_SECONDS}; HttpOnly; SameSite=Strict`;
}

/** One cookie's value from a Cookie header, or undefined. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
