/**
 * Remembers the last `capacity` event ids so a retried or duplicated delivery (same `event_id`) is
 * answered once. Slack retries within about an hour; a few thousand ids cover that comfortably
 * and bound the memory whatever the traffic.
 * Example: const seen = new RecentEvents(); seen.firstTime('Ev1') -> true; seen.firstTime('Ev1') -> false
 */
export class RecentEvents {
  private readonly ids = new Set<string>();

  constructor(private readonly capacity = 5000) {}

  /** True the first time `id` is seen; records it (evicting the oldest when full). */
  firstTime(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > this.capacity) {
      const oldest = this.ids.values().next();
      if (!oldest.done) this.ids.delete(oldest.value);
    }
    return true;
  }

  get size(): number {
    return this.ids.size;
  }
}
