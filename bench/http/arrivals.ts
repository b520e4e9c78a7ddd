import { clock } from '../measure.ts';

/**
 * When each reply reached a stand-in, by reply key. The stand-ins (tests/e2e) record what Berth
 * sends by pushing onto public arrays; `observe` replaces a push with a timestamp by key, so a load
 * run of tens of thousands of replies keeps one number each instead of every payload.
 */
export class Arrivals {
  private readonly at = new Map<string, number>();

  observe<T>(list: T[], keyOf: (item: T) => string | undefined): void {
    const stamp = (...items: T[]): number => {
      const now = clock();
      for (const item of items) {
        const key = keyOf(item);
        if (key !== undefined && !this.at.has(key)) this.at.set(key, now);
      }
      return list.length;
    };
    Object.defineProperty(list, 'push', { value: stamp });
  }

  get(key: string): number | undefined {
    return this.at.get(key);
  }

  clear(): void {
    this.at.clear();
  }

  /** Resolves once a reply arrived for every key, or when no new reply came for `quietMs`. */
  async settle(keys: readonly string[], quietMs = 5000): Promise<void> {
    let waiting = keys.filter((k) => !this.at.has(k));
    let lastChange = performance.now();
    while (waiting.length > 0 && performance.now() - lastChange < quietMs) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const still = waiting.filter((k) => !this.at.has(k));
      if (still.length !== waiting.length) lastChange = performance.now();
      waiting = still;
    }
  }
}
