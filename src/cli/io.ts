import { createInterface } from 'node:readline';

/** Where a command reads and writes; tests pass their own. */
export interface CliIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
}

export function writeLine(stream: NodeJS.WritableStream, text = ''): void {
  stream.write(`${text}\n`);
}

/** Yields each line of a stream (without its line ending). */
export async function* lines(stream: NodeJS.ReadableStream): AsyncGenerator<string> {
  const reader = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY, terminal: false });
  for await (const line of reader) yield line;
}

/** Splits `--flag value` / `--flag=value` / `--switch` options from positional words. */
export function parseArgs(
  args: readonly string[],
  valued: readonly string[] = [],
): { flags: Map<string, string | true>; words: string[] } {
  const flags = new Map<string, string | true>();
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      words.push(...args.slice(i + 1));
      break;
    }
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match) {
      words.push(arg);
      continue;
    }
    const name = match[1]!;
    if (match[2] !== undefined) flags.set(name, match[2]);
    else if (valued.includes(name) && i + 1 < args.length) flags.set(name, args[++i]!);
    else flags.set(name, true);
  }
  return { flags, words };
}
