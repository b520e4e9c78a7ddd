import type { Outcome } from '../answer/reply.ts';
import { type LabelledQuery, OFF_TOPIC, SMALLTALK_PREFIX } from './labelled.ts';

/** What a matcher under evaluation predicted for one query. */
export interface Prediction {
  outcome: Outcome;
  /** The best candidate: the answered entry, or the first "did you mean" choice. */
  id: string | null;
  /** For small talk: the intent. */
  intent?: string;
}

export type Responder = (query: string) => Prediction;

export interface EvalFigures {
  onTopic: number;
  offTopic: number;
  smalltalk: number;
  /** Best candidate is the labelled entry (answered, or first "did you mean" choice). */
  top1: number;
  /** Answered outright with the labelled entry. */
  answered: number;
  clarifyRate: number;
  /** Answered confidently with the wrong entry. */
  wrongRate: number;
  /** Off-topic questions that got a fallback or small talk, not a container answer or choices. */
  offTopicDeclined: number;
  smalltalkCorrect: number;
  byKind: Record<string, { n: number; top1: number }>;
  failures: { query: LabelledQuery; got: Prediction }[];
}

/** The thresholds `berth eval` and its test enforce. */
export const EVAL_TARGETS = { top1: 0.9, wrongRate: 0.05, offTopicDeclined: 0.9 } as const;

/** Runs every labelled query through `respond` and computes the figures. */
export function evaluate(queries: readonly LabelledQuery[], respond: Responder): EvalFigures {
  let onTopic = 0;
  let top1 = 0;
  let answered = 0;
  let clarify = 0;
  let wrong = 0;
  let offTopic = 0;
  let declined = 0;
  let smalltalk = 0;
  let smalltalkOk = 0;
  const byKind: Record<string, { n: number; hits: number }> = {};
  const failures: EvalFigures['failures'] = [];
  for (const q of queries) {
    const got = respond(q.query);
    const kind = byKind[q.kind] ?? { n: 0, hits: 0 };
    byKind[q.kind] = kind;
    kind.n++;
    let ok: boolean;
    if (q.expected === OFF_TOPIC) {
      offTopic++;
      ok = got.outcome === 'fallback' || got.outcome === 'smalltalk';
      if (ok) declined++;
    } else if (q.expected.startsWith(SMALLTALK_PREFIX)) {
      smalltalk++;
      ok = got.outcome === 'smalltalk' && got.intent === q.expected.slice(SMALLTALK_PREFIX.length);
      if (ok) smalltalkOk++;
    } else {
      onTopic++;
      ok = (got.outcome === 'answer' || got.outcome === 'clarify') && got.id === q.expected;
      if (ok) top1++;
      if (got.outcome === 'answer' && got.id === q.expected) answered++;
      if (got.outcome === 'clarify') clarify++;
      if (got.outcome === 'answer' && got.id !== q.expected) wrong++;
    }
    if (ok) kind.hits++;
    else failures.push({ query: q, got });
  }
  const rate = (n: number, d: number) => (d === 0 ? 0 : n / d);
  return {
    onTopic,
    offTopic,
    smalltalk,
    top1: rate(top1, onTopic),
    answered: rate(answered, onTopic),
    clarifyRate: rate(clarify, onTopic),
    wrongRate: rate(wrong, onTopic),
    offTopicDeclined: rate(declined, offTopic),
    smalltalkCorrect: rate(smalltalkOk, smalltalk),
    byKind: Object.fromEntries(
      Object.entries(byKind).map(([k, v]) => [k, { n: v.n, top1: rate(v.hits, v.n) }]),
    ),
    failures,
  };
}

/** Which targets the figures miss (empty when all are met). */
export function missedTargets(f: EvalFigures): string[] {
  const missed: string[] = [];
  if (f.top1 < EVAL_TARGETS.top1) missed.push(`top-1 ${pct(f.top1)} < ${pct(EVAL_TARGETS.top1)}`);
  if (f.wrongRate > EVAL_TARGETS.wrongRate)
    missed.push(`wrong answers ${pct(f.wrongRate)} > ${pct(EVAL_TARGETS.wrongRate)}`);
  if (f.offTopicDeclined < EVAL_TARGETS.offTopicDeclined) {
    missed.push(`off-topic declined ${pct(f.offTopicDeclined)} < ${pct(EVAL_TARGETS.offTopicDeclined)}`);
  }
  return missed;
}

export function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}
