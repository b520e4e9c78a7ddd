import type { RealFigures } from '../eval/real-eval.ts';
import type { Split } from '../eval/real-questions.ts';

/** One split's figures: Berth, with one typo per question, and the two baselines. */
export interface SplitResult {
  split: Split;
  berth: RealFigures;
  typo: RealFigures;
  fuse?: RealFigures;
  minisearch?: RealFigures;
}

/** The targets, on the real test split. */
export const TARGETS = {
  answeredCorrectly: 0.9,
  wrongRate: 0.04,
  offTopicDeclined: 0.95,
  clarifyRate: 0.08,
  ece: 0.05,
  typoCost: 0.03,
} as const;

export function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

/** Which targets the test split misses (empty when all are met). */
export function missedTargets(test: SplitResult): string[] {
  const f = test.berth;
  const typoCost = f.answeredCorrectly - test.typo.answeredCorrectly;
  const missed: string[] = [];
  if (f.answeredCorrectly < TARGETS.answeredCorrectly)
    missed.push(`answered correctly ${pct(f.answeredCorrectly)} < ${pct(TARGETS.answeredCorrectly)}`);
  if (f.wrongRate > TARGETS.wrongRate)
    missed.push(`wrong answers ${pct(f.wrongRate)} > ${pct(TARGETS.wrongRate)}`);
  if (f.offTopicDeclined < TARGETS.offTopicDeclined)
    missed.push(`off-topic declined ${pct(f.offTopicDeclined)} < ${pct(TARGETS.offTopicDeclined)}`);
  if (f.clarifyRate > TARGETS.clarifyRate)
    missed.push(`"did you mean" ${pct(f.clarifyRate)} > ${pct(TARGETS.clarifyRate)}`);
  if ((f.ece ?? 1) > TARGETS.ece)
    missed.push(`calibration error ${(f.ece ?? 1).toFixed(3)} > ${TARGETS.ece}`);
  if (typoCost > TARGETS.typoCost) missed.push(`one typo costs ${pct(typoCost)} > ${pct(TARGETS.typoCost)}`);
  return missed;
}

/** The report `berth eval` prints: one table, both splits, Berth next to the two baselines. */
export function formatEval(set: string, results: readonly SplitResult[], missed: readonly string[]): string {
  const columns: { head: string; f: (r: SplitResult) => RealFigures | undefined; split: SplitResult }[] = [];
  for (const r of results) {
    const label = r.split === 'dev' ? 'dev (cross-val.)' : 'test';
    columns.push({ head: `Berth ${label}`, f: (x) => x.berth, split: r });
    if (r.fuse) columns.push({ head: `fuse.js ${r.split}`, f: (x) => x.fuse, split: r });
    if (r.minisearch) columns.push({ head: `MiniSearch ${r.split}`, f: (x) => x.minisearch, split: r });
  }
  const cell = (text: string) => text.padStart(Math.max(10, 0));
  const row = (name: string, values: string[]) => `| ${name.padEnd(36)} | ${values.map(cell).join(' | ')} |`;
  const metric = (name: string, get: (f: RealFigures, r: SplitResult) => string) =>
    row(
      name,
      columns.map((c) => {
        const f = c.f(c.split);
        return f ? get(f, c.split) : '';
      }),
    );
  const sizes = results
    .map(
      (r) =>
        `${r.split} ${r.berth.questions} (${r.berth.withEntry} with an entry, ${r.berth.unanswered} no entry yet, ${r.berth.offTopic} off-topic)`,
    )
    .join('; ');
  const lines = [
    `Real questions from ${set}: ${sizes}`,
    '',
    `| ${'on real questions'.padEnd(36)} | ${columns.map((c) => c.head.padStart(10)).join(' | ')} |`,
    `|${'-'.repeat(38)}|${columns.map((c) => '-'.repeat(Math.max(10, c.head.length) + 2)).join('|')}|`,
    metric('answered correctly outright', (f) => pct(f.answeredCorrectly)),
    metric('best entry right (top-1)', (f) => pct(f.bestFirst)),
    metric('right entry in the top 3', (f) => pct(f.top3)),
    metric('"did you mean" (of on-topic)', (f) => pct(f.clarifyRate)),
    metric('wrong answers (of on-topic)', (f) => pct(f.wrongRate)),
    metric('off-topic declined', (f) => pct(f.offTopicDeclined)),
    metric('expected calibration error', (f) => (f.ece === null ? 'n/a' : f.ece.toFixed(3))),
    metric('answered correctly, one typo each', (f, r) =>
      f === r.berth ? pct(r.typo.answeredCorrectly) : '',
    ),
    metric('auto-answer precision', (f) => (f.autoAnswer ? pct(f.autoAnswer.precision) : '')),
    metric('auto-answer coverage (all questions)', (f) => (f.autoAnswer ? pct(f.autoAnswer.coverage) : '')),
    `(auto-answer: answering unasked in watched channels at confidence >= ${results[0]?.berth.autoAnswer?.threshold ?? ''})`,
    '',
    ...results.flatMap((r) => reliabilityTable(r)),
    missed.length
      ? `Targets missed on the test split: ${missed.join('; ')}`
      : 'All targets met on the test split.',
  ];
  return lines.join('\n');
}

function reliabilityTable(r: SplitResult): string[] {
  const bins = r.berth.reliability;
  if (!bins) return [];
  return [
    `Reliability, ${r.split}: confidence decile -> questions, mean confidence, share whose best entry was right`,
    ...bins
      .filter((b) => b.n > 0)
      .map(
        (b) =>
          `  ${b.from.toFixed(1)}-${b.to.toFixed(1)}  ${String(b.n).padStart(4)}  ${b.meanConfidence.toFixed(2)}  ${b.accuracy.toFixed(2)}`,
      ),
    '',
  ];
}
