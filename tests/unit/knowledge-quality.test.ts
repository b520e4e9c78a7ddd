import { describe, expect, it } from 'vitest';
import { CHANNEL_REQUIREMENTS } from '../../adapters/server/requirements.ts';
import { BUILTIN_KNOWLEDGE_DIR } from '../../src/config.ts';
import { loadKnowledge } from '../../src/knowledge/knowledge-base.ts';
import { formatProblem } from '../../src/knowledge/problems.ts';
import type { Entry } from '../../src/knowledge/types.ts';

// The quality gates for the knowledge that ships with Berth (stricter than what `berth check`
// demands of an organisation's own layer).
// Loaded as `berth check` and `berth serve` load it: every channel's requirements included.
const { knowledge, problems } = loadKnowledge([BUILTIN_KNOWLEDGE_DIR], CHANNEL_REQUIREMENTS);
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
    const seeds = [
      'ubuntu-container-real-ubuntu',
      'how-images-work',
      'windows-containers-native-or-hyperv',
      'windows-vs-linux-images',
      'image-naming',
      'run-without-tag-latest',
      'bake-app-into-image',
    ];
    expect(seeds.filter((id) => !knowledge?.entries.has(id))).toEqual([]);
  });
});

/** Each rule an entry of the shipped knowledge must follow; each test lists every entry that breaks it. */
const RULES: [string, (entry: Entry) => boolean][] = [
  ['its title is a question', (e) => e.title.endsWith('?')],
  ['it has at least four alternate questions', (e) => e.questions.length >= 4],
  ['its answer has 40-250 words', (e) => words(e.answer) >= 40 && words(e.answer) <= 250],
  ['its answer has no headings (a chat answer)', (e) => !/^#{1,6}\s/m.test(prose(e.answer))],
  ['its answer has no raw HTML', (e) => !/<\/?[a-z][a-z0-9]*[\s>]/i.test(prose(e.answer))],
  [
    'it has follow-up links, all https',
    (e) => e.links.length > 0 && e.links.every((l) => /^https:\/\/\S+$/.test(l.url)),
  ],
  ['it has two or three related entries', (e) => e.related.length >= 2 && e.related.length <= 3],
  ['it has tags', (e) => e.tags.length >= 1],
];

describe('every built-in entry', () => {
  it.each(RULES)('%s', (_rule, follows) => {
    expect(entries.filter((e) => !follows(e)).map((e) => e.id)).toEqual([]);
  });
});
