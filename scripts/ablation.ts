// `node --import tsx scripts/ablation.ts`: does each part of the matcher earn its place? Refits the
// reranker on the DEVELOPMENT split with groups of features removed and prints the cross-validated
// figures of each variant (docs/DESIGN.md, "What earns its place"). Never reads the test split.
import path from 'node:path';
import { PACKAGE_ROOT } from '../lib/package-root.ts';
import { Answerer } from '../src/answer/answerer.ts';
import { DEFAULT_THRESHOLDS } from '../src/answer/decide.ts';
import { BUILTIN_KNOWLEDGE_DIR } from '../src/config.ts';
import {
  chooseThresholds,
  crossValidated,
  decisionRates,
  phrasingExamples,
  rankAll,
  rightIds,
  scored,
} from '../src/eval/fit-reranker.ts';
import { readRealQuestions } from '../src/eval/real-questions.ts';
import { loadKnowledgeOrThrow } from '../src/knowledge/knowledge-base.ts';
import type { RankedQuestion } from '../src/match/ranker.ts';
import { FEATURE_NAMES } from '../src/match/reranker.ts';

const { questions } = readRealQuestions(path.join(PACKAGE_ROOT, 'tests/eval/real/questions.tsv'));
const dev = scored(questions.filter((q) => q.split === 'dev'));
const berth = new Answerer(loadKnowledgeOrThrow([BUILTIN_KNOWLEDGE_DIR]));
const ranked = rankAll(berth, dev);
const phrasings = phrasingExamples(berth);

const VARIANTS: Record<string, (name: string) => boolean> = {
  'everything (shipped)': () => true,
  'BM25 only (no term engine)': (n) => !n.startsWith('engine.') && !n.includes('engine'),
  'term engine only (no BM25)': (n) => !n.startsWith('bm25.') && !n.includes('bm25') && !n.includes('Bm25'),
  'no competition features': (n) => !n.startsWith('agree.') && !n.startsWith('lead.'),
  'no exact-phrasing features': (n) => n !== 'engine.exactPhrasing' && n !== 'engine.questionMatchSquared',
};

const pct = (x: number) => `${(100 * x).toFixed(1)}%`.padStart(6);
console.log(
  `dev: ${dev.length} questions, cross-validated; answer threshold re-chosen per variant (wrong <= 4%)`,
);
console.log('variant                         top-1   top-3  answered  wrong  off-topic declined');
for (const [name, keep] of Object.entries(VARIANTS)) {
  const mask = FEATURE_NAMES.map((n) => (n === 'bias' || keep(n) ? 1 : 0));
  const masked = (r: RankedQuestion): RankedQuestion => ({
    ...r,
    candidates: r.candidates.map((c) => ({ ...c, features: c.features.map((f, i) => f * mask[i]!) })),
  });
  const cv = crossValidated(
    dev,
    ranked.map(masked),
    phrasings.map((e) => ({ ...e, x: e.x.map((f, i) => f * mask[i]!) })),
  );
  const t = chooseThresholds(dev, cv, DEFAULT_THRESHOLDS);
  const r = decisionRates(dev, cv, t);
  const withEntry = dev.flatMap((q, i) => (q.label.kind === 'entries' ? [{ q, r: cv[i]! }] : []));
  const at = (k: number) =>
    withEntry.filter(({ q, r: rq }) => rq.candidates.slice(0, k).some((c) => rightIds(q).has(c.entry.id)))
      .length / withEntry.length;
  console.log(
    `${name.padEnd(30)} ${pct(at(1))} ${pct(at(3))}   ${pct(r.answered)} ${pct(r.wrong)}  ${pct(r.offTopicDeclined)}`,
  );
}
