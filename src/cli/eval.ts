import { existsSync } from 'node:fs';
import path from 'node:path';
import { Answerer, type AnswererOptions } from '../answer/answerer.ts';
import { berthResponder, fuseDefaultBaseline, miniSearchBaseline } from '../eval/baselines.ts';
import {
  examplesOf,
  fitWeights,
  foldAnswerers,
  foldOf,
  phrasingExamples,
  rankHeldOut,
  scored,
} from '../eval/fit-reranker.ts';
import { evaluateReal, type RealFigures, type RealResponder, withTypo } from '../eval/real-eval.ts';
import { type RealQuestion, readRealQuestions } from '../eval/real-questions.ts';
import { formatProblem } from '../knowledge/problems.ts';
import type { KnowledgeBase } from '../knowledge/types.ts';
import { FITTED_AUTO_ANSWER_THRESHOLD } from '../match/reranker-weights.ts';
import { formatEval, missedTargets, type SplitResult } from './eval-format.ts';
import { type CliIo, parseArgs, writeLine } from './io.ts';

/** Where `berth eval` looks when no `--set` is given: the project's corpus, from the working directory. */
export const DEFAULT_EVAL_SET = path.join('tests', 'eval', 'real', 'questions.tsv');

/**
 * `berth eval [--set file] [--json] [--failures] [--no-baselines]`: Answerer on real questions, the
 * development split cross-validated (each question scored by a reranker that never saw it) and
 * the test split with the shipped model, next to fuse.js defaults and a MiniSearch baseline.
 */
export function evalCommand(
  kb: KnowledgeBase,
  options: AnswererOptions,
  args: readonly string[],
  io: CliIo,
): number {
  const { flags } = parseArgs(args, ['set']);
  const set =
    typeof flags.get('set') === 'string'
      ? path.resolve(String(flags.get('set')))
      : path.resolve(DEFAULT_EVAL_SET);
  if (!existsSync(set)) {
    writeLine(io.stderr, `berth eval: no question set at ${set}; pass --set <file.tsv>`);
    return 2;
  }
  const { questions, problems } = readRealQuestions(set);
  for (const p of problems) writeLine(io.stderr, formatProblem(p));
  const unknown = questions.flatMap((q) =>
    q.label.kind === 'entries'
      ? q.label.ids
          .filter((id) => !kb.entries.has(kb.aliases.get(id) ?? id))
          .map((id) => `${q.file}:${q.line}: unknown entry "${id}"`)
      : [],
  );
  for (const u of unknown) writeLine(io.stderr, u);
  const resolved = questions.map((q) => resolveAliases(q, kb));
  const baselines = !flags.has('no-baselines');
  const results: SplitResult[] = (['dev', 'test'] as const).map((split) => {
    const mine = scored(resolved.filter((q) => q.split === split));
    const respond =
      split === 'dev' ? crossValidated(kb, options, mine) : berthResponder(new Answerer(kb, options));
    return {
      split,
      berth: evaluateReal(mine, respond, options.autoAnswerThreshold ?? FITTED_AUTO_ANSWER_THRESHOLD),
      typo: evaluateReal(
        mine.filter((q) => q.label.kind === 'entries').map((q) => ({ ...q, question: withTypo(q.question) })),
        respond,
      ),
      ...(baselines
        ? {
            fuse: evaluateReal(mine, fuseDefaultBaseline(kb)),
            minisearch: evaluateReal(mine, miniSearchBaseline(kb)),
          }
        : {}),
    };
  });
  const test = results.find((r) => r.split === 'test')!;
  const missed = missedTargets(test);
  if (flags.has('json')) {
    const strip = (f: RealFigures | undefined) => f && { ...f, failures: f.failures.length };
    const json = results.map((r) => ({
      split: r.split,
      berth: strip(r.berth),
      typo: strip(r.typo),
      fuse: strip(r.fuse),
      minisearch: strip(r.minisearch),
    }));
    writeLine(io.stdout, JSON.stringify({ set, results: json, missed }, null, 2));
  } else {
    writeLine(io.stdout, formatEval(path.relative(process.cwd(), set) || set, results, missed));
    // Development failures only: the test split is for reporting, never for tuning.
    if (flags.has('failures'))
      for (const f of results[0]!.berth.failures)
        writeLine(
          io.stdout,
          `  [${f.question.id}] ${labelText(f.question)} <- got ${f.got.outcome}${f.got.answered ? `:${f.got.answered}` : ''} (${f.got.ranked.join(', ')}): ${f.question.question}`,
        );
  }
  return problems.length + unknown.length > 0 ? 2 : missed.length > 0 ? 1 : 0;
}

function labelText(q: RealQuestion): string {
  return q.label.kind === 'entries' ? q.label.ids.join('|') : q.label.kind;
}

/** Labels naming a retired (merged) entry count its successor as right. */
function resolveAliases(q: RealQuestion, kb: KnowledgeBase): RealQuestion {
  if (q.label.kind !== 'entries') return q;
  return { ...q, label: { kind: 'entries', ids: q.label.ids.map((id) => kb.aliases.get(id) ?? id) } };
}

/** Each development question answered by a Berth whose reranker was fit without its fold. */
function crossValidated(
  kb: KnowledgeBase,
  options: AnswererOptions,
  dev: readonly RealQuestion[],
): RealResponder {
  const probe = new Answerer(kb, options);
  const ranked = rankHeldOut(kb, dev, options);
  const phrasings = phrasingExamples(probe);
  const byFold = foldAnswerers(kb, dev, options, (fold) =>
    fitWeights([
      ...phrasings,
      ...dev.flatMap((q, i) => (foldOf(q) === fold ? [] : examplesOf(q, ranked[i]!))),
    ]),
  ).map(berthResponder);
  const fold = new Map(dev.map((q) => [q.question, foldOf(q)]));
  const typoFold = new Map(dev.map((q) => [withTypo(q.question), foldOf(q)]));
  return (question) => byFold[fold.get(question) ?? typoFold.get(question) ?? 0]!(question);
}
