import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Answerer } from '../answer/answerer.ts';
import { fuseDefaultBaseline } from '../eval/baseline.ts';
import { berthResponder } from '../eval/berth-responder.ts';
import {
  type EvalFigures,
  evaluate,
  missedTargets,
  type Prediction,
  pct,
  type Responder,
} from '../eval/evaluate.ts';
import { type LabelledQuery, OFF_TOPIC, readLabelled, SMALLTALK_PREFIX } from '../eval/labelled.ts';
import { formatProblem } from '../knowledge/problems.ts';
import { type CliIo, parseArgs, writeLine } from './io.ts';

/**
 * What `berth eval` reads without `--set`: a path relative to the working directory (a checkout's
 * root), never resolved against the code, so a production install never reaches into tests/.
 */
export const DEFAULT_EVAL_DIR = 'tests/eval/real/questions.tsv';

/** Reads every `*.tsv` under `dir` (or the single file given), checking that labels name real entries. */
export function loadEvalSet(
  berth: Answerer,
  location = DEFAULT_EVAL_DIR,
): { queries: LabelledQuery[]; problems: string[] } {
  const files = location.endsWith('.tsv')
    ? [location]
    : readdirSync(location)
        .filter((f) => f.endsWith('.tsv'))
        .sort()
        .map((f) => path.join(location, f));
  const queries: LabelledQuery[] = [];
  const problems: string[] = [];
  const intents = new Set(berth.knowledge.smalltalk.map((s) => s.id));
  for (const file of files) {
    const read = readLabelled(file);
    problems.push(...read.problems.map(formatProblem));
    for (const q of read.queries) {
      const known =
        q.expected === OFF_TOPIC ||
        (q.expected.startsWith(SMALLTALK_PREFIX) && intents.has(q.expected.slice(SMALLTALK_PREFIX.length))) ||
        berth.knowledge.entries.has(q.expected);
      if (known) queries.push(q);
      else problems.push(`${q.file}:${q.line}: unknown label "${q.expected}"`);
    }
  }
  return { queries, problems };
}

/** `berth eval [--set file-or-dir] [--json] [--failures]`: match quality against the fuse.js baseline. */
export function evalCommand(berth: Answerer, args: readonly string[], io: CliIo): number {
  const { flags } = parseArgs(args, ['set']);
  const set = flags.get('set');
  const { queries, problems } = loadEvalSet(berth, typeof set === 'string' ? path.resolve(set) : undefined);
  for (const p of problems) writeLine(io.stderr, p);
  // Each question is answered once; the per-set lines reuse the same predictions.
  const respond = remembering(berthResponder(berth));
  const ours = evaluate(queries, respond);
  const baseline = evaluate(queries, fuseDefaultBaseline(berth.knowledge));
  const missed = missedTargets(ours);
  if (flags.has('json')) {
    const strip = ({ failures, ...rest }: EvalFigures) => ({ ...rest, failures: failures.length });
    writeLine(
      io.stdout,
      JSON.stringify(
        { queries: queries.length, berth: strip(ours), fuseDefaults: strip(baseline), missed },
        null,
        2,
      ),
    );
  } else {
    writeLine(io.stdout, formatTable(queries.length, ours, baseline));
    writeLine(io.stdout, `\nBerth by labelled set:\n${bySet(queries, respond)}`);
    if (flags.has('failures')) for (const f of ours.failures) writeLine(io.stdout, formatFailure(f));
    writeLine(
      io.stdout,
      missed.length
        ? `\nMISSED: ${missed.join('; ')}`
        : '\nAll targets met (top-1 >= 90%, wrong <= 5%, off-topic declined >= 90%).',
    );
  }
  return missed.length > 0 || problems.length > 0 ? 1 : 0;
}

export function formatTable(total: number, ours: EvalFigures, base: EvalFigures): string {
  const row = (name: string, a: string, b: string) =>
    `| ${name.padEnd(34)} | ${a.padStart(8)} | ${b.padStart(16)} |`;
  const lines = [
    `Labelled queries: ${total} (${ours.onTopic} on-topic, ${ours.offTopic} off-topic, ${ours.smalltalk} small talk)`,
    '',
    row('metric', 'Berth', 'fuse.js defaults'),
    `|${'-'.repeat(36)}|${'-'.repeat(10)}|${'-'.repeat(18)}|`,
    row('top-1 accuracy (answer or 1st choice)', pct(ours.top1), pct(base.top1)),
    row('answered correctly outright', pct(ours.answered), pct(base.answered)),
    row('clarify ("did you mean") rate', pct(ours.clarifyRate), pct(base.clarifyRate)),
    row('wrong-answer rate', pct(ours.wrongRate), pct(base.wrongRate)),
    row('off-topic declined', pct(ours.offTopicDeclined), pct(base.offTopicDeclined)),
    row('small talk recognised', pct(ours.smalltalkCorrect), pct(base.smalltalkCorrect)),
    '',
    'Berth by query kind:',
    ...Object.entries(ours.byKind)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(
        ([kind, v]) =>
          `  ${kind.padEnd(12)} ${String(v.n).padStart(4)} queries  ${pct(v.top1).padStart(6)} correct`,
      ),
  ];
  return lines.join('\n');
}

function formatFailure({ query, got }: EvalFigures['failures'][number]): string {
  const what =
    got.outcome === 'smalltalk' ? `smalltalk:${got.intent}` : `${got.outcome}${got.id ? `:${got.id}` : ''}`;
  return `  ${path.basename(query.file)}:${query.line} [${query.kind}] expected ${query.expected}, got ${what}: ${query.query}`;
}

/** One line per labelled file: the held-out set's figures are the honest ones. */
function bySet(queries: readonly LabelledQuery[], respond: Responder): string {
  const files = [...new Set(queries.map((q) => q.file))];
  return files
    .map((file) => {
      const f = evaluate(
        queries.filter((q) => q.file === file),
        respond,
      );
      const name = path.basename(file).padEnd(16);
      return `  ${name} top-1 ${pct(f.top1).padStart(6)}  wrong ${pct(f.wrongRate).padStart(5)}  off-topic declined ${pct(f.offTopicDeclined).padStart(6)}  (${f.onTopic} on-topic, ${f.offTopic} off-topic)`;
    })
    .join('\n');
}

/** A responder that answers each distinct question once. */
function remembering(respond: Responder): Responder {
  const seen = new Map<string, Prediction>();
  return (query) => {
    const known = seen.get(query);
    if (known) return known;
    const prediction = respond(query);
    seen.set(query, prediction);
    return prediction;
  };
}
