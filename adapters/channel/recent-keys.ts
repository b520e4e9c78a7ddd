/**
 * The last `capacity` keys seen, oldest forgotten first: bounded memory for "have I handled this
 * already?". Slack retries an event it thinks was missed (same `event_id`); Teams may deliver the
 * same activity twice. Example: seen.firstTime('Ev1') -> true; seen.firstTime('Ev1') -> false
 */
export class RecentKeys {
  private readonly keys = new Set<string>();

  constructor(private readonly capacity: number) {}

  /** True the first time a key is seen (and remembers it); false while it is still remembered. */
  firstTime(key: string): boolean {
    if (this.keys.has(key)) return false;
    this.keys.add(key);
    if (this.keys.size > this.capacity) {
      const oldest = this.keys.values().next();
      if (!oldest.done) this.keys.delete(oldest.value);
    }
    return true;
  }

  /** Forgets a key, so the next delivery of it is handled (used when a reply certainly failed). */
  forget(key: string): void {
    this.keys.delete(key);
  }

  get size(): number {
    return this.keys.size;
  }
}
