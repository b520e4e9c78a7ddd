import type { KnowledgeBase } from '../../src/knowledge/types.ts';

/** Mulberry32: a small seeded PRNG, uniform in [0, 1), so every run builds the same entries. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const words = (text: string) => text.replace(/[?.,]/g, '').split(/\s+/).filter(Boolean);

/** The first half of one phrasing, the second half of another, and a word of the new entry's own. */
function splice(first: string, second: string, own: string): string {
  const a = words(first);
  const b = words(second);
  return [...a.slice(0, Math.ceil(a.length / 2)), ...b.slice(Math.floor(b.length / 2)), own].join(' ');
}

/**
 * `base` grown to `size` entries for scale tests: each new entry splices the phrasings and answers
 * of two existing ones, plus a word of its own (`many7`), so the index holds many long,
 * overlapping posting lists, as a large knowledge base would.
 */
export function manyEntries(base: KnowledgeBase, size: number, seed = 20_251_127): KnowledgeBase {
  const random = seeded(seed);
  const real = [...base.entries.values()];
  const pick = () => real[Math.floor(random() * real.length)] ?? real[0]!;
  const entries = new Map(base.entries);
  for (let i = 0; entries.size < size; i++) {
    const [a, b, own] = [pick(), pick(), `many${i}`];
    entries.set(own, {
      ...a,
      id: own,
      title: `${splice(a.title, b.title, own)}?`,
      questions: a.questions.map((q, k) => splice(q, b.questions[k] ?? b.title, own)),
      answer: `${a.answer}\n\n${b.answer}`,
      related: [],
      replaces: [],
    });
  }
  return { ...base, entries };
}
