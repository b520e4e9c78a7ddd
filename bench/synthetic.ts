import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { LIMITS } from '../adapters/slack/blocks.ts';
import { toMrkdwn } from '../adapters/slack/mrkdwn.ts';
import type { Entry, KnowledgeBase, Topic } from '../src/knowledge/types.ts';
import { englishCount } from '../src/text/english.ts';
import { questionKey } from '../src/text/normalize.ts';
import { STOP_WORDS } from '../src/text/stopwords.ts';

/** Every run uses this seed, so every run builds exactly the same knowledge. */
export const SYNTHETIC_SEED = 20_251_127;

/** Mulberry32: a small seeded PRNG, uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const ONSETS = ['b', 'd', 'f', 'g', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'z', 'br', 'kl', 'tr', 'sk'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ou'];
const SYLLABLES = ONSETS.flatMap((o) => VOWELS.map((v) => o + v));

/**
 * An endless sequence of distinct pronounceable non-words ('zobe', 'kraivu'): the n-th is n in base
 * 126 (at least two digits), one syllable per digit. Real English words and stop words are skipped, so
 * the synthetic vocabulary is new to the matchers, as an organisation's product names would be.
 */
class PseudoWords {
  private readonly words: string[] = [];
  private next = 0;

  at(index: number): string {
    while (this.words.length <= index) {
      const word = spell(this.next++);
      if (englishCount(word) === 0 && !STOP_WORDS.has(word)) this.words.push(word);
    }
    return this.words[index]!;
  }
}

function spell(n: number): string {
  let word = '';
  let rest = n;
  for (let digits = 0; digits < 2 || rest > 0; digits++) {
    word += SYLLABLES[rest % SYLLABLES.length];
    rest = Math.floor(rest / SYLLABLES.length);
  }
  return word;
}

/** What one synthetic entry is made from. */
interface Recipe {
  base: Entry;
  donor: Entry;
  /** A word unique to this entry (its "product"), in its title and most of its questions. */
  subject: string;
  random: () => number;
  /** A word from the shared synthetic vocabulary, Zipf-distributed (a few common, most rare). */
  draw: () => string;
}

/**
 * Real entries plus synthetic ones up to `size` entries (method in bench/README.md). Each synthetic
 * entry recombines a real entry (title, alternates, tags, answer, links) with a second real entry's
 * alternate and paragraph, perturbs the wording (words dropped, swapped, replaced) and mixes in
 * synthetic vocabulary, so the index really grows: a vocabulary of about 4 x size^0.8 shared words
 * plus one new word per entry. Every question stays unique, as `berth check` requires.
 */
export function syntheticKnowledge(real: KnowledgeBase, size: number, seed = SYNTHETIC_SEED): KnowledgeBase {
  const random = seededRandom(seed);
  const words = new PseudoWords();
  const vocabulary = Math.round(4 * size ** 0.8);
  const draw = () => words.at(Math.floor(vocabulary ** random()) - 1);
  const originals = [...real.entries.values()];
  const claimed = new Set(originals.flatMap((e) => [e.title, ...e.questions].map(questionKey)));
  const entries = new Map(real.entries);
  for (let i = 0; entries.size < size; i++) {
    const pick = () => originals[Math.floor(random() * originals.length)]!;
    const entry = syntheticEntry(
      i,
      { base: pick(), donor: pick(), subject: words.at(vocabulary + i), random, draw },
      claimed,
    );
    entries.set(entry.id, entry);
  }
  return {
    ...real,
    entries,
    topics: countTopics(real.topics, entries),
    version: `synthetic-${size}-${seed}`,
  };
}

function syntheticEntry(index: number, recipe: Recipe, claimed: Set<string>): Entry {
  const { base, donor, subject, random, draw } = recipe;
  const id = `syn-${String(index).padStart(6, '0')}-${base.id}`.slice(0, 100);
  const title = withSubject(perturb(base.title, recipe), subject, random);
  claimed.add(questionKey(title));
  const questions: string[] = [];
  const donated = donor.questions[Math.floor(random() * donor.questions.length)];
  for (const original of [...base.questions, ...(donated ? [donated] : [])]) {
    if (random() < 0.2) continue;
    const phrasing = perturb(original, recipe);
    const text = random() < 0.7 ? withSubject(phrasing, subject, random) : phrasing;
    const key = questionKey(text);
    if (!key || claimed.has(key)) continue;
    claimed.add(key);
    questions.push(text);
  }
  return {
    id,
    topic: base.topic,
    title,
    questions,
    tags: [...base.tags, draw()],
    links: base.links,
    related: [],
    replaces: [],
    reviewed: '2026-12-01',
    answer: mixAnswer(recipe),
    source: { file: `synthetic:${id}`, line: 1 },
    layer: 1,
    lines: { title: 2, reviewed: 1, questions: questions.map((_, i) => 4 + i), related: [], answer: 1 },
  };
}

