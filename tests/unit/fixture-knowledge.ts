import { CHANNEL_REQUIREMENTS } from '../../adapters/server/requirements.ts';
import { Answerer } from '../../src/answer/answerer.ts';
import { wordingOf } from '../../src/answer/messages.ts';
import { BUILTIN_KNOWLEDGE_DIR } from '../../src/config.ts';
import { loadKnowledgeOrThrow } from '../../src/knowledge/knowledge-base.ts';
import { BerthService } from '../../src/service/berth-service.ts';

// Knowledge for the tests. Behaviour tests use the small fixtures, so an edit of the shipped
// knowledge cannot break them; checks that must hold for every shipped entry use the real one.

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;

/** mini (the basics, images), more (pods, the Docker socket, memory limits, tags), overlay (frobnicate). */
export const FIXTURE_DIRS = [
  fixture('knowledge-mini'),
  fixture('knowledge-more'),
  fixture('knowledge-overlay'),
];

/** An Answerer, its wording and a service over the fixture knowledge (plus `extraDirs`). */
export function overFixtures(extraDirs: readonly string[] = []) {
  const answerer = new Answerer(loadKnowledgeOrThrow([...FIXTURE_DIRS, ...extraDirs], CHANNEL_REQUIREMENTS));
  return {
    answerer,
    knowledge: answerer.knowledge,
    words: wordingOf(answerer.knowledge.messages),
    service: new BerthService({ answerer: () => answerer }),
  };
}

/** The knowledge Berth ships, loaded as `berth serve` loads it. */
export function overShippedKnowledge() {
  const answerer = new Answerer(loadKnowledgeOrThrow([BUILTIN_KNOWLEDGE_DIR], CHANNEL_REQUIREMENTS));
  const entries = [...answerer.knowledge.entries.values()];
  return { answerer, entries, words: wordingOf(answerer.knowledge.messages) };
}
