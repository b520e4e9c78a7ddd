import path from 'node:path';
import { AIM_SIZE } from './aims.ts';
import { count, mb, ms, pct, points, sizeRatio, speedRatio, table } from './format.ts';
import type { ContestantQuality, QualityResults } from './quality.ts';
import { aimsSection, httpSection, startupSection } from './report-serving.ts';
import { type BenchResults, RESULTS_DIR, resultsFile } from './results.ts';
import { type ClassLatency, QUERY_CLASSES, type ScaleResults } from './scale.ts';

/** The whole report as Markdown: what `npm run bench` prints on stdout. */
export function renderReport(r: BenchResults): string {
  return [
    header(r),
    headline(r),
    r.quality && qualitySection(r.quality, r.englishTableBytes),
    r.scale && scaleSection(r.scale),
    r.http && httpSection(r.http),
    r.startup && startupSection(r.startup),
    aimsSection(r),
  ]
    .filter((s): s is string => Boolean(s))
    .join('\n\n');
}

function header(r: BenchResults): string {
  const m = r.machine;
  const when = `${r.startedAt.slice(0, 16).replace('T', ' ')} UTC`;
  return [
    '# Berth benchmarks',
    '',
    `${r.mode === 'quick' ? 'Quick' : 'Full'} run, ${when}: ${m.cpu} (${m.cores} cores), Node ${m.node}, ${m.platform}, load average ${m.loadAverage.join(' / ')} at the start.`,
    'Absolute times vary between machines and from run to run (this one is shared); the ratios against fuse.js with default options are the point.',
    `Reproduce: \`${r.command}\`. Figures as JSON: \`${path.relative(path.resolve(RESULTS_DIR, '..', '..'), resultsFile(r))}\`.`,
  ].join('\n');
}

function headline(r: BenchResults): string | undefined {
  const ours = r.quality?.contestants.find((c) => c.key === 'berth');
  const base = r.quality?.contestants.find((c) => c.key === 'fuseDefaults');
  if (!ours || !base) return undefined;
  const at = (key: string) => r.scale?.rows.find((x) => x.entries === AIM_SIZE && x.key === key);
  const [b10, f10] = [at('berth'), at('fuseDefaults')];
  const medium = (c: ClassLatency | undefined) => c?.latencyMs?.mean ?? c?.estimatedMs;
  const share = (
    label: string,
    key: 'bestFirst' | 'answeredCorrectly' | 'wrongRate' | 'offTopicDeclined',
  ) => [
    `${label}, test split`,
    pct(ours.test[key]),
    pct(base.test[key]),
    points(ours.test[key], base.test[key]),
  ];
  const rows = [
    share('best entry first', 'bestFirst'),
    share('answered correctly outright', 'answeredCorrectly'),
    share('wrong answers', 'wrongRate'),
    share('off-topic questions declined', 'offTopicDeclined'),
    [
      `p99 per question, ${r.quality?.entries} entries`,
      ms(ours.latencyMs.p99),
      ms(base.latencyMs.p99),
      speedRatio(ours.latencyMs.p99, base.latencyMs.p99),
    ],
  ];
  if (b10 && f10) {
    const fuseMean = medium(f10.classes.medium);
    const est = f10.classes.medium.latencyMs ? '' : ' (est.)';
    rows.push(
      [
        `mean per question, ${count(AIM_SIZE)} entries, 33-200 chars`,
        ms(medium(b10.classes.medium)),
        `${ms(fuseMean)}${est}`,
        speedRatio(medium(b10.classes.medium), fuseMean),
      ],
      [
        `index heap, ${count(AIM_SIZE)} entries`,
        mb(b10.heapBytes),
        mb(f10.heapBytes),
        sizeRatio(b10.heapBytes, f10.heapBytes),
      ],
    );
  }
  return [
    '## Headline: Berth against fuse.js with default options',
    '',
    table(['', 'Berth', 'fuse.js defaults', 'Berth vs fuse.js defaults'], rows),
  ].join('\n');
}

