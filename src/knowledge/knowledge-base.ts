import path from 'node:path';
import { loadKnowledgeCached } from './cache.ts';
import type { ChannelRequirements } from './channel-requirements.ts';
import { type RawKnowledge, readLayers } from './load.ts';
import type { LoadOptions, LoadResult } from './load-result.ts';
import { errorsOf, KnowledgeError } from './problems.ts';
import type { KnowledgeBase, Topic } from './types.ts';
import { retiredIds, validateKnowledge } from './validate.ts';

export type { LoadOptions, LoadResult } from './load-result.ts';

/**
 * Loads and validates knowledge from `dirs`, lowest layer first (built-in, then each of
 * KNOWLEDGE_DIRS), against what each registered channel needs. Never throws for bad content:
 * every problem comes back as `file:line`.
 */
export function loadKnowledge(
  dirs: readonly string[],
  channels: readonly ChannelRequirements[] = [],
  options: LoadOptions = {},
): LoadResult {
  if (options.cacheDir)
    return loadKnowledgeCached(dirs, channels, options.cacheDir, () => loadKnowledge(dirs, channels));
  const raw = readLayers(dirs);
  const messagesFile = path.join(dirs[0] ?? '.', '_bot', 'messages.yaml');
  const problems = [...raw.problems, ...validateKnowledge(raw, messagesFile, channels)];
  if (errorsOf(problems).length > 0) return { problems };
  return { knowledge: assemble(raw, dirs), problems };
}

/** Like loadKnowledge, but throws a KnowledgeError listing the problems when there are errors. */
export function loadKnowledgeOrThrow(
  dirs: readonly string[],
  channels: readonly ChannelRequirements[] = [],
  options: LoadOptions = {},
): KnowledgeBase {
  const { knowledge, problems } = loadKnowledge(dirs, channels, options);
  if (!knowledge) throw new KnowledgeError(problems);
  return knowledge;
}

function assemble(raw: RawKnowledge, dirs: readonly string[]): KnowledgeBase {
  const aliases = retiredIds(raw);
  const asked = new Map<string, string[]>();
  for (const [id, { questions }] of raw.asked) {
    const target = aliases.get(id) ?? id;
    asked.set(target, [...(asked.get(target) ?? []), ...questions]);
  }
  const sorted = [...raw.entries.values()]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((e) => (asked.has(e.id) ? { ...e, asked: asked.get(e.id) } : e));
  return {
    entries: new Map(sorted.map((e) => [e.id, e])),
    topics: topicsOf(raw),
    smalltalk: [...raw.smalltalk.values()],
    outOfScope: [...raw.outOfScope.values()],
    synonyms: raw.synonyms,
    aliases,
    messages: { ...raw.messages },
    version: raw.version,
    dirs: [...dirs],
  };
}

function topicsOf(raw: RawKnowledge): Topic[] {
  const byTopic = new Map<string, string[]>();
  for (const entry of raw.entries.values()) {
    const ids = byTopic.get(entry.topic) ?? [];
    ids.push(entry.id);
    byTopic.set(entry.topic, ids);
  }
  return [...byTopic.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, ids]) => {
      const configured = raw.topicNames.get(id);
      return {
        id,
        name: configured?.name ?? humanize(id),
        examples: configured?.examples.length ? configured.examples : ids.sort().slice(0, 2),
        entryCount: ids.length,
      };
    });
}

/** `windows-containers` -> `Windows containers` */
function humanize(folder: string): string {
  const words = folder.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
