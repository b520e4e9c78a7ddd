import type { Answerer } from '../answer/answerer.ts';
import { MAX_CLARIFY_TERMS } from '../answer/decide.ts';
import { toReplyJson } from '../answer/reply.ts';
import { type CliIo, lines, parseArgs, writeLine } from './io.ts';
import { ANSI, PLAIN, renderTerminal } from './terminal.ts';

/**
 * `answerer ask "question"` prints the reply for a person; `answerer ask --json ["question"]` prints the
 * stable JSON contract, one object per line, reading questions from stdin when none is given.
 */
export async function askCommand(answerer: Answerer, args: readonly string[], io: CliIo): Promise<number> {
  const { flags, words } = parseArgs(args);
  const json = flags.has('json');
  const question = words.join(' ');
  if (json) {
    if (question) writeLine(io.stdout, JSON.stringify(toReplyJson(answerer.answer(question))));
    else
      for await (const line of lines(io.stdin))
        writeLine(io.stdout, JSON.stringify(toReplyJson(answerer.answer(line))));
    return 0;
  }
  if (!question) {
    writeLine(io.stderr, 'usage: answerer ask "your question"   (or: answerer ask --json < questions.txt)');
    return 2;
  }
  const style = io.stdout.isTTY ? ANSI : PLAIN;
  writeLine(io.stdout, renderTerminal(answerer.answer(question), answerer.knowledge.messages, style).text);
  if (flags.has('explain')) writeLine(io.stdout, `\n${explanation(answerer, question)}`);
  return 0;
}

/** Why the matcher ranked entries as it did: for knowledge owners tuning alternates. */
function explanation(answerer: Answerer, question: string): string {
  const ranked = answerer.rank(question);
  const t = answerer.thresholds;
  const lines = [
    `Matcher: ${ranked.knownTerms} of ${ranked.totalTerms} terms known; answer at probability >= ${t.answer}; "did you mean" for questions of at most ${MAX_CLARIFY_TERMS} terms at >= ${t.clarify}`,
  ];
  if (ranked.outOfScope)
    lines.push(`  looks like out-of-scope "${ranked.outOfScope.id}" (${ranked.outOfScope.score.toFixed(3)})`);
  for (const c of ranked.candidates) {
    const d = c.detail;
    const why = d.question
      ? `term engine ${c.score.toFixed(2)}: entry coverage ${d.queryCoverage.toFixed(2)}, best question ${d.questionMatch.toFixed(2)} "${d.question}"`
      : 'found by BM25 only';
    lines.push(`  ${c.probability.toFixed(3)}  ${c.entry.id}  (${why})`);
  }
  return lines.join('\n');
}
