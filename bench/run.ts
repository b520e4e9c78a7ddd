// `npm run bench`: Berth's match quality, speed and scale side by side with fuse.js and MiniSearch,
// then the server end to end over HTTP and its start-up. Reports, never asserts (bench/README.md).
//   npm run bench                      the full run (several minutes)
//   npm run bench -- --quick           about a minute: fewer questions, sizes and seconds
//   npm run bench -- --only scale,http sections: quality, scale, http, startup, shared (Redis's cost)
//   npm run bench -- --cpu-prof        also profile the server under load (bench/results/profiles/);
//                                      profile the matchers with node --cpu-prof --expose-gc --import tsx bench/run.ts
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BUILTIN_KNOWLEDGE_DIR } from '../src/config.ts';
import { loadKnowledgeOrThrow } from '../src/knowledge/knowledge-base.ts';
import { englishCount } from '../src/text/english.ts';
import { measureAims } from './aims.ts';
import { runHttp } from './http/e2e.ts';
import { renderSharedStores, runSharedStores } from './http/shared-stores.ts';
import { canMeasureHeap, measureBuild } from './measure.ts';
import { Progress } from './progress.ts';
import { realQuestions, runQuality } from './quality.ts';
import { renderReport } from './report.ts';
import { type BenchResults, describeMachine, RESULTS_DIR, writeResults } from './results.ts';
import { runScale } from './scale.ts';
import { runStartup } from './startup.ts';

const SECTIONS = ['quality', 'scale', 'http', 'startup', 'shared'] as const;
type Section = (typeof SECTIONS)[number];

/** How much of everything each mode runs. */
const MODES = {
  full: {
    sizes: [1_000, 10_000, 50_000],
    scale: { slowBudgetMs: 8_000, fastBudgetMs: 10_000, maxQuestionMs: 20_000 },
    http: { concurrency: [1, 10, 50], rate: 200, durationS: 8 },
    startup: { runs: 3, syntheticEntries: 10_000 },
  },
  quick: {
    sizes: [1_000, 10_000],
    scale: { slowBudgetMs: 1_000, fastBudgetMs: 1_500, maxQuestionMs: 1_500 },
    http: { concurrency: [10], rate: 200, durationS: 2 },
    startup: { runs: 1, syntheticEntries: 0 },
  },
} as const;

function plan(argv: string[]): { quick: boolean; sections: Set<Section>; profile: boolean } {
  const { values } = parseArgs({
    args: argv,
    options: { quick: { type: 'boolean' }, only: { type: 'string' }, 'cpu-prof': { type: 'boolean' } },
  });
  const only = values.only?.split(',').map((s) => s.trim());
  const unknown = only?.filter((s) => !(SECTIONS as readonly string[]).includes(s)) ?? [];
  if (unknown.length > 0)
    throw new Error(`--only: unknown section(s) ${unknown.join(', ')}; use ${SECTIONS.join(', ')}`);
  return {
    quick: values.quick ?? false,
    sections: new Set((only ?? SECTIONS) as Section[]),
    profile: values['cpu-prof'] ?? false,
  };
}

async function main(argv: string[]): Promise<void> {
  const { quick, sections, profile } = plan(argv);
  const mode = MODES[quick ? 'quick' : 'full'];
  const progress = new Progress();
  if (!canMeasureHeap())
    progress.note('no global.gc(): run with node --expose-gc (npm run bench does) for heap figures');
  const startedAt = new Date().toISOString();
  const machine = describeMachine();
  const englishTableBytes = measureBuild(() => englishCount('container')).heapBytes;
  const kb = loadKnowledgeOrThrow([BUILTIN_KNOWLEDGE_DIR]);
  const partial: Omit<BenchResults, 'aims' | 'finishedAt'> = {
    startedAt,
    mode: quick ? 'quick' : 'full',
    command: ['npm run bench', ...(argv.length > 0 ? ['--', ...argv] : [])].join(' '),
    partial: sections.size < SECTIONS.length,
    machine,
    englishTableBytes,
  };
  if (sections.has('quality')) partial.quality = runQuality(kb, quick, progress);
  const { dev, test } = realQuestions();
  if (sections.has('scale')) {
    const measured = partial.quality?.contestants ?? [];
    const cutoffs = new Map(measured.flatMap((c) => (c.cutoff ? [[c.key, c.cutoff.cutoff] as const] : [])));
    const meanMs = new Map(measured.map((c) => [c.key, c.latencyMs.mean] as const));
    const options = {
      ...mode.scale,
      sizes: mode.sizes,
      cutoffs,
      baseline: { entries: kb.entries.size, meanMs },
    };
    partial.scale = runScale(kb, [...dev, ...test], options, progress);
  }
  if (sections.has('http')) {
    const onTopic = test.filter((q) => q.label.kind === 'entries');
    const profileDir = profile ? path.join(RESULTS_DIR, 'profiles') : undefined;
    partial.http = await runHttp(
      { ...mode.http, questions: onTopic.map((q) => q.question), profileDir },
      progress,
    );
    if (profileDir) progress.note(`server CPU profile written to ${profileDir}`);
  }
  if (sections.has('startup')) partial.startup = await runStartup(kb, mode.startup, progress);
  const questions = test.map((q) => q.question);
  const shared = sections.has('shared')
    ? await runSharedStores({ ...mode.http, questions }, progress)
    : undefined;
  const finished = { ...partial, finishedAt: new Date().toISOString() };
  const results: BenchResults = { ...finished, aims: measureAims(finished) };
  const file = writeResults(results);
  progress.done();
  process.stdout.write(`${renderReport(results)}\n`);
  if (shared) process.stdout.write(`\n${renderSharedStores(shared)}`);
  progress.note(`figures as JSON: ${file}`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
