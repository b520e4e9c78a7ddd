/** Measurement helpers: wall-clock timing, percentiles, heap used by something built. */

/** Milliseconds on a clock shared by every process on the machine (wall-clock origin + monotonic). */
export function clock(): number {
  return performance.timeOrigin + performance.now();
}

export interface Percentiles {
  n: number;
  p50: number;
  p99: number;
  mean: number;
  max: number;
}

/** Nearest-rank percentiles of `samples` (any unit); undefined when there are none. */
export function percentiles(samples: readonly number[]): Percentiles | undefined {
  if (samples.length === 0) return undefined;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    n: sorted.length,
    p50: rank(0.5),
    p99: rank(0.99),
    mean: sum / sorted.length,
    max: sorted.at(-1)!,
  };
}

/** Whether heap figures can be taken (`node --expose-gc`, as `npm run bench` runs). */
export function canMeasureHeap(): boolean {
  return typeof globalThis.gc === 'function';
}

function settledHeap(): number {
  // Twice: the first collection can leave objects for the second (weak references, finalizers).
  globalThis.gc?.();
  globalThis.gc?.();
  return process.memoryUsage().heapUsed;
}

export interface Built<T> {
  value: T;
  ms: number;
  /** Heap still in use after building, minus before: what keeping `value` costs. Null without --expose-gc. */
  heapBytes: number | null;
}

/** Builds something once, timing it and measuring the heap it keeps alive. */
export function measureBuild<T>(build: () => T): Built<T> {
  const before = settledHeap();
  const started = performance.now();
  const value = build();
  const ms = performance.now() - started;
  const after = settledHeap();
  return { value, ms, heapBytes: canMeasureHeap() ? Math.max(0, after - before) : null };
}

/** Times each call of `run` over `items`, stopping early once `budgetMs` is spent (at least one call). */
export function timeEach<T>(items: readonly T[], run: (item: T) => void, budgetMs = Infinity): number[] {
  const samples: number[] = [];
  const deadline = performance.now() + budgetMs;
  for (const item of items) {
    const started = performance.now();
    run(item);
    samples.push(performance.now() - started);
    if (performance.now() > deadline) break;
  }
  return samples;
}
