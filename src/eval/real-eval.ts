import type { Outcome } from '../answer/reply.ts';
import { answersUnasked } from '../auto-answer/question-shape.ts';
import type { RealQuestion } from './real-questions.ts';

/** What one matcher did with one question. */
export interface RealPrediction {
  outcome: Outcome;
  /** The answered entry, or null. */
  answered: string | null;
  /** The entries it ranked best first (at least three when it found them). */
  ranked: string[];
  /** Its probability that `ranked[0]` is right; null for matchers without one. */
  confidence: number | null;
}

export type RealResponder = (question: string) => RealPrediction;

/** One row of the reliability table: questions whose confidence fell in [from, to). */
export interface ReliabilityBin {
  from: number;
  to: number;
  n: number;
  meanConfidence: number;
  /** Share whose best-ranked entry was right. */
  accuracy: number;
}

export interface RealFigures {
  questions: number;
  withEntry: number;
  unanswered: number;
  offTopic: number;
  /** Answered outright with a right entry, of the questions that have one. */
  answeredCorrectly: number;
  /** The best-ranked entry is right (answered, first choice, or first suggestion), of those with one. */
  bestFirst: number;
  /** A right entry among the first three ranked, of those with one. */
  top3: number;
  /** "Did you mean", of on-topic questions (with an entry or not). */
  clarifyRate: number;
  /** Answered with a wrong entry (any entry, for a question no entry answers), of on-topic questions. */
  wrongRate: number;
  /** Off-topic questions declined (fallback or small talk). */
  offTopicDeclined: number;
  reliability: ReliabilityBin[] | null;
  /** Answering unasked (watched channels) at a confidence threshold; null without confidences. */
  autoAnswer: { threshold: number; precision: number; coverage: number; answered: number } | null;
  /** Expected calibration error over the reliability bins; null without confidences. */
  ece: number | null;
  failures: { question: RealQuestion; got: RealPrediction }[];
}

const rate = (n: number, of: number) => (of === 0 ? 0 : n / of);

/** Runs each scored question through `respond` and computes the figures. */
export function evaluateReal(
  questions: readonly RealQuestion[],
  respond: RealResponder,
  autoAnswerThreshold = 0.9,
): RealFigures {
  const c = {
    withEntry: 0,
    unanswered: 0,
    offTopic: 0,
    answered: 0,
    best: 0,
    top3: 0,
    clarify: 0,
    wrong: 0,
    declined: 0,
  };
  const points: { confidence: number; right: boolean }[] = [];
  let autoAnswered = 0;
  let autoRight = 0;
  const failures: RealFigures['failures'] = [];
  let scoredCount = 0;
  for (const q of questions) {
    if (q.label.kind === 'unusable') continue;
    scoredCount++;
    const got = respond(q.question);
    const right = new Set(q.label.kind === 'entries' ? q.label.ids : []);
    if (got.confidence !== null) {
      points.push({ confidence: got.confidence, right: right.has(got.ranked[0] ?? '') });
      if (answersUnasked(q.question, got, autoAnswerThreshold)) {
        autoAnswered++;
        if (right.has(got.answered ?? '')) autoRight++;
      }
    }
    let ok: boolean;
    if (q.label.kind === 'off-topic') {
      c.offTopic++;
      ok = got.outcome === 'fallback' || got.outcome === 'smalltalk';
      if (ok) c.declined++;
    } else {
      if (got.outcome === 'clarify') c.clarify++;
      const wrong = got.outcome === 'answer' && !right.has(got.answered ?? '');
      if (wrong) c.wrong++;
      if (q.label.kind === 'unanswered') {
        c.unanswered++;
        ok = got.outcome !== 'answer';
      } else {
        c.withEntry++;
        ok = got.outcome === 'answer' && right.has(got.answered ?? '');
        if (ok) c.answered++;
        if (right.has(got.ranked[0] ?? '')) c.best++;
        if (got.ranked.slice(0, 3).some((id) => right.has(id))) c.top3++;
      }
    }
    if (!ok) failures.push({ question: q, got });
  }
  const onTopic = c.withEntry + c.unanswered;
  const reliability = points.length > 0 ? reliabilityOf(points) : null;
  return {
    questions: scoredCount,
    withEntry: c.withEntry,
    unanswered: c.unanswered,
    offTopic: c.offTopic,
    answeredCorrectly: rate(c.answered, c.withEntry),
    bestFirst: rate(c.best, c.withEntry),
    top3: rate(c.top3, c.withEntry),
    clarifyRate: rate(c.clarify, onTopic),
    wrongRate: rate(c.wrong, onTopic),
    offTopicDeclined: rate(c.declined, c.offTopic),
    reliability,
    autoAnswer: reliability
      ? {
          threshold: autoAnswerThreshold,
          precision: autoAnswered === 0 ? 1 : autoRight / autoAnswered,
          coverage: rate(autoAnswered, scoredCount),
          answered: autoAnswered,
        }
      : null,
    ece: reliability ? expectedCalibrationError(reliability, points.length) : null,
    failures,
  };
}

/** Confidence deciles against how often the best-ranked entry was right. */
export function reliabilityOf(points: readonly { confidence: number; right: boolean }[]): ReliabilityBin[] {
  return Array.from({ length: 10 }, (_, b) => {
    const from = b / 10;
    const to = (b + 1) / 10;
    const inBin = points.filter(
      (p) => p.confidence >= from && (p.confidence < to || (b === 9 && p.confidence <= 1)),
    );
    return {
      from,
      to,
      n: inBin.length,
      meanConfidence: rate(
        inBin.reduce((s, p) => s + p.confidence, 0),
        inBin.length,
      ),
      accuracy: rate(inBin.filter((p) => p.right).length, inBin.length),
    };
  });
}

/** Sum over bins of |confidence - accuracy| weighted by the bin's share of questions. */
export function expectedCalibrationError(bins: readonly ReliabilityBin[], total: number): number {
  return bins.reduce((sum, b) => sum + (b.n / total) * Math.abs(b.meanConfidence - b.accuracy), 0);
}

/**
 * One deterministic typo per question: two neighbouring letters of its longest word (of five
 * letters or more) swapped, the pair chosen from the word itself. The question is unchanged when
 * it has no such word.
 * Example: withTypo('why is my image so big') -> 'why is my imgae so big'
 */
export function withTypo(question: string): string {
  const words = [...question.matchAll(/\p{L}{5,}/gu)];
  const longest = words.reduce<RegExpMatchArray | undefined>(
    (a, w) => (!a || w[0].length > a[0].length ? w : a),
    undefined,
  );
  if (!longest || longest.index === undefined) return question;
  const word = longest[0];
  const at = 1 + (word.length % (word.length - 3));
  const swapped = word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
  return question.slice(0, longest.index) + swapped + question.slice(longest.index + word.length);
}
