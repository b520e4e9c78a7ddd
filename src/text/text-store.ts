import { createHash } from 'node:crypto';
import { toPlainText } from '../../lib/plain-text.ts';
import type { Analyzer, Term } from './analyzer.ts';
import { englishCount } from './english.ts';

/**
 * What a TextStore holds, compactly (the on-disk cache's payload): texts are keyed by a digest of
 * their content, and each text's terms are one string, `surface<TAB>stem<TAB>weight` per line
 * with the stem left empty when it is the surface word and the weight when it is 1.
 */
export interface StoredTexts {
  plain: [digest: string, plain: string][];
  analyzed: [digest: string, terms: string][];
  english: [word: string, count: number][];
}

/** A text's key in the store: its SHA-1, so long answers are not kept twice. */
function digest(text: string): string {
  return createHash('sha1').update(text).digest('base64url');
}

function encodeTerms(terms: readonly Term[]): string {
  return terms
    .map((t) => `${t.surface}\t${t.term === t.surface ? '' : t.term}\t${t.weight === 1 ? '' : t.weight}`)
    .join('\n');
}

function decodeTerms(encoded: string): Term[] {
  if (encoded === '') return [];
  return encoded.split('\n').map((line) => {
    const [surface = '', term = '', weight = ''] = line.split('\t');
    return { term: term || surface, surface, weight: weight === '' ? 1 : Number(weight) };
  });
}

/**
 * Texts derived from one knowledge version while its index is built: each answer as plain text,
 * each indexed text analyzed into terms, the everyday-English count of each word. Pure functions
 * of the knowledge (and its synonyms), so they can be kept on disk with it and the next start
 * skips Markdown rendering, analysis and most of the English word table (see knowledge/cache.ts).
 * Recording stops at `seal()`: questions asked later never grow it.
 */
export class TextStore {
  private readonly plainTexts: Map<string, string>;
  /** Terms as stored (decoded on first use) or as computed. */
  private readonly analyzedTexts: Map<string, string | Term[]>;
  private readonly englishCounts: Map<string, number>;
  private recording = true;
  /** Values computed (not found) since the store was created or loaded. */
  added = 0;
  /** Called once, at `seal()`, when anything was added: the knowledge cache writes the store then. */
  onSeal?: (store: TextStore) => void;

  constructor(stored?: StoredTexts) {
    this.plainTexts = new Map(stored?.plain);
    this.analyzedTexts = new Map(stored?.analyzed);
    this.englishCounts = new Map(stored?.english);
  }

  /** `toPlainText(markdown)`, computed once. */
  plain(markdown: string): string {
    const key = digest(markdown);
    let text = this.plainTexts.get(key);
    if (text === undefined) {
      text = toPlainText(markdown);
      this.remember(this.plainTexts, key, text);
    }
    return text;
  }

  /** `analyzer.analyze(text)`, computed once; the terms returned are shared: do not change them. */
  analyze(analyzer: Analyzer, text: string): Term[] {
    const key = digest(text);
    const found = this.analyzedTexts.get(key);
    if (typeof found === 'string') {
      const terms = decodeTerms(found);
      this.analyzedTexts.set(key, terms);
      return terms;
    }
    if (found) return found;
    const terms = analyzer.analyze(text);
    this.remember(this.analyzedTexts, key, terms);
    return terms;
  }

  /** `englishCount(word)`: looked up in the stored counts first, the whole table only when missing. */
  english(word: string): number {
    let count = this.englishCounts.get(word);
    if (count === undefined) {
      count = englishCount(word);
      this.remember(this.englishCounts, word, count);
    }
    return count;
  }

  /** Stops recording: later lookups still read the store, and compute (unstored) what is missing. */
  seal(): void {
    if (!this.recording) return;
    this.recording = false;
    if (this.added > 0) this.onSeal?.(this);
  }

  /**
   * Drops the plain and analyzed texts once an index is built (they are as large as the knowledge
   * itself), keeping the English counts that questions read. A later build computes them again.
   */
  release(): void {
    this.seal();
    this.plainTexts.clear();
    this.analyzedTexts.clear();
  }

  toStored(): StoredTexts {
    return {
      plain: [...this.plainTexts],
      analyzed: [...this.analyzedTexts].map(([key, terms]) => [
        key,
        typeof terms === 'string' ? terms : encodeTerms(terms),
      ]),
      english: [...this.englishCounts],
    };
  }

  private remember<V>(map: Map<string, V>, key: string, value: V): void {
    if (!this.recording) return;
    map.set(key, value);
    this.added++;
  }
}
