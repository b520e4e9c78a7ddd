import type { PlaceRef, PlaceSettings, PostOutcomeName, ThreadRef, Verdict } from './types.ts';

/** A post as the store keeps it: when, where, what became of it (and the text, as privacy allows). */
export interface SeenPost extends ThreadRef {
  at: Date;
  /** What the person wrote; the store keeps it only as RECORDING_QUESTION_TEXT and the outcome allow. */
  text: string;
  outcome: PostOutcomeName;
  entryId: string | null;
  confidence: number | null;
}

/** What a click on "Solved it" or "Still need a human" found: the thread's first verdict, a later one, or no such thread. */
export type VerdictRecorded = 'first' | 'again' | 'unknown';

/**
 * Where automatic answering keeps its state: each place's settings (watched, quiet hours) and a
 * ledger of the posts seen in watched places, one row per thread, which is both the "one reply
 * per thread, ever" guard and what `berth report` counts. Every method may be slow (a database):
 * the service awaits them, never a reply to a person asking directly.
 */
export interface AutoAnswerStore {
  /** A place's settings, or undefined when it never chose any. */
  place(ref: PlaceRef): Promise<PlaceSettings | undefined>;
  savePlace(ref: PlaceRef, settings: PlaceSettings, at: Date): Promise<void>;
  /** Records a post, unless its thread was recorded before: true the first time only. */
  claim(post: SeenPost): Promise<boolean>;
  /** The final outcome of a claimed post (`text` again, for an answered one). */
  settle(ref: ThreadRef, outcome: PostOutcomeName, text: string): Promise<void>;
  /** Records a verdict on an answered thread; the first one counts. */
  verdict(ref: ThreadRef, verdict: Verdict, at: Date): Promise<VerdictRecorded>;
  close(): Promise<void>;
}

const keyOf = (ref: PlaceRef, thread = '') => JSON.stringify([ref.channel, ref.place, thread]);

/**
 * The store without a database (RECORDING=off, tests): settings and the ledger live as long as
 * the process. The ledger keeps at most `capacity` threads, oldest forgotten first.
 */
export class MemoryAutoAnswerStore implements AutoAnswerStore {
  private readonly places = new Map<string, PlaceSettings>();
  private readonly posts = new Map<string, { outcome: PostOutcomeName; verdict?: Verdict }>();

  constructor(private readonly capacity = 100_000) {}

  async place(ref: PlaceRef): Promise<PlaceSettings | undefined> {
    return this.places.get(keyOf(ref));
  }

  async savePlace(ref: PlaceRef, settings: PlaceSettings): Promise<void> {
    this.places.set(keyOf(ref), settings);
  }

  async claim(post: SeenPost): Promise<boolean> {
    const key = keyOf(post, post.thread);
    if (this.posts.has(key)) return false;
    this.posts.set(key, { outcome: post.outcome });
    if (this.posts.size > this.capacity) {
      const oldest = this.posts.keys().next();
      if (!oldest.done) this.posts.delete(oldest.value);
    }
    return true;
  }

  async settle(ref: ThreadRef, outcome: PostOutcomeName): Promise<void> {
    const post = this.posts.get(keyOf(ref, ref.thread));
    if (post) post.outcome = outcome;
  }

  async verdict(ref: ThreadRef, verdict: Verdict): Promise<VerdictRecorded> {
    const post = this.posts.get(keyOf(ref, ref.thread));
    if (post?.outcome !== 'answered') return 'unknown';
    if (post.verdict) return 'again';
    post.verdict = verdict;
    return 'first';
  }

  async close(): Promise<void> {}
}
