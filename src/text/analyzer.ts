import { stemmer } from 'stemmer';
import { STOP_WORDS } from './stopwords.ts';
import { type Token, tokenize } from './tokenize.ts';

/** A term ready for matching: the stemmed form, the word it came from, and how much it counts. */
export interface Term {
  term: string;
  surface: string;
  weight: number;
}

/** Parts of compound tokens count for less than the whole token (`docker.sock` vs `sock`). */
export const PART_WEIGHT = 0.5;
const MAX_PHRASE = 3;

/**
 * Turns text into weighted, stemmed terms: tokenise, apply synonyms, drop stop words, stem.
 * The same analyzer runs over knowledge and questions, so both sides meet in the same terms.
 */
export class Analyzer {
  private readonly synonyms: ReadonlyMap<string, string>;
  /** The first word of every synonym phrase: a token that is none of them starts no synonym. */
  private readonly synonymStarts: ReadonlySet<string>;
  private readonly stems = new Map<string, string>();

  constructor(synonyms: ReadonlyMap<string, string> = new Map()) {
    this.synonyms = synonyms;
    this.synonymStarts = new Set([...synonyms.keys()].map((phrase) => phrase.split(' ')[0]!));
  }

  /** Example: analyze('Why is my img so big?') -> [{term: 'imag', surface: 'image'}, {term: 'big', ...}] */
  analyze(text: string): Term[] {
    const terms: Term[] = [];
    for (const token of this.expandSynonyms(tokenize(text))) {
      if (STOP_WORDS.has(token.text)) continue;
      if (token.part && token.text.length < 2) continue;
      terms.push({ term: this.stem(token.text), surface: token.text, weight: token.part ? PART_WEIGHT : 1 });
    }
    return terms;
  }

  /** The stem of one lower-case word; words with digits or punctuation are kept as they are. */
  stem(word: string): string {
    let stemmed = this.stems.get(word);
    if (stemmed === undefined) {
      stemmed = /^\p{Ll}{4,}$/u.test(word) ? stemmer(word) : word;
      if (this.stems.size < 50_000) this.stems.set(word, stemmed);
    }
    return stemmed;
  }

  private expandSynonyms(tokens: Token[]): Token[] {
    if (this.synonyms.size === 0) return tokens;
    const out: Token[] = [];
    for (let i = 0; i < tokens.length; ) {
      const match = this.longestSynonym(tokens, i);
      if (!match) {
        out.push(tokens[i]!);
        i++;
        continue;
      }
      out.push(...tokenize(match.replacement));
      i += match.length;
    }
    return out;
  }

  private longestSynonym(
    tokens: Token[],
    start: number,
  ): { replacement: string; length: number } | undefined {
    if (!this.synonymStarts.has(tokens[start]?.text ?? '')) return undefined;
    if (tokens[start]?.part) {
      const replacement = this.synonyms.get(tokens[start].text);
      return replacement ? { replacement, length: 1 } : undefined;
    }
    const words: string[] = [];
    let best: { replacement: string; length: number } | undefined;
    for (let i = start; i < tokens.length && words.length < MAX_PHRASE; i++) {
      const token = tokens[i]!;
      if (token.part) continue;
      words.push(token.text);
      const replacement = this.synonyms.get(words.join(' '));
      if (replacement !== undefined) best = { replacement, length: i - start + 1 };
    }
    return best;
  }
}
