/** Tracks work in flight (requests and replies sent after an ack) so shutdown can wait for it. */
export class InFlight {
  private readonly pending = new Set<Promise<unknown>>();

  track(work: Promise<unknown>): void {
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    this.pending.add(settled);
    void settled.then(() => this.pending.delete(settled));
  }

  get size(): number {
    return this.pending.size;
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
      const outcome = await Promise.race([Promise.all(this.pending).then(() => 'done' as const), timeout]);
      clearTimeout(timer);
      if (outcome === 'timeout') return this.pending.size === 0;
    }
    return true;
  }
}