/** Drops a word, swaps two neighbours and replaces a word with a synthetic one, each by chance. */
function perturb(text: string, { random, draw }: Recipe): string {
  const words = text.split(/\s+/).filter(Boolean);
  // A content word (four letters or more) at or after a random position, else the first one.
  const content = () => {
    const start = Math.floor(random() * words.length);
    const isContent = (w: string) => /^\p{L}{4,}$/u.test(w);
    const after = words.findIndex((w, i) => i >= start && isContent(w));
    return after >= 0 ? after : words.findIndex(isContent);
  };
  if (words.length > 3 && random() < 0.3) {
    const i = content();
    if (i >= 0) words.splice(i, 1);
  }
  if (words.length > 2 && random() < 0.2) {
    const i = Math.floor(random() * (words.length - 1));
    [words[i], words[i + 1]] = [words[i + 1]!, words[i]!];
  }
  if (random() < 0.5) {
    const i = content();
    if (i >= 0) words[i] = draw();
  }
  return words.join(' ');
}

function withSubject(text: string, subject: string, random: () => number): string {
  const words = text.split(' ');
  words.splice(1 + Math.floor(random() * words.length), 0, subject);
  return words.join(' ');
}

/**
 * The base answer with about one prose word in ten replaced by synthetic vocabulary (code blocks kept
 * as they are), the subject named up front, and a prose paragraph of the donor's appended when it fits.
 */
function mixAnswer({ base, donor, subject, random, draw }: Recipe): string {
  let fenced = false;
  const lines = base.answer.split('\n').map((line) => {
    if (line.startsWith('```')) fenced = !fenced;
    if (fenced || line.startsWith('```')) return line;
    return line.replace(/\b\p{L}{4,}\b/gu, (word) => (random() < 0.1 ? draw() : word));
  });
  const answer = `In ${subject}: ${lines.join('\n')}`;
  const prose = donor.answer.split(/\n{2,}/).filter((p) => !p.includes('`') && !p.startsWith('-'));
  const extra = prose[Math.floor(random() * prose.length)];
  const mixed = extra ? `${answer}\n\n${extra}` : answer;
  const fits = (text: string) => toMrkdwn(text).length <= LIMITS.sectionText - 200;
  return fits(mixed) ? mixed : fits(answer) ? answer : base.answer;
}

function countTopics(topics: readonly Topic[], entries: ReadonlyMap<string, Entry>): Topic[] {
  const counts = new Map<string, number>();
  for (const e of entries.values()) counts.set(e.topic, (counts.get(e.topic) ?? 0) + 1);
  return topics.map((t) => ({ ...t, entryCount: counts.get(t.id) ?? 0 }));
}

/**
 * Writes entries as a knowledge layer (`<dir>/<topic>/<id>.md`) for KNOWLEDGE_DIRS. Strings are
 * written as JSON, which is valid YAML, so no wording needs escaping.
 */
export function writeKnowledgeLayer(entries: Iterable<Entry>, dir: string): number {
  let written = 0;
  for (const e of entries) {
    const front = [
      `title: ${JSON.stringify(e.title)}`,
      'questions:',
      ...e.questions.map((q) => `  - ${JSON.stringify(q)}`),
      `tags: ${JSON.stringify(e.tags)}`,
      'links:',
      ...e.links.flatMap((l) => [
        `  - title: ${JSON.stringify(l.title)}`,
        `    url: ${JSON.stringify(l.url)}`,
      ]),
    ];
    mkdirSync(path.join(dir, e.topic), { recursive: true });
    writeFileSync(path.join(dir, e.topic, `${e.id}.md`), `---\n${front.join('\n')}\n---\n${e.answer}\n`);
    written++;
  }
  return written;
}
