import { describe, expect, it } from 'vitest';
import { cardMarkdown } from '../../adapters/teams/card-markdown.ts';
import { replyCard } from '../../adapters/teams/render.ts';
import { renderSearchResults } from '../../adapters/teams/render-search.ts';
import type { AnswerReply } from '../../src/answer/reply.ts';
import { overFixtures } from './fixture-knowledge.ts';
import { cardProblems, cardText, nodesOfType } from './teams-cards.ts';

// What Teams shows is text, never markup: hostile text in cards, and knowledge Markdown as card elements.
const { words: messages } = overFixtures();

describe('Teams cards never interpret text as markup', () => {
  const hostile = [
    // biome-ignore lint/suspicious/noTemplateCurlyInString: literal template syntax is the point
    '<at>Ada Lovelace</at> **bold** _it_ [click](javascript:alert(1)) ${name}',
    'When: {{DATE(2017-02-14T06:08:39Z, SHORT)}} at {{TIME(2017-02-14T06:08:39Z)}}',
    '<script>alert(1)</script> &lt;b&gt;',
  ].join('\n\n');
  const reply: AnswerReply = {
    outcome: 'answer',
    query: '<at>Berth</at> {{DATE(2017-02-14T06:08:39Z)}}',
    confidence: 1,
    id: 'x',
    title: '**Not bold** <at>Grace</at>',
    topic: 't',
    markdown: hostile,
    links: [{ title: '<at>Everyone</at>', url: 'javascript:alert(1)' }],
    related: [{ id: 'y', title: '**related** <at>Team</at>' }],
    alternatives: [],
  };
  const card = replyCard(reply, messages);

  it('shows mention tags and Markdown characters literally, in TextRuns', () => {
    const text = cardText(card);
    expect(text).toContain('**Not bold** <at>Grace</at>');
    expect(text).toContain('<at>Ada Lovelace</at>');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: literal template syntax is the point
    expect(text).toContain('${name}');
    expect(text).toContain('<script>alert(1)</script> <b>');
    expect(JSON.stringify(card)).not.toContain('"entities"');
    expect(cardProblems(card)).toEqual([]);
  });

  it('keeps DATE() and TIME() functions from being expanded', () => {
    const text = cardText(card);
    expect(text).not.toMatch(/\{\{(DATE|TIME)\(/);
    expect(text.replace(/\u200B/g, '')).toContain('{{DATE(2017-02-14T06:08:39Z, SHORT)}}');
  });

  it('never makes a link out of anything but http(s)', () => {
    for (const action of nodesOfType(card, 'Action.OpenUrl')) expect(String(action.url)).toMatch(/^https?:/);
    expect(cardText(card)).toContain('click');
  });

  it('escapes message-extension result text, which Teams may read as HTML', () => {
    const results = renderSearchResults(
      [{ entryId: 'e', title: 'Why <none> tags?', snippet: 'a & b <at>x</at>' }],
      'q',
    );
    const preview = results.composeExtension.attachments[0]?.preview?.content as Record<string, unknown>;
    expect(preview).toMatchObject({
      title: 'Why &lt;none&gt; tags?',
      text: 'a &amp; b &lt;at&gt;x&lt;/at&gt;',
    });
    expect(preview.tap).toEqual({ type: 'invoke', value: { berth: 'select', entryId: 'e', query: 'q' } });
  });
});

describe('knowledge Markdown as card elements', () => {
  it('turns emphasis, code and links into styled runs', () => {
    const [block] = cardMarkdown('Use **-slim** or `alpine`, see [docs](https://docs.docker.com/).');
    expect(block).toEqual({
      type: 'RichTextBlock',
      inlines: [
        { type: 'TextRun', text: 'Use ' },
        { type: 'TextRun', text: '-slim', weight: 'Bolder' },
        { type: 'TextRun', text: ' or ' },
        { type: 'TextRun', text: 'alpine', fontType: 'Monospace' },
        { type: 'TextRun', text: ', see ' },
        {
          type: 'TextRun',
          text: 'docs',
          color: 'Accent',
          selectAction: { type: 'Action.OpenUrl', url: 'https://docs.docker.com/' },
        },
        { type: 'TextRun', text: '.' },
      ],
    });
  });

  it('numbers and bullets lists, indenting nested ones', () => {
    const elements = cardMarkdown('1. one\n2. two\n   - inner\n');
    const lines = elements.map((e) =>
      e.type === 'RichTextBlock' ? e.inlines.map((r) => r.text).join('') : e.type,
    );
    expect(lines).toEqual(['1. one', '2. two', '\u00A0\u00A0\u00A0\u00A0• inner']);
  });

  it('keeps code blocks whole, monospace, with indentation that renderers cannot collapse', () => {
    const [code] = cardMarkdown('```yaml\nservices:\n  web:\n    image: nginx  # pinned\n```');
    expect(code).toEqual({
      type: 'Container',
      style: 'emphasis',
      items: [
        {
          type: 'RichTextBlock',
          inlines: [
            {
              type: 'TextRun',
              text: 'services:\n\u00A0\u00A0web:\n\u00A0\u00A0\u00A0\u00A0image: nginx\u00A0\u00A0# pinned',
              fontType: 'Monospace',
            },
          ],
        },
      ],
    });
  });
});
