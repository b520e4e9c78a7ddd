import path from 'node:path';
import type { ChannelRequirements } from '../knowledge/channel-requirements.ts';
import { loadKnowledge } from '../knowledge/knowledge-base.ts';
import type { Problem } from '../knowledge/problems.ts';

export interface ImportReview {
  /** What `berth check` says about the imported files, in its order. */
  problems: Problem[];
  /** Imported files with at least one error: `berth check` fails until they are fixed. */
  needAttention: string[];
}

/**
 * Checks imported files the way `berth check` would with the output directory in KNOWLEDGE_DIRS:
 * the whole knowledge is loaded (so questions already asked by other entries are caught) and the
 * problems of the imported files are kept, plus errors elsewhere that name an imported entry.
 */
export function reviewImport(
  knowledgeDirs: readonly string[],
  outDir: string,
  files: readonly string[],
  channels: readonly ChannelRequirements[] = [],
): ImportReview {
  const out = path.resolve(outDir);
  const dirs = knowledgeDirs.some((d) => path.resolve(d) === out) ? knowledgeDirs : [...knowledgeDirs, out];
  const fileOfId = new Map(files.map((f) => [path.basename(f, '.md'), path.resolve(f)]));
  const ours = new Set(fileOfId.values());
  const { problems } = loadKnowledge(dirs, channels);
  const flagged = new Set<string>();
  const kept = problems.filter((p) => {
    const named = [...fileOfId].filter(([id]) => p.message.includes(`"${id}"`)).map(([, file]) => file);
    const mine = ours.has(path.resolve(p.file));
    if (p.severity === 'error') for (const file of mine ? [path.resolve(p.file)] : named) flagged.add(file);
    return mine || (p.severity === 'error' && named.length > 0);
  });
  return { problems: kept, needAttention: [...flagged] };
}
