import { describe, expect, it } from 'vitest';
import { BUILTIN_KNOWLEDGE_DIR } from '../../src/config.ts';
import { loadKnowledge } from '../../src/knowledge/knowledge-base.ts';
import { formatProblem } from '../../src/knowledge/problems.ts';

// The quality gates for the knowledge that ships with Berth (stricter than what `berth check`
// demands of an organisation's own layer).
const { knowledge, problems } = loadKnowledge([BUILTIN_KNOWLEDGE_DIR]);
const entries = [...(knowledge?.entries.values() ?? [])];
const words = (text: string) => text.split(/\s+/).filter(Boolean).length;
/** The prose of an answer: code blocks and inline code removed (a `# comment` there is fine). */
const prose = (markdown: string) => markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`]*`/g, '');

describe('the built-in knowledge base', () => {
  it('loads with no errors and no warnings', () => {
    expect(problems.map(formatProblem)).toEqual([]);
  });

  it('has at least 150 entries across its topics', () => {
    expect(entries.length).toBeGreaterThanOrEqual(150);
    expect(knowledge?.topics.length).toBeGreaterThanOrEqual(10);
  });

  it('answers each of the seed text seven questions with an entry of its own', () => {
    for (const id of [
      'ubuntu-container-real-ubuntu',
      'how-images-work',
      'windows-containers-native-or-hyperv',
      'windows-vs-linux-images',
      'image-naming',
      'run-without-tag-latest',
      'bake-app-into-image',
    ]) {
      expect(knowledge?.entries.has(id), id).toBe(true);
    }
  });

  it.each(entries.map((e) => [e.id, e]))('%s follows the entry rules', (_id, entry) => {
    expect(entry.title.endsWith('?'), 'title is a question').toBe(true);
    expect(entry.questions.length, 'at least four alternates').toBeGreaterThanOrEqual(4);
    expect(words(entry.answer), 'answer of 40-250 words').toBeGreaterThanOrEqual(40);
    expect(words(entry.answer)).toBeLessThanOrEqual(250);
    expect(prose(entry.answer), 'no headings in a chat answer').not.toMatch(/^#{1,6}\s/m);
    expect(prose(entry.answer), 'no raw HTML').not.toMatch(/<\/?[a-z][a-z0-9]*[\s>]/i);
    expect(entry.links.length).toBeGreaterThanOrEqual(1);
    for (const link of entry.links) expect(link.url).toMatch(/^https:\/\/[^\s]+$/);
    expect(entry.related.length, 'two or three related entries').toBeGreaterThanOrEqual(2);
    expect(entry.related.length).toBeLessThanOrEqual(3);
    expect(entry.tags.length).toBeGreaterThanOrEqual(1);
  });
});
