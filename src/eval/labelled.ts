import { readFileSync } from 'node:fs';
import { type Problem, problem } from '../knowledge/problems.ts';

/**
 * One labelled query. `expected` is an entry id, `smalltalk:<intent>`, or `-` for an off-topic
 * question that must not get a container answer.
 */
export interface LabelledQuery {
  expected: string;
  kind: string;
  query: string;
  file: string;
  line: number;
}

export const OFF_TOPIC = '-';
export const SMALLTALK_PREFIX = 'smalltalk:';

/** Reads `expected<TAB>kind<TAB>query` lines; `#` starts a comment. */
export function readLabelled(file: string): { queries: LabelledQuery[]; problems: Problem[] } {
  const queries: LabelledQuery[] = [];
  const problems: Problem[] = [];
  readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .forEach((text, i) => {
      if (!text.trim() || text.startsWith('#')) return;
      const [expected, kind, ...rest] = text.split('\t');
      const query = rest.join('\t');
      if (!expected || !kind || rest.length === 0) {
        problems.push(problem({ file, line: i + 1 }, 'expected "expected<TAB>kind<TAB>query"'));
        return;
      }
      queries.push({ expected: expected.trim(), kind: kind.trim(), query, file, line: i + 1 });
    });
  return { queries, problems };
}
