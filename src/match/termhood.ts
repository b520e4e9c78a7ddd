import { ENGLISH_CORPUS_WORDS, englishCount } from '../text/english.ts';

/** A word this many times more frequent in the knowledge than in everyday English is fully topical. */
const TOPICAL_RATIO = 30;
const MIN_WEIGHT = 0.25;

/**
 * How much a word says about this knowledge base's subject, in [0.25, 1]. A word the knowledge
 * uses far more often than everyday English does ("image", "run", "cgroup") weighs fully; an
 * everyday word ("today", "find", "new") weighs little. Words the knowledge never uses are judged
 * by everyday English alone: a rare one ("photoshop", "pytest") is a strong sign of another
 * subject, a common one ("stuck") is filler.
 */
export class Termhood {
  constructor(
    private readonly stemCounts: ReadonlyMap<string, number>,
    private readonly totalTokens: number,
    private readonly english: (word: string) => number = englishCount,
  ) {}

  weight(surface: string, stem: string): number {
    const english = this.english(surface);
    const known = this.stemCounts.get(stem);
    if (known === undefined) return rarity(english);
    if (english === 0) return 1;
    const ratio = known / this.totalTokens / (english / ENGLISH_CORPUS_WORDS);
    if (ratio >= TOPICAL_RATIO) return 1;
    if (ratio <= 1) return MIN_WEIGHT;
    return MIN_WEIGHT + ((1 - MIN_WEIGHT) * Math.log(ratio)) / Math.log(TOPICAL_RATIO);
  }
}

/** Everyday-English rarity in [0.25, 1]: log-linear between 100 and 50,000 occurrences. */
function rarity(count: number): number {
  const rare = 100;
  const common = 50_000;
  if (count <= rare) return 1;
  if (count >= common) return MIN_WEIGHT;
  return 1 - ((1 - MIN_WEIGHT) * Math.log(count / rare)) / Math.log(common / rare);
}
