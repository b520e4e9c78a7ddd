import path from 'node:path';
import { loadKnowledge } from '../knowledge/knowledge-base.ts';
import { errorsOf, formatProblem, type Problem } from '../knowledge/problems.ts';
import type { KnowledgeBase } from '../knowledge/types.ts';
import { type CliIo, parseArgs, writeLine } from './io.ts';

/**
 * `berth check [--strict] [--quiet]`: validates every knowledge layer. Prints `file:line: message`
 * per problem and a summary; exits 1 on errors (and on warnings with --strict).
 */
export function checkCommand(
  dirs: readonly string[],
  args: readonly string[],
  io: CliIo,
  cwd = process.cwd(),
): number {
  const { flags } = parseArgs(args);
  const { knowledge, problems } = loadKnowledge(dirs);
  const shown = flags.has('quiet') ? errorsOf(problems) : problems;
  for (const p of shown) writeLine(io.stderr, formatProblem(relativeTo(p, cwd)));
  const errors = errorsOf(problems).length;
  const warnings = problems.length - errors;
  if (!knowledge) {
    writeLine(io.stderr, `berth check: ${errors} error(s), ${warnings} warning(s)`);
    return 1;
  }
  writeLine(io.stdout, summarize(knowledge) + (warnings ? `; ${warnings} warning(s)` : ''));
  return flags.has('strict') && warnings > 0 ? 1 : 0;
}

/** `156 entries, 812 questions, 301 links, 11 topics` */
export function summarize(kb: KnowledgeBase): string {
  let questions = 0;
  let links = 0;
  for (const entry of kb.entries.values()) {
    questions += 1 + entry.questions.length;
    links += entry.links.length;
  }
  return `${kb.entries.size} entries, ${questions} questions, ${links} links, ${kb.topics.length} topics`;
}

function relativeTo(p: Problem, cwd: string): Problem {
  const rel = path.relative(cwd, p.file);
  return { ...p, file: rel && !rel.startsWith('..') ? rel : p.file };
}
