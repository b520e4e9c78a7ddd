import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type Problem, problem } from '../knowledge/problems.ts';

/** How a real question is labelled: the entries that answer it, or why none does. */
export type RealLabel =
  | { kind: 'entries'; ids: string[] }
  /** Not about software containers: must be declined. */
  | { kind: 'off-topic' }
  /** A container question no entry answers (yet): declining is right, any answer is wrong. */
  | { kind: 'unanswered' }
  /** Not usable as a question on its own (needs its thread, a product's bug report): not scored. */
  | { kind: 'unusable' };

export type Split = 'dev' | 'test';

/** One question a person asked on a public site, copied verbatim with where it came from. */
export interface RealQuestion {
  id: string;
  split: Split;
  label: RealLabel;
  question: string;
  url: string;
  site: string;
  note: string;
  file: string;
  line: number;
}

const COLUMNS = ['id', 'split', 'label', 'question', 'url', 'site', 'note'] as const;

/**
 * The split a question belongs to, from a hash of its source URL: 60% dev (tuned on), 40% test
 * (reported only). Fixed by the URL, so nobody can move a question between the two.
 */
export function splitOf(url: string): Split {
  const h = createHash('sha256').update(url).digest('hex');
  return Number.parseInt(h.slice(0, 8), 16) % 10 < 6 ? 'dev' : 'test';
}

export function parseLabel(text: string): RealLabel | undefined {
  const t = text.trim();
  if (t === '-') return { kind: 'off-topic' };
  if (t === '?') return { kind: 'unanswered' };
  if (t === 'x') return { kind: 'unusable' };
  const ids = t.split('|').map((s) => s.trim());
  return ids.every((id) => /^[a-z0-9][a-z0-9-]*$/.test(id)) ? { kind: 'entries', ids } : undefined;
}

/** Reads a real-question TSV (header `id split label question url site note`); never throws for content. */
export function readRealQuestions(file: string): { questions: RealQuestion[]; problems: Problem[] } {
  const questions: RealQuestion[] = [];
  const problems: Problem[] = [];
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  if (lines[0]?.split('\t').join(' ') !== COLUMNS.join(' ')) {
    problems.push(problem({ file, line: 1 }, `expected the header "${COLUMNS.join('<TAB>')}"`));
    return { questions, problems };
  }
  lines.slice(1).forEach((text, i) => {
    if (!text.trim()) return;
    const line = i + 2;
    const [id = '', split = '', label = '', question = '', url = '', site = '', note = ''] = text.split('\t');
    const parsed = parseLabel(label);
    if (!parsed) problems.push(problem({ file, line }, `unknown label "${label}"`));
    else if (split !== 'dev' && split !== 'test')
      problems.push(problem({ file, line }, `unknown split "${split}"`));
    else if (splitOf(url) !== split)
      problems.push(problem({ file, line }, `"${id}" is in ${split} but its URL hashes to ${splitOf(url)}`));
    else if (!question.trim()) problems.push(problem({ file, line }, 'empty question'));
    else questions.push({ id, split, label: parsed, question, url, site, note, file, line });
  });
  return { questions, problems };
}
