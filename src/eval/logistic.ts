/** One training example: a feature vector and whether it was the right entry (1) or not (0). */
export interface Example {
  x: readonly number[];
  y: 0 | 1;
}

/**
 * L2-regularised logistic regression by Newton's method (iteratively reweighted least squares):
 * deterministic, converges in a handful of steps for a few dozen features, no learning rate to
 * tune. The bias is the first feature (a constant 1) and is not regularised.
 * Example: fitLogistic([{x: [1, 0], y: 0}, {x: [1, 1], y: 1}], 0.1) -> weights with w[1] > 0
 */
export function fitLogistic(examples: readonly Example[], l2: number, maxSteps = 50): number[] {
  const d = examples[0]?.x.length ?? 0;
  const w = new Array<number>(d).fill(0);
  for (let step = 0; step < maxSteps; step++) {
    const gradient = new Array<number>(d).fill(0);
    const hessian = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (const { x, y } of examples) {
      const p = sigmoid(dot(x, w));
      const s = p * (1 - p);
      for (let i = 0; i < d; i++) {
        gradient[i]! += (p - y) * x[i]!;
        const row = hessian[i]!;
        for (let j = 0; j < d; j++) row[j]! += s * x[i]! * x[j]!;
      }
    }
    for (let i = 1; i < d; i++) {
      gradient[i]! += l2 * w[i]!;
      hessian[i]![i]! += l2;
    }
    hessian[0]![0]! += 1e-9;
    const delta = solve(hessian, gradient);
    let largest = 0;
    for (let i = 0; i < d; i++) {
      w[i]! -= delta[i]!;
      largest = Math.max(largest, Math.abs(delta[i]!));
    }
    if (largest < 1e-9) break;
  }
  return w;
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

export function dot(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * (b[i] ?? 0);
  return sum;
}

/** Solves A x = b by Gaussian elimination with partial pivoting (A is small and well conditioned). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    const p = m[col]![col]!;
    if (p === 0) continue;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = m[r]![col]! / p;
      if (f === 0) continue;
      for (let k = col; k <= n; k++) m[r]![k]! -= f * m[col]![k]!;
    }
  }
  return m.map((row, i) => (row[i] === 0 ? 0 : row[n]! / row[i]!));
}
