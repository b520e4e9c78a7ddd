/** Tracks work in flight (requests and replies sent after an ack) so shutdown can wait for it. */
export class InFlight {
  private readonly pending = new Map<Promise<unknown>, string>();

  /** `what` names the work in the log if shutdown abandons it. */
  track(work: Promise<unknown>, what = 'request'): void {
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    this.pending.set(settled, what);
    void settled.then(() => this.pending.delete(settled));
  }

  get size(): number {
    return this.pending.size;
  }

  /** What is still in flight, by name, with how many of each: `{ 'slack: question': 1 }`. */
  describe(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const what of this.pending.values()) counts[what] = (counts[what] ?? 0) + 1;
    return counts;
  }

  /** Resolves true when everything settled, false if `timeoutMs` passed first. */
  async drain(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.pending.size > 0) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), left);
      });
      const outcome = await Promise.race([
        Promise.all(this.pending.keys()).then(() => 'done' as const),
        timeout,
      ]);
      clearTimeout(timer);
      if (outcome === 'timeout') return this.pending.size === 0;
    }
    return true;
  }
}
