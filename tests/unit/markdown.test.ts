import { describe, expect, it } from 'vitest';
import { toMrkdwn } from '../../adapters/slack/mrkdwn.ts';
import { toSafeHtml } from '../../adapters/web/html.ts';
import { decodeEntities } from '../../lib/entities.ts';
import { toPlainText } from '../../lib/plain-text.ts';

const sample =
  'A **bold** _word_ & [docs](https://example.com/a?b=1&c=2), `a<b`.\n\n```sh\necho "<hi>" && ls\n```\n\n- one\n- two';

describe('Markdown conversions (one walker, a style per output)', () => {
  it('converts to Slack mrkdwn, escaping &, < and >', () => {
    const out = toMrkdwn(sample);
    expect(out).toContain('A *bold* _word_ &amp; <https://example.com/a?b=1&c=2|docs>, `a&lt;b`.');
    expect(out).toContain('```\necho "&lt;hi&gt;" &amp;&amp; ls\n```');
    expect(out).toContain('• one\n• two');
  });

  it('never turns a non-web link into a Slack link', () => {
    expect(toMrkdwn('[x](javascript:alert(1))')).toBe('x');
  });

  it('converts to plain text with URLs spelled out', () => {
    expect(toPlainText('see [docs](https://example.com)')).toBe('see docs (https://example.com)');
  });

  it('renders safe HTML: raw HTML and unsafe links stay inert', () => {
    const html = toSafeHtml(
      '<img src=x onerror=alert(1)> [x](javascript:alert(1)) [ok](https://example.com)',
    );
    expect(html).not.toMatch(/<img/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('<a href="https://example.com/" target="_blank" rel="noopener noreferrer">ok</a>');
  });
});

describe('decodeEntities', () => {
  it('decodes the entities text arrives with, in one pass', () => {
    expect(decodeEntities('a &amp; b &lt;i&gt; &quot;q&quot; it&#39;s&nbsp;x')).toBe('a & b <i> "q" it\'s x');
    expect(decodeEntities('&amp;lt;')).toBe('&lt;');
  });
});