function qualitySection(q: QualityResults, englishTableBytes: number | null): string {
  const cs = q.contestants;
  const base = cs.find((c) => c.key === 'fuseDefaults');
  const share = (pick: (c: ContestantQuality) => number, vsBase = false) =>
    cs.map(
      (c) => `${pct(pick(c))}${vsBase && base && c !== base ? ` (${points(pick(c), pick(base))})` : ''}`,
    );
  const time = (pick: (c: ContestantQuality) => number) =>
    cs.map((c) => `${ms(pick(c))}${base && c !== base ? ` (${speedRatio(pick(c), pick(base))})` : ''}`);
  const rows = [
    ['best entry first (answer or first "did you mean" choice)', ...share((c) => c.test.bestFirst, true)],
    ['right entry in the top 3', ...share((c) => c.test.top3)],
    ['answered correctly outright', ...share((c) => c.test.answeredCorrectly, true)],
    ['asked "did you mean"', ...share((c) => c.test.clarifyRate)],
    ['wrong answers', ...share((c) => c.test.wrongRate)],
    ['off-topic questions declined', ...share((c) => c.test.offTopicDeclined)],
    ['p50 per question', ...time((c) => c.latencyMs.p50)],
    ['p99 per question', ...time((c) => c.latencyMs.p99)],
    ['index build', ...cs.map((c) => ms(c.buildMs))],
    [
      'index heap',
      ...cs.map(
        (c) =>
          `${mb(c.heapBytes)}${base && c !== base ? ` (${sizeRatio(c.heapBytes, base.heapBytes)})` : ''}`,
      ),
    ],
  ];
  const cutoffs = cs.flatMap(({ name, cutoff }) =>
    cutoff
      ? [
          `- **${name}** answers when its top hit scores at least ${cutoff.cutoff.toFixed(3)}: the cut-off that handles the most dev-split questions right (${pct(cutoff.devHandled)} of ${cutoff.devQueries}; with an entry: one of its labelled entries, off-topic or unanswered: declined). The test split played no part.`,
        ]
      : [],
  );
  const notes = [
    `Quality is the test split's (${q.queries.test} questions); the ${q.queries.dev} of the dev split choose the libraries' cut-offs and are timed too. Berth's dev figures are not shown: its reranker and its asked phrasings (knowledge/_bot/asked.yaml) come from the dev split; \`berth eval\` prints them cross-validated.`,
    'Same knowledge, same questions, one process. Latency is one call per question after a warm-up on other questions. Heap: `process.memoryUsage().heapUsed` after `global.gc()`, with the index alive, minus before building it.',
    ...(englishTableBytes === null
      ? []
      : [
          `Berth's figures leave out the English word-frequency table (${mb(englishTableBytes)}) that every Berth in a process shares.`,
        ]),
  ];
  return [
    `## 1. Match quality and speed: shipped knowledge (${q.entries} entries), ${q.queries.test} real questions (test split)`,
    '',
    ...(q.sample ? [`_${q.sample}; the full run uses every question._`, ''] : []),
    table(['', ...cs.map((c) => c.name)], rows),
    '',
    notes.join('\n'),
    '',
    'Setups:',
    '',
    ...cs.map((c) => `- **${c.name}**: ${c.setup}.`),
    '',
    'Score cut-offs, chosen on the dev split of tests/eval/real/questions.tsv only:',
    '',
    ...cutoffs,
  ].join('\n');
}

function latencyCell(c: ClassLatency): string {
  if (c.estimatedMs !== undefined) return `~${ms(c.estimatedMs)} (est.)`;
  const l = c.latencyMs;
  if (!l) return '–';
  return `${ms(l.p50)} / ${ms(l.p99)}${l.n < 20 ? ` (n=${l.n})` : ''}`;
}

function scaleSection(s: ScaleResults): string {
  const rows = s.rows.map((row) => {
    const base = s.rows.find((x) => x.entries === row.entries && x.key === 'fuseDefaults');
    const mean = (c: ClassLatency | undefined) => c?.latencyMs?.mean ?? c?.estimatedMs;
    return [
      count(row.entries),
      row.name,
      ms(row.buildMs),
      mb(row.heapBytes),
      ...QUERY_CLASSES.map((k) => latencyCell(row.classes[k.key])),
      row.key === 'fuseDefaults' ? '1×' : speedRatio(mean(row.classes.medium), mean(base?.classes.medium)),
    ];
  });
  const header = [
    'entries',
    'matcher',
    'build',
    'index heap',
    ...QUERY_CLASSES.map((k) => `p50 / p99, ${k.label}`),
    'vs fuse.js defaults (mean, 33-200)',
  ];
  return [
    `## 2. Scale: synthetic knowledge of ${s.sizes.map((x) => count(x.entries)).join(', ')} entries`,
    '',
    table(header, rows, 'rlrrrrrr'),
    '',
    `Questions: the real ones, both splits (${QUERY_CLASSES.map((k) => `${s.questions[k.key]} ${k.label}`).join(', ')}), in a fixed shuffled order; slow matchers are timed on as many as fit in a time budget (n shown when under 20), and a question expected to take longer than the cap is not run: its cost is extrapolated linearly from the last size measured (est.).`,
    `Knowledge: the real entries plus synthetic ones (seed ${s.seed}); see bench/README.md for the method. Generating took ${s.sizes.map((x) => `${ms(x.generateMs)} for ${count(x.entries)}`).join(', ')}.`,
  ].join('\n');
}
