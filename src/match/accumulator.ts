/**
 * Per-question scratch space over one index: a running score per id, plus the ids the question
 * touched. Scoring and resetting then cost what the question's postings cost, not the size of the
 * knowledge base (a scan of every entry and question per question is what made 10,000 entries slow).
 * Example: acc.add(7, 0.5); acc.count -> 1; acc.touched[0] -> 7; acc.values[7] -> 0.5
 */
export class Accumulator {
  readonly values: Float64Array;
  /** The ids added to since the last clear, in order of first touch; only the first `count` are valid. */
  readonly touched: Int32Array;
  count = 0;
  private readonly seen: Uint8Array;

  constructor(size: number) {
    this.values = new Float64Array(size);
    this.touched = new Int32Array(size);
    this.seen = new Uint8Array(size);
  }

  add(id: number, amount: number): void {
    if (this.seen[id] === 0) {
      this.seen[id] = 1;
      this.touched[this.count++] = id;
    }
    this.values[id]! += amount;
  }

  /** Back to all zeros, visiting only the ids that were touched. */
  clear(): void {
    for (let k = 0; k < this.count; k++) {
      const id = this.touched[k]!;
      this.values[id] = 0;
      this.seen[id] = 0;
    }
    this.count = 0;
  }
}
