import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { escapeHtml } from '../../lib/escape-html.ts';
import { PACKAGE_ROOT } from '../../lib/package-root.ts';
import type { KnowledgeSummary } from '../../src/service/results.ts';
import { isPageKey, type WebWords } from './wording.ts';

const PUBLIC_DIR = pathToFileURL(path.join(PACKAGE_ROOT, 'adapters/web/public/'));

/**
 * Nothing but Berth's own files may load or run: no inline script, no third-party origin, no
 * framing. Trusted Types confine HTML insertion to the page's one policy (the server-made
 * answer HTML), so even a rendering bug cannot turn text into markup that runs.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  'trusted-types berth',
].join('; ');

/** Headers on every web chat response. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export interface Asset {
  type: string;
  body: Buffer;
}

/** The page's static files, read once at start-up; served under `/web/<name>`. */
export function loadAssets(): ReadonlyMap<string, Asset> {
  const files: [string, string][] = [
    ['app.js', 'text/javascript; charset=utf-8'],
    ['elements.js', 'text/javascript; charset=utf-8'],
    ['reply-view.js', 'text/javascript; charset=utf-8'],
    ['feedback.js', 'text/javascript; charset=utf-8'],
    ['style.css', 'text/css; charset=utf-8'],
    ['icon.svg', 'image/svg+xml'],
  ];
  return new Map(
    files.map(([name, type]) => [name, { type, body: readFileSync(new URL(name, PUBLIC_DIR)) }]),
  );
}

const PLACEHOLDER = /\{\{(\w+)\}\}/g;

/** `index.html` with its `{{message_key}}` placeholders filled (HTML-escaped) from the knowledge. */
export class PageTemplate {
  private readonly template = readFileSync(new URL('index.html', PUBLIC_DIR), 'utf8');

  constructor() {
    const unknown = [...this.template.matchAll(PLACEHOLDER)]
      .map((m) => m[1] ?? '')
      .filter((k) => !isPageKey(k));
    if (unknown.length > 0) throw new Error(`web: index.html names unknown messages: ${unknown.join(', ')}`);
  }

  render(words: WebWords, knowledge: KnowledgeSummary): string {
    const vars = {
      entries: String(knowledge.entries),
      topics: String(knowledge.topics),
      version: knowledge.version,
    };
    return this.template.replace(PLACEHOLDER, (whole, key: string) =>
      isPageKey(key) ? escapeHtml(words.say(key, vars)) : whole,
    );
  }
}
