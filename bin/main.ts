// The `berth` command line, a composition root: reads the environment once, registers what each
// channel needs of the knowledge, then dispatches to a command. Core commands live in src/cli;
// `serve` wires the core to the platform adapters.
import { existsSync, readFileSync } from 'node:fs';
import { parse as parseDotenv } from 'dotenv';
import { CHANNEL_REQUIREMENTS } from '../adapters/server/requirements.ts';
import { Answerer } from '../src/answer/answerer.ts';
import { askCommand } from '../src/cli/ask.ts';
import { chatCommand } from '../src/cli/chat.ts';
import { checkCommand } from '../src/cli/check.ts';
import { evalCommand } from '../src/cli/eval.ts';
import { exportCommand } from '../src/cli/export.ts';
import { importCommand } from '../src/cli/import.ts';
import type { CliIo } from '../src/cli/io.ts';
import { ConfigError, type Env, readCoreConfig } from '../src/config.ts';
import { loadKnowledgeOrThrow } from '../src/knowledge/knowledge-base.ts';
import { KnowledgeError } from '../src/knowledge/problems.ts';

const USAGE = `usage: berth <command>

  ask "question"      answer one question (--json for the machine-readable reply;
                      with --json and no question, reads one question per line from stdin)
  chat                interactive chat in the terminal
  check               validate the knowledge base (--strict: warnings fail too;
                      --stale 12m: entries due for review; --links: fetch every link)
  eval                match quality on real questions, dev (cross-validated) and test splits,
                      next to fuse.js and MiniSearch (--set file, default
                      tests/eval/real/questions.tsv here; --failures, --json, --no-baselines)
  export <dir>        write a knowledge directory as a QnA Maker TSV (--format qnamaker,
                      --out file.tsv; stdout without --out)
  import <file>       turn a QnA Maker TSV, Rasa project, Markdown FAQ or .qna file into
                      entries (--out dir required; --topic NAME, --format qnamaker|rasa|
                      markdown|qna, --force: replace existing entries, --quiet: errors only)
  report              what people asked and did not get, with suggested new phrasings
                      (--since 7d, --format text|json|html, --db path, --out file)
  serve               run the server: web chat, Slack, Teams (what \`npm start\` runs)`;

/** The process environment with `.env` underneath it (real environment variables win). */
function environment(): Env {
  const file = '.env';
  const fromFile = existsSync(file) ? parseDotenv(readFileSync(file)) : {};
  return { ...fromFile, ...process.env };
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  const io: CliIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
  const env = environment();
  if (command === 'serve') {
    const { serveCommand } = await import('../adapters/server/serve.ts');
    return serveCommand(env, args);
  }
  const config = readCoreConfig(env);
  if (command === 'report') {
    const { reportCommand } = await import('../src/cli/report.ts');
    return reportCommand(config, args, io);
  }
  if (command === 'check')
    return checkCommand(config.knowledgeDirs, args, io, { channels: CHANNEL_REQUIREMENTS });
  if (command === 'eval')
    return evalCommand(
      loadKnowledgeOrThrow(config.knowledgeDirs, CHANNEL_REQUIREMENTS, config),
      config,
      args,
      io,
    );
  if (command === 'import')
    return importCommand(config.knowledgeDirs, args, io, { channels: CHANNEL_REQUIREMENTS });
  if (command === 'export') return exportCommand(args, io);
  if (command === 'ask' || command === 'chat') {
    const answerer = new Answerer(
      loadKnowledgeOrThrow(config.knowledgeDirs, CHANNEL_REQUIREMENTS, config),
      config,
    );
    if (command === 'ask') return askCommand(answerer, args, io);
    return chatCommand(answerer, io);
  }
  const help = command === undefined || command === 'help' || command === '--help' || command === '-h';
  process.stdout.write(`${USAGE}\n`);
  return help ? 0 : 2;
}

// `berth eval | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof KnowledgeError) {
      process.stderr.write(`berth: ${error.message}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(
        `berth: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exitCode = 1;
    }
  },
);
