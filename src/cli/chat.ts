import { createInterface } from 'node:readline/promises';
import type { Answerer } from '../answer/answerer.ts';
import type { Suggestion } from '../answer/reply.ts';
import { type CliIo, writeLine } from './io.ts';
import { ANSI, PLAIN, renderTerminal } from './terminal.ts';

const QUIT = new Set(['exit', 'quit', ':q', '/exit', '/quit']);

/** `answerer chat`: an interactive terminal chat; numbered choices can be picked by typing the number. */
export async function chatCommand(answerer: Answerer, io: CliIo): Promise<number> {
  const style = io.stdout.isTTY ? ANSI : PLAIN;
  const reader = createInterface({ input: io.stdin, output: io.stdout, terminal: Boolean(io.stdout.isTTY) });
  let choices: Suggestion[] = [];
  const show = (reply: ReturnType<Answerer['answer']>) => {
    const rendered = renderTerminal(reply, answerer.knowledge.messages, style);
    choices = rendered.choices;
    writeLine(io.stdout, `\n${rendered.text}\n`);
  };
  show(answerer.help());
  writeLine(io.stdout, style.dim('Type a question, a number to pick a choice, or "exit" to leave.'));
  reader.setPrompt('you> ');
  reader.prompt();
  for await (const line of reader) {
    const text = line.trim();
    if (QUIT.has(text.toLowerCase())) break;
    const picked = /^\d+$/.test(text) ? choices[Number(text) - 1] : undefined;
    show(picked ? answerer.answerById(picked.id, picked.title) : answerer.answer(text));
    reader.prompt();
  }
  reader.close();
  return 0;
}
