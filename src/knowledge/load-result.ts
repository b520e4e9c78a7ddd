import type { Problem } from './problems.ts';
import type { KnowledgeBase } from './types.ts';

export interface LoadOptions {
  /** Keep the parsed knowledge and its index texts here between runs (knowledge/cache.ts); unset: no cache. */
  cacheDir?: string;
}

export interface LoadResult {
  /** Present when there are no errors (warnings allowed). */
  knowledge?: KnowledgeBase;
  problems: Problem[];
}
