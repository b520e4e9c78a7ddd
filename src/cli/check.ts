import path from 'node:path';
import type { ChannelRequirements } from '../knowledge/channel-requirements.ts';
import { entriesDue, parseAge } from '../knowledge/freshness.ts';
import { loadKnowledge } from '../knowledge/knowledge-base.ts';
import { checkLinks, type LinkCheckOptions, linksOf } from '../knowledge/link-check.ts';
import { errorsOf, formatProblem, type Problem } from '../knowledge/problems.ts';
import type { KnowledgeBase } from '../knowledge/types.ts';
import { overlappingPhrasings } from '../match/overlap.ts';
import { type CliIo, parseArgs, writeLine } from './io.ts';

export interface CheckOptions {
  /** What each registered channel needs of the knowledge (answer sizes, its messages). */
  channels?: readonly ChannelRequirements[];
  /** Problems are printed relative to this folder. */
  cwd?: string;
  linkOptions?: Partial<LinkCheckOptions>;
}

/**
 * `berth check [--strict] [--quiet] [--stale 12m] [--links]`: validates every knowledge layer.
 * Prints `file:line: message` per problem and a summary; exits 1 on errors (and on warnings with
 * --strict). `--stale` lists entries due for review, oldest first; `--links` fetches every
 * follow-up link and reports dead and moved ones (exit 1 when any is dead).
 */
export async function checkCommand(
  dirs: readonly string[],
  args: readonly string[],
  io: CliIo,
  { channels = [], cwd = process.cwd(), linkOptions = {} }: CheckOptions = {},
): Promise<number> {
  const { flags } = parseArgs(args, ['stale']);
  const loaded = loadKnowledge(dirs, channels);
  const { knowledge } = loaded;
  // Phrasings another entry matches better: only once the knowledge loads at all.
  const problems = knowledge ? [...loaded.problems, ...overlappingPhrasings(knowledge)] : loaded.problems;
  const shown = flags.has('quiet') ? errorsOf(problems) : problems;
  for (const p of shown) writeLine(io.stderr, formatProblem(relativeTo(p, cwd)));
  const errors = errorsOf(problems).length;
  const warnings = problems.length - errors;
  if (!knowledge) {
    writeLine(io.stderr, `berth check: ${errors} error(s), ${warnings} warning(s)`);
    return 1;
  }
  writeLine(io.stdout, summarize(knowledge) + (warnings ? `; ${warnings} warning(s)` : ''));
  let code = flags.has('strict') && warnings > 0 ? 1 : 0;
  const stale = flags.get('stale');
  if (stale !== undefined) {
    const age = typeof stale === 'string' ? stale : '12m';
    let days: number;
    try {
      days = parseAge(age);
    } catch (error) {
      writeLine(io.stderr, `berth check: --stale ${(error as Error).message}`);
      return 2;
    }
    reportStale(knowledge, age, days, io, cwd);
  }
  if (flags.has('links')) code = Math.max(code, await reportLinks(knowledge, io, linkOptions));
  return code;
}

function reportStale(kb: KnowledgeBase, age: string, days: number, io: CliIo, cwd: string): void {
  const due = entriesDue(kb, days);
  for (const { entry, ageDays } of due) {
    const where = relativeTo(
      { ...entry.source, line: entry.lines.reviewed, severity: 'warning', message: '' },
      cwd,
    );
    const when = entry.reviewed ? `reviewed ${entry.reviewed} (${ageDays} days ago)` : 'never reviewed';
    writeLine(io.stdout, `${where.file}:${where.line}: ${when}`);
  }
  writeLine(
    io.stdout,
    `${due.length} of ${kb.entries.size} entries are due for review (not reviewed within ${age})`,
  );
}

async function reportLinks(
  kb: KnowledgeBase,
  io: CliIo,
  options: Partial<LinkCheckOptions>,
): Promise<number> {
  const urls = linksOf(kb);
  const { offline, results } = await checkLinks(urls, options);
  if (offline) {
    writeLine(io.stdout, `links: offline (none of ${urls.size} links could be reached); link check skipped`);
    return 0;
  }
  let dead = 0;
  let moved = 0;
  for (const { url, status, entries } of results) {
    if (status.kind === 'dead') {
      dead++;
      writeLine(io.stdout, `dead: ${url} (${status.reason}) in ${entries.join(', ')}`);
    } else if (status.kind === 'redirect') {
      moved++;
      writeLine(io.stdout, `moved: ${url} -> ${status.location} in ${entries.join(', ')}`);
    }
  }
  writeLine(io.stdout, `links: ${urls.size} checked, ${dead} dead, ${moved} redirected`);
  return dead > 0 ? 1 : 0;
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
