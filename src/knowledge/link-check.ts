import type { KnowledgeBase } from './types.ts';

export type LinkStatus =
  | { kind: 'ok' }
  | { kind: 'redirect'; location: string }
  | { kind: 'dead'; reason: string };

export interface LinkResult {
  url: string;
  status: LinkStatus;
  /** Entry ids that link here. */
  entries: string[];
}

export interface LinkCheckOptions {
  concurrency: number;
  timeoutMs: number;
  maxRedirects: number;
  fetch: typeof fetch;
}

export const LINK_CHECK_DEFAULTS: LinkCheckOptions = {
  concurrency: 8,
  timeoutMs: 10_000,
  maxRedirects: 5,
  fetch: (input, init) => fetch(input, init),
};

/** Every distinct follow-up URL with the entries that use it, in knowledge order. */
export function linksOf(kb: Pick<KnowledgeBase, 'entries'>): Map<string, string[]> {
  const byUrl = new Map<string, string[]>();
  for (const entry of kb.entries.values())
    for (const link of entry.links) byUrl.set(link.url, [...(byUrl.get(link.url) ?? []), entry.id]);
  return byUrl;
}

/**
 * Fetches each URL (HEAD, then GET when HEAD is refused), following redirects by hand so a moved
 * page is reported with its new address. At most `concurrency` requests at once, each bounded by
 * `timeoutMs`. Returns `offline` when no URL could be reached at all (no network here).
 */
export async function checkLinks(
  urls: ReadonlyMap<string, string[]>,
  options: Partial<LinkCheckOptions> = {},
): Promise<{ offline: boolean; results: LinkResult[] }> {
  const o = { ...LINK_CHECK_DEFAULTS, ...options };
  const queue = [...urls.entries()];
  const results: LinkResult[] = [];
  let reached = 0;
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [url, entries] = next;
      const { status, reachedHost } = await probe(url, o);
      if (reachedHost) reached++;
      results.push({ url, status, entries });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, o.concurrency) }, worker));
  const order = [...urls.keys()];
  results.sort((a, b) => order.indexOf(a.url) - order.indexOf(b.url));
  return { offline: urls.size > 0 && reached === 0, results };
}

async function probe(
  url: string,
  o: LinkCheckOptions,
): Promise<{ status: LinkStatus; reachedHost: boolean }> {
  let current = url;
  for (let hop = 0; hop <= o.maxRedirects; hop++) {
    let response: Response;
    try {
      response = await request(current, 'HEAD', o);
      if (response.status === 405 || response.status === 501 || response.status === 403)
        response = await request(current, 'GET', o);
    } catch (error) {
      return { status: { kind: 'dead', reason: networkReason(error) }, reachedHost: hop > 0 };
    }
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      current = new URL(location, current).href;
      continue;
    }
    if (response.status >= 400)
      return { status: { kind: 'dead', reason: `HTTP ${response.status}` }, reachedHost: true };
    return {
      status: current === url ? { kind: 'ok' } : { kind: 'redirect', location: current },
      reachedHost: true,
    };
  }
  return { status: { kind: 'dead', reason: `more than ${o.maxRedirects} redirects` }, reachedHost: true };
}

async function request(url: string, method: 'HEAD' | 'GET', o: LinkCheckOptions): Promise<Response> {
  const response = await o.fetch(url, {
    method,
    redirect: 'manual',
    signal: AbortSignal.timeout(o.timeoutMs),
    headers: { 'user-agent': 'berth-link-check' },
  });
  // The body is not needed; release the connection.
  await response.body?.cancel().catch(() => undefined);
  return response;
}

function networkReason(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'timed out';
  const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
  return cause?.code ?? (error instanceof Error ? error.message : String(error));
}
