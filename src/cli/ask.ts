import { toReplyJson } from '../answer/reply.ts';
import type { Berth } from '../berth.ts';
import { type CliIo, lines, parseArgs, writeLine } from './io.ts';
import { ANSI, PLAIN, renderTerminal } from './terminal.ts';

/**
 * `berth ask "question"` prints the reply for a person; `berth ask --json ["question"]` prints the
 * stable JSON contract, one object per line, reading questions from stdin when none is given.
 */
export async function askCommand(berth: Berth, args: readonly string[], io: CliIo): Promise<number> {
  const { flags, words } = parseArgs(args);
  const json = flags.has('json');
  const question = words.join(' ');
  if (json) {
    if (question) writeLine(io.stdout, JSON.stringify(toReplyJson(berth.answer(question))));
    else
      for await (const line of lines(io.stdin))
        writeLine(io.stdout, JSON.stringify(toReplyJson(berth.answer(line))));
    return 0;
  }
  if (!question) {
    writeLine(io.stderr, 'usage: berth ask "your question"   (or: berth ask --json < questions.txt)');
    return 2;
  }
  const style = io.stdout.isTTY ? ANSI : PLAIN;
  writeLine(io.stdout, renderTerminal(berth.answer(question), berth.knowledge.messages, style).text);
  return 0;
}
