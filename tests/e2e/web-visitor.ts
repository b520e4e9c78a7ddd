import type { ReplyView } from '../../adapters/web/view.ts';
import type { WelcomeView } from '../../adapters/web/welcome.ts';

export interface WebResponse<T> {
  status: number;
  headers: Headers;
  body: T;
}

/**
 * One person using the web chat over real HTTP, with their own cookie jar (the visitor id), the
 * way the page's fetch calls do.
 */
export class WebVisitor {
  private cookie = '';

  /** `headers` go with every request (an `X-Forwarded-For` from a trusted proxy, say). */
  constructor(
    private readonly baseUrl: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  /** Opens the page (which hands out the visitor cookie); returns the HTML. */
  async open(): Promise<WebResponse<string>> {
    const response = await this.send('GET', '/');
    return { status: response.status, headers: response.headers, body: await response.text() };
  }

  help(): Promise<WebResponse<WelcomeView>> {
    return this.json('GET', '/api/help');
  }

  ask(text: string): Promise<WebResponse<ReplyView | { kind: 'throttled'; text: string | null }>> {
    return this.json('POST', '/api/ask', { text });
  }

  choose(id: string, question?: string): Promise<WebResponse<ReplyView>> {
    return this.json('POST', '/api/choose', { id, question });
  }

  feedback(entryId: string, helpful: boolean, comment?: string) {
    return this.json<{ kind: 'feedback'; text: string }>('POST', '/api/feedback', {
      entryId,
      helpful,
      comment,
    });
  }

  /** Any request; `body` is sent as JSON unless it is already a string. */
  async send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(new URL(path, this.baseUrl), {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...this.headers,
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const set = response.headers.getSetCookie().find((c) => c.startsWith('berth_visitor='));
    if (set) this.cookie = set.split(';')[0] ?? '';
    return response;
  }

  async json<T>(method: string, path: string, body?: unknown): Promise<WebResponse<T>> {
    const response = await this.send(method, path, body);
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: (text ? JSON.parse(text) : null) as T,
    };
  }
}

/** What a person reads in a reply view, flattened: text of the HTML, title, link URLs, button labels. */
export function readableText(view: ReplyView): string {
  const parts = [
    view.title ?? '',
    view.html.replace(/<[^>]+>/g, ' '),
    ...(view.links?.items.flatMap((l) => [l.title, l.url]) ?? []),
    view.choices?.heading ?? '',
    ...(view.choices?.items.map((c) => c.title) ?? []),
    ...(view.topics?.items.flatMap((t) => [t.name, ...t.examples.map((e) => e.title)]) ?? []),
  ];
  return parts.join('\n');
}
