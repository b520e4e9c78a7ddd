import { Accumulator } from './accumulator.ts';
import type { SearchIndex } from './search-index.ts';
import type { Candidate, QueryTerm, Scoring } from './types.ts';

/** Far above the rounding error of a score in [0, 1], far below any difference that matters. */
const ROUNDING = 1e-9;
/** How many entries per place in the top list are scored first, to set the bar for the rest. */
const SEEDS_PER_PLACE = 4;

interface Ranked {
  i: number;
  score: number;
}

/**
 * Scores one question at a time over an index (docs/DESIGN.md, step 5), in scratch space reused from
 * question to question, with exactly the scores and order of scoring every entry one by one. The
 * work is the postings of the question's terms plus a full score (question by question) only for the
 * entries whose upper bound could still reach the top `k`: never a scan of the whole knowledge base,
 * never a candidate object or a sort for every entry sharing a word. Not re-entrant: one Scorer per
 * Matcher; `best` runs synchronously.
 */
export class Scorer {
  private readonly entryAcc: Accumulator;
  /** Per question: the weight of the current question it covers. Zero outside touched entries. */
  private readonly covered: Float64Array;
  /** Per entry: an upper bound of what the current question covers of any one of its questions. */
  private readonly bounds: Float64Array;
  /** Per entry: the smallest mass of its questions. */
  private readonly lightestQuestion: Float64Array;
  /** 1 for the entries scored first (see `best`), so they are not scored twice. */
  private readonly seeded: Uint8Array;
  /** The F-measure's beta squared (recallBias squared). */
  private readonly b2: number;

  constructor(
    private readonly index: SearchIndex,
    private readonly scoring: Pick<Scoring, 'queryShare' | 'recallBias'>,
  ) {
    this.entryAcc = new Accumulator(index.entries.length);
    this.covered = new Float64Array(index.questions.length);
    this.bounds = new Float64Array(index.entries.length);
    this.seeded = new Uint8Array(index.entries.length);
    this.lightestQuestion = new Float64Array(index.entries.length).fill(Number.POSITIVE_INFINITY);
    index.questionMass.forEach((mass, d) => {
      const entry = index.questions[d]!.entry;
      this.lightestQuestion[entry] = Math.min(this.lightestQuestion[entry]!, mass);
    });
    this.b2 = scoring.recallBias ** 2;
  }

  /** The `k` best entries for the known terms of a question of total weight `mass`, best first. */
  best(known: readonly QueryTerm[], mass: number, k: number): Candidate[] {
    this.forgetLastQuestion();
    this.index.accumulateEntries(known, this.entryAcc);
    this.index.accumulateQuestions(known, this.covered);
    this.index.accumulateQuestionBounds(known, this.bounds);
    // Entries are scored in full (question by question) only while they could still make the top k:
    // first the most promising ones, which set a high bar; then any other whose bound reaches it.
    const { values, touched, count } = this.entryAcc;
    const top: Ranked[] = [];
    const seeds = this.mostPromising(mass, SEEDS_PER_PLACE * k);
    for (const i of seeds) this.consider(i, mass, k, top);
    for (let t = 0; t < count; t++) {
      const i = touched[t]!;
      if (values[i] === 0 || this.seeded[i] === 1) continue;
      const bar = top.length < k ? Number.NEGATIVE_INFINITY : top[k - 1]!.score;
      if (this.upperBound(i, mass) >= bar) this.consider(i, mass, k, top);
    }
    for (const i of seeds) this.seeded[i] = 0;
    return top.map(({ i, score }) => {
      const doc = this.bestQuestion(i, mass);
      const detail = {
        queryCoverage: Math.min(1, values[i]! / mass),
        questionMatch: this.questionMatch(doc, mass),
        question: this.index.questions[doc]?.text ?? '',
        questionTerms: this.index.questions[doc]?.sequence ?? [],
      };
      return { entry: this.index.entries[i]!, score, detail };
    });
  }

