import Fuse from 'fuse.js';
import type { KnowledgeBase } from '../knowledge/types.ts';
import type { Responder } from './evaluate.ts';

/**
 * The baseline a team would reach for first: fuse.js with default options over each entry's title
 * and alternate questions. It answers with the top hit, or falls back when nothing matches.
 */
export function fuseDefaultBaseline(kb: KnowledgeBase): Responder {
  const docs = [...kb.entries.values()].map((e) => ({ id: e.id, title: e.title, questions: e.questions }));
  const fuse = new Fuse(docs, { keys: ['title', 'questions'] });
  return (query) => {
    const hit = fuse.search(query, { limit: 1 })[0];
    return hit ? { outcome: 'answer', id: hit.item.id } : { outcome: 'fallback', id: null };
  };
}
