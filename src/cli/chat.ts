import { createInterface } from 'node:readline/promises';
import type { Suggestion } from '../answer/reply.ts';
import type { Berth } from '../berth.ts';
import { type CliIo, writeLine } from './io.ts';
import { ANSI, PLAIN, renderTerminal } from './terminal.ts';

const QUIT = new Set(['exit', 'quit', ':q', '/exit', '/quit']);

/** `berth chat`: an interactive terminal chat; numbered choices can be picked by typing the number. */
export async function chatCommand(berth: Berth, io: CliIo): Promise<number> {
  const style = io.stdout.isTTY ? ANSI : PLAIN;
  const reader = createInterface({ input: io.stdin, output: io.stdout, terminal: Boolean(io.stdout.isTTY) });
  let choices: Suggestion[] = [];
  const show = (reply: ReturnType<Berth['answer']>) => {
    const rendered = renderTerminal(reply, berth.knowledge.messages, style);
    choices = rendered.choices;
    writeLine(io.stdout, `\n${rendered.text}\n`);
  };
  show(berth.help());
  writeLine(io.stdout, style.dim('Type a question, a number to pick a choice, or "exit" to leave.'));
  reader.setPrompt('you> ');
  reader.prompt();
  for await (const line of reader) {
    const text = line.trim();
    if (QUIT.has(text.toLowerCase())) break;
    const picked = /^\d+$/.test(text) ? choices[Number(text) - 1] : undefined;
    show(picked ? berth.answerById(picked.id, picked.title) : berth.answer(text));
    reader.prompt();
  }
  reader.close();
  return 0;
}
