import Fuse from 'fuse.js';
import { englishCount } from '../text/english.ts';

const MIN_LENGTH = 4;
const FUSE_THRESHOLD = 0.4;
const CACHE_LIMIT = 10_000;
/** A word used this often in everyday English is a real word, not a typo ("zoom" is not "oom"). */
const REAL_WORD_COUNT = 20;

/**
 * Corrects a misspelt word against the knowledge base's own vocabulary. fuse.js ranks candidate
 * words (short strings, where its Bitap search is strong); a bigram pre-filter keeps the candidate
 * list small and an edit-distance bound rejects wild guesses, so `vacation` never turns into
 * `validation`. Real English words are never "corrected": `zoom` is not a typo of `oom`.
 */
export class SpellingCorrector {
  private readonly words: string[];
  private readonly frequency: Map<string, number>;
  private readonly byBigram = new Map<string, number[]>();
  private readonly cache = new Map<string, string | null>();
  /** Scratch space for `candidates`: shared-bigram counts per word, all zero between calls. */
  private readonly shared: Uint16Array;

  /** `frequency`: how many entries use each surface word (breaks ties towards common words). */
  constructor(frequency: Map<string, number>) {
    this.frequency = frequency;
    this.words = [...frequency.keys()]
      .filter((w) => w.length >= MIN_LENGTH - 1 && /^\p{Ll}+$/u.test(w))
      .sort();
    this.shared = new Uint16Array(this.words.length);
    this.words.forEach((word, i) => {
      for (const gram of bigrams(word)) {
        const list = this.byBigram.get(gram);
        if (list) list.push(i);
        else this.byBigram.set(gram, [i]);
      }
    });
  }

  /** The vocabulary word `word` was most likely meant to be, or undefined. Example: 'namspace' -> 'namespace' */
  correct(word: string): string | undefined {
    if (word.length < MIN_LENGTH || !/^\p{Ll}+$/u.test(word) || englishCount(word) >= REAL_WORD_COUNT)
      return undefined;
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached ?? undefined;
    const found = this.search(word);
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(word, found ?? null);
    return found;
  }

  private search(word: string): string | undefined {
    const maxEdits = word.length <= 7 ? 1 : 2;
    // The edit-distance bound goes first: it is far cheaper than fuse.js, and fuse.js scores each
    // string on its own, so ranking only the survivors gives the same order as filtering afterwards.
    const candidates = this.candidates(word).filter(
      (c) =>
        Math.abs(c.length - word.length) <= maxEdits &&
        letterDifference(word, c) <= maxEdits &&
        editDistance(word, c, maxEdits) <= maxEdits,
    );
    if (candidates.length === 0) return undefined;
    const ranked = new Fuse(candidates, {
      includeScore: true,
      threshold: FUSE_THRESHOLD,
      ignoreLocation: true,
    }).search(word);
    if (ranked.length === 0) return undefined;
    const best = ranked[0]!.score ?? 0;
    const tied = ranked.filter((r) => (r.score ?? 0) - best < 1e-9);
    tied.sort((a, b) => (this.frequency.get(b.item) ?? 0) - (this.frequency.get(a.item) ?? 0));
    return tied[0]!.item;
  }

  /** Vocabulary words sharing enough bigrams with `word`, in order of first shared bigram. */
  private candidates(word: string): string[] {
    // Counting in a typed array (and remembering which words were counted) is much faster than a
    // Map when a bigram is shared by thousands of words.
    const seen: number[] = [];
    for (const gram of bigrams(word)) {
      for (const i of this.byBigram.get(gram) ?? []) if (this.shared[i]!++ === 0) seen.push(i);
    }
    const needed = word.length >= 7 ? 2 : 1;
    const out: string[] = [];
    for (const i of seen) {
      const candidate = this.words[i]!;
      if (this.shared[i]! >= needed && Math.abs(candidate.length - word.length) <= 2) out.push(candidate);
      this.shared[i] = 0;
    }
    return out;
  }
}

function bigrams(word: string): Set<string> {
  const grams = new Set<string>();
  for (let i = 0; i < word.length - 1; i++) grams.add(word.slice(i, i + 2));
  return grams;
}

const letterCounts = new Int16Array(64);

/**
 * A lower bound of the edit distance, in linear time and without allocating: how many letters one
 * word has that the other lacks (an edit adds or removes at most one of each; a transposition none).
 * Letters are counted in 64 buckets; sharing a bucket can only lower the count, so it stays a bound.
 */
export function letterDifference(a: string, b: string): number {
  for (let i = 0; i < a.length; i++) letterCounts[a.charCodeAt(i) & 63]! += 1;
  for (let i = 0; i < b.length; i++) letterCounts[b.charCodeAt(i) & 63]! -= 1;
  let extra = 0;
  let missing = 0;
  // Every non-zero bucket belongs to a letter of a or b; each is read once, then reset.
  for (const word of [a, b]) {
    for (let i = 0; i < word.length; i++) {
      const bucket = word.charCodeAt(i) & 63;
      const n = letterCounts[bucket]!;
      if (n > 0) extra += n;
      else missing -= n;
      letterCounts[bucket] = 0;
    }
  }
  return Math.max(extra, missing);
}

/** Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), capped at max + 1. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, prevPrev[j - 2]! + 1);
      row.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length]!;
}