  /** The `n` touched entries with the highest upper bounds, marked in `seeded`. */
  private mostPromising(mass: number, n: number): number[] {
    const { values, touched, count } = this.entryAcc;
    const ids: number[] = [];
    const uppers: number[] = [];
    for (let t = 0; t < count; t++) {
      const i = touched[t]!;
      if (values[i] === 0) continue;
      const upper = this.upperBound(i, mass);
      if (ids.length === n && upper <= uppers[n - 1]!) continue;
      let at = ids.length;
      while (at > 0 && upper > uppers[at - 1]!) at--;
      ids.splice(at, 0, i);
      uppers.splice(at, 0, upper);
      if (ids.length > n) {
        ids.pop();
        uppers.pop();
      }
    }
    for (const i of ids) this.seeded[i] = 1;
    return ids;
  }

  /**
   * At least entry `i`'s score, without looking at its questions: what the question covers of any
   * one of its questions is at most its bound, which caps both recall (over the question's weight)
   * and precision (over the entry's lightest question), and the F-measure grows with both. Raised a
   * little so that rounding can never make it fall below the real score.
   */
  private upperBound(i: number, mass: number): number {
    const share = this.scoring.queryShare;
    const bound = this.bounds[i]!;
    const recall = Math.min(1, bound / mass);
    const precision = Math.min(1, bound / this.lightestQuestion[i]!);
    const b2 = this.b2;
    const match = bound === 0 ? 0 : ((1 + b2) * precision * recall) / (b2 * precision + recall);
    return share * Math.min(1, this.entryAcc.values[i]! / mass) + (1 - share) * match + ROUNDING;
  }

  /**
   * Scores entry `i` and keeps it in `top` (best first, equal scores in knowledge order, at most `k`
   * long) if it belongs there: a k-long list instead of sorting every entry the question touched.
   */
  private consider(i: number, mass: number, k: number, top: Ranked[]): void {
    const value = this.entryAcc.values[i]!;
    if (value === 0) return;
    const share = this.scoring.queryShare;
    const match = this.questionMatch(this.bestQuestion(i, mass), mass);
    const score = Math.min(1, share * Math.min(1, value / mass) + (1 - share) * match);
    let at = top.length;
    while (at > 0 && (score > top[at - 1]!.score || (score === top[at - 1]!.score && i < top[at - 1]!.i)))
      at--;
    if (at >= k) return;
    top.splice(at, 0, { i, score });
    if (top.length > k) top.pop();
  }

  /**
   * The entry's best question (title or alternate), or -1 when the query covers none of them. Of
   * equally good questions the first wins.
   */
  private bestQuestion(entry: number, queryMass: number): number {
    const { questionStart } = this.index;
    let best = 0;
    let doc = -1;
    for (let d = questionStart[entry]!; d < questionStart[entry + 1]!; d++) {
      if (this.covered[d] === 0) continue;
      const f = this.questionMatch(d, queryMass);
      if (f > best) {
        best = f;
        doc = d;
      }
    }
    return doc;
  }

  /**
   * An F-measure of how much of question `d` the query covers (precision) and how much of the query
   * it covers (recall): a short title met by one word of a long question scores low; an alternate
   * saying the same thing, high. 0 for no question (-1).
   */
  private questionMatch(d: number, queryMass: number): number {
    const c = d < 0 ? 0 : this.covered[d]!;
    if (c === 0) return 0;
    const b2 = this.b2;
    const precision = Math.min(1, c / this.index.questionMass[d]!);
    const recall = Math.min(1, c / queryMass);
    return ((1 + b2) * precision * recall) / (b2 * precision + recall);
  }

  /**
   * Back to zeros, visiting only what the previous question touched. An entry whose question was
   * touched was touched itself: the entry's postings hold every term of its questions.
   */
  private forgetLastQuestion(): void {
    const { touched, count } = this.entryAcc;
    const { questionStart } = this.index;
    for (let t = 0; t < count; t++) this.bounds[touched[t]!] = 0;
    // Clearing every question at once is faster than entry by entry when many entries were touched.
    if (count > this.index.entries.length / 8) this.covered.fill(0);
    else
      for (let t = 0; t < count; t++)
        this.covered.fill(0, questionStart[touched[t]!]!, questionStart[touched[t]! + 1]!);
    this.entryAcc.clear();
  }
}
