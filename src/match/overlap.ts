import type { Problem } from '../knowledge/problems.ts';
import type { KnowledgeBase } from '../knowledge/types.ts';
import { Matcher, OUT_OF_SCOPE_TOPIC } from './matcher.ts';

/**
 * Entries that compete for the same question: each title and alternate phrasing is asked as a
 * question, and a warning names every phrasing another entry matches better than its own. Two
 * entries answering one question force a needless "did you mean"; merge them (`replaces`) or
 * reword the phrasing.
 * Example: "docker expose port" listed under expose-vs-publish but matched best by publish-ports.
 */
export function overlappingPhrasings(
  kb: Pick<KnowledgeBase, 'entries' | 'synonyms' | 'outOfScope'>,
): Problem[] {
  const matcher = new Matcher(kb);
  const problems: Problem[] = [];
  for (const entry of kb.entries.values()) {
    const phrasings = [
      { text: entry.title, line: entry.lines.title },
      ...entry.questions.map((text, i) => ({ text, line: entry.lines.questions[i] ?? entry.lines.title })),
    ];
    for (const { text, line } of phrasings) {
      const ranked = matcher.rank(text, 5).candidates.filter((c) => c.entry.topic !== OUT_OF_SCOPE_TOPIC);
      const own = ranked.find((c) => c.entry.id === entry.id)?.score ?? 0;
      const rival = ranked[0];
      if (!rival || rival.entry.id === entry.id || rival.score <= own) continue;
      problems.push({
        file: entry.source.file,
        line,
        severity: 'warning',
        message: `"${text}" matches "${rival.entry.id}" (${rival.score.toFixed(2)}) better than this entry (${own.toFixed(2)})`,
      });
    }
  }
  return problems;
}
