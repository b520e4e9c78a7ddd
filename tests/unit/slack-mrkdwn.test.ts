import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toMrkdwn } from '../../adapters/slack/mrkdwn.ts';
import { renderReply } from '../../adapters/slack/render.ts';
import { BUILTIN_KNOWLEDGE_DIR } from '../../src/config.ts';
import { overShippedKnowledge } from './fixture-knowledge.ts';

// Knowledge files wrap their paragraphs at about 100 characters; in Markdown such a line break is
// soft (a space). Slack keeps every newline, so the conversion must join them.
const shipped = overShippedKnowledge();
const entry = shipped.answerer.knowledge.entries.get('why-image-so-big')!;

describe('Slack mrkdwn of a real entry (images/why-image-so-big.md)', () => {
  const source = readFileSync(`${BUILTIN_KNOWLEDGE_DIR}/images/why-image-so-big.md`, 'utf8');
  const mrkdwn = toMrkdwn(entry.answer);

  it('is an entry whose paragraphs and list items are wrapped in the file', () => {
    expect(source).toContain('a full base\nimage, compilers');
    expect(source).toContain('a fraction of\n  that (see base image choice)');
  });

  it('joins soft breaks: each paragraph and list item is one line', () => {
    expect(mrkdwn).toContain(
      'An image is usually big because it ships things the app does not need at run time: a full base image, compilers and build tools, package-manager caches, dev dependencies, or a bloated build context. Find the culprit first:',
    );
    expect(mrkdwn).toContain(
      '• *Base image*: `node:22` or `python:3.13` is close to 1 GB; the `-slim` variant is a fraction of that (see base image choice).',
    );
    expect(mrkdwn).toContain('(`npm ci --omit=dev`, `pip install --no-cache-dir`).');
  });

  it('keeps code blocks line for line, and every list item on its own line', () => {
    expect(mrkdwn).toContain(
      '```\nRUN apt-get update &amp;&amp; apt-get install -y --no-install-recommends curl \\\n    &amp;&amp; rm -rf /var/lib/apt/lists/*\n```',
    );
    const items = mrkdwn.split('\n').filter((line) => line.startsWith('• '));
    expect(items).toHaveLength(5);
  });

  it('joins them in the notification text too', () => {
    const reply = shipped.answerer.answerById('why-image-so-big');
    const { text } = renderReply(reply, shipped.words);
    expect(text).toContain('a full base image, compilers and build tools');
  });

  it('keeps a hard line break (two spaces or a backslash at the end of a line)', () => {
    expect(toMrkdwn('first line  \nsecond line\\\nthird line\nand more')).toBe(
      'first line\nsecond line\nthird line and more',
    );
  });
});
