import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Answerer } from '../../src/answer/answerer.ts';
import { BUILTIN_KNOWLEDGE_DIR } from '../../src/config.ts';
import { readRealQuestions } from '../../src/eval/real-questions.ts';
import { loadKnowledge, loadKnowledgeOrThrow } from '../../src/knowledge/knowledge-base.ts';

const CORPUS = new URL('../eval/real/questions.tsv', import.meta.url).pathname;
const temps: string[] = [];
function temp(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** What a person sees for each question: outcome, entry, confidence, runners-up. */
function replies(answerer: Answerer, questions: readonly string[]) {
  return questions.map((q) => {
    const reply = answerer.answer(q);
    const ranked = answerer.rank(q, 3);
    return {
      outcome: reply.outcome,
      id: reply.outcome === 'answer' ? reply.id : null,
      ranked: ranked.candidates.map((c) => [c.entry.id, c.probability]),
    };
  });
}

const cacheFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.json'));

describe('the knowledge cache', () => {
  it('answers every real question exactly as a fresh load does, from a cache it wrote itself', () => {
    const cacheDir = temp('berth-cache-');
    const questions = readRealQuestions(CORPUS).questions.map((q) => q.question);
    const fresh = new Answerer(loadKnowledgeOrThrow([BUILTIN_KNOWLEDGE_DIR]));
    const first = loadKnowledgeOrThrow([BUILTIN_KNOWLEDGE_DIR], [], { cacheDir });
    new Answerer(first); // building the index writes the cache
    expect(cacheFiles(cacheDir)).toHaveLength(1);
    const cached = loadKnowledgeOrThrow([BUILTIN_KNOWLEDGE_DIR], [], { cacheDir });
    expect(cached.texts?.added).toBe(0);
    expect([...cached.entries.values()]).toEqual([...fresh.knowledge.entries.values()]);
    expect(cached.version).toBe(fresh.knowledge.version);
    const fromCache = new Answerer(cached);
    expect(cached.texts?.added, 'the cached texts covered the whole index').toBe(0);
    expect(replies(fromCache, questions)).toEqual(replies(fresh, questions));
  });

  it('never serves stale knowledge: an edited file gives a new key and the edit is answered', () => {
    const cacheDir = temp('berth-cache-');
    const knowledge = path.join(temp('berth-knowledge-'), 'knowledge');
    cpSync(BUILTIN_KNOWLEDGE_DIR, knowledge, { recursive: true });
    new Answerer(loadKnowledgeOrThrow([knowledge], [], { cacheDir }));
    const file = path.join(knowledge, 'linux-internals', 'what-is-a-cgroup.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/\n---\n/, '\n---\nZebra-striped cgroups. '));
    const edited = loadKnowledgeOrThrow([knowledge], [], { cacheDir });
    expect(edited.entries.get('what-is-a-cgroup')?.answer).toMatch(/^Zebra-striped cgroups\./);
    new Answerer(edited);
    expect(cacheFiles(cacheDir)).toHaveLength(2);
  });

  it('ignores a corrupt or tampered cache file and rebuilds it', () => {
    const cacheDir = temp('berth-cache-');
    new Answerer(loadKnowledgeOrThrow([BUILTIN_KNOWLEDGE_DIR], [], { cacheDir }));
    const [name] = cacheFiles(cacheDir);
    const file = path.join(cacheDir, name!);
    const good = readFileSync(file, 'utf8');
    for (const bad of [
      good.slice(0, good.length / 2),
      good.replace('"what-is-a-cgroup"', '"what-is-a-cgrouq"'),
      'not json at all',
    ]) {
      writeFileSync(file, bad);
      const kb = loadKnowledgeOrThrow([BUILTIN_KNOWLEDGE_DIR], [], { cacheDir });
      expect(kb.entries.has('what-is-a-cgroup')).toBe(true);
      expect(kb.texts?.added, 'rebuilt, not read').toBe(0);
      new Answerer(kb);
      expect(kb.texts?.added).toBeGreaterThan(1000);
      expect(readFileSync(file, 'utf8')).toBe(good);
    }
  });

  it('never caches knowledge with errors: each load reports them with file and line', () => {
    const cacheDir = temp('berth-cache-');
    const knowledge = path.join(temp('berth-knowledge-'), 'knowledge');
    cpSync(BUILTIN_KNOWLEDGE_DIR, knowledge, { recursive: true });
    const file = path.join(knowledge, 'linux-internals', 'what-is-a-cgroup.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^title:/m, 'title: [unclosed'));
    for (let i = 0; i < 2; i++) {
      const { knowledge: kb, problems } = loadKnowledge([knowledge], [], { cacheDir });
      expect(kb).toBeUndefined();
      expect(problems.some((p) => p.file === file && p.line > 1)).toBe(true);
    }
    expect(cacheFiles(cacheDir)).toHaveLength(0);
  });

  it('loads without a cache when the folder cannot be written', () => {
    const blocker = path.join(temp('berth-cache-'), 'a-file');
    writeFileSync(blocker, '');
    const kb = loadKnowledgeOrThrow([BUILTIN_KNOWLEDGE_DIR], [], { cacheDir: path.join(blocker, 'cache') });
    expect(new Answerer(kb).answer('what is a cgroup').outcome).toBe('answer');
  });
});
