import type { Entry } from '../knowledge/types.ts';

// The matcher's shared types, in a module of their own so the matcher's parts import them without
// importing each other.

/** One entry and how well it matches a question, in [0, 1]. */
export interface Candidate {
  entry: Entry;
  score: number;
  /** Why: the parts of the score (for `berth ask --explain` and tuning). */
  detail: {
    queryCoverage: number;
    questionMatch: number;
    question: string;
    /** The best phrasing's terms in order (for word order); empty when no phrasing matched. */
    questionTerms: readonly string[];
  };
}

export interface Ranking {
  /** The question as understood (cleaned), for echoing back. */
  query: string;
  /** Best first, at most `limit`. */
  candidates: Candidate[];
  /** How many query terms the knowledge base knows (after spelling correction). */
  knownTerms: number;
  totalTerms: number;
  /** Share of the question's weight in words the knowledge base never uses, in [0, 1]. */
  unknownShare: number;
  /** Words that were corrected, e.g. `namspace` -> `namespace`. */
  corrections: Map<string, string>;
  /** The question with those corrections applied. */
  corrected: string;
  /** Every analysed term of the corrected question, in the question's order (word order). */
  sequence: string[];
  /** The known query terms (stemmed, weighted), most specific first. */
  terms: QueryTerm[];
}

export interface QueryTerm {
  term: string;
  weight: number;
  /** 0 when the knowledge base does not know the term. */
  idf: number;
}

/** Scoring knobs, in one place. See docs/DESIGN.md for what each does. */
export interface Scoring {
  /** Share of the score from how much of the question the whole entry covers; the rest is the best question's match. */
  queryShare: number;
  /** Words the knowledge base never uses count this much (x max idf x their rarity) against coverage. */
  unknownIdf: number;
  /** A spelling-corrected word counts for this share of a real one. */
  correctedWeight: number;
  /** Questions longer than this many distinct terms keep only their most specific ones. */
  maxTerms: number;
  /** F-measure beta for question matching: above 1 favours covering the query over covering the question. */
  recallBias: number;
  /** How much a query term counts when found in each field of an entry. */
  fields: FieldWeights;
}

/** How much a query term counts when found in each field of an entry. */
export interface FieldWeights {
  question: number;
  tag: number;
  body: number;
  /** Lowest idf any term gets: even "container" says something in a question about containers. */
  idfFloor: number;
}
