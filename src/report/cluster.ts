import type { Analyzer } from '../text/analyzer.ts';
import { questionKey } from '../text/normalize.ts';

/** How often one wording was asked. */
export interface Phrasing {
  text: string;
  count: number;
}

/** Questions that ask the same thing in different words. `label` is the most asked wording. */
export interface QuestionGroup {
  label: string;
  count: number;
  phrasings: Phrasing[];
}

/** Two questions belong together when their term sets overlap at least this much (Jaccard). */
export const SIMILARITY_THRESHOLD = 0.5;
/** A question is compared with a group's most asked wordings only: bounded work on big groups. */
const COMPARED_MEMBERS = 8;

/**
 * Groups questions by similarity, deterministically: identical wordings (ignoring case and
 * punctuation) merge first; then, most asked first, each joins the group holding its most similar
 * question (Jaccard over stemmed, synonym-expanded terms, at least `threshold`; compared with the
 * group's most asked wordings) or starts a new one.
 * Example: ['how to limit ram', 'limit ram of a container', 'what is tini'] -> 2 groups.
 */
export function groupSimilar(
  texts: readonly string[],
  analyzer: Analyzer,
  threshold = SIMILARITY_THRESHOLD,
): QuestionGroup[] {
  const groups: Phrasing[][] = [];
  const index = new SharedTermIndex();
  for (const phrasing of mergeIdentical(texts)) {
    const terms = termsOf(phrasing.text, analyzer);
    const best = index.mostSimilar(terms);
    const group = best && best.score >= threshold ? best.group : groups.push([]) - 1;
    const members = groups[group] ?? [];
    members.push(phrasing);
    if (members.length <= COMPARED_MEMBERS) index.add(terms, group);
  }
  return groups
    .map((members) => ({
      label: members[0]?.text ?? '',
      count: members.reduce((sum, m) => sum + m.count, 0),
      phrasings: members,
    }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

/**
 * The compared wordings, indexed by term: Jaccard needs a shared term, so counting shared terms
 * through the index finds every candidate without comparing against all of them.
 */
class SharedTermIndex {
  private readonly members: Array<{ group: number; size: number }> = [];
  private readonly postings = new Map<string, number[]>();

  add(terms: ReadonlySet<string>, group: number): void {
    const member = this.members.push({ group, size: terms.size }) - 1;
    for (const term of terms) {
      const list = this.postings.get(term);
      if (list) list.push(member);
      else this.postings.set(term, [member]);
    }
  }

  /** The group of the most similar indexed wording (ties: the older group). */
  mostSimilar(terms: ReadonlySet<string>): { group: number; score: number } | undefined {
    const shared = new Map<number, number>();
    for (const term of terms)
      for (const m of this.postings.get(term) ?? []) shared.set(m, (shared.get(m) ?? 0) + 1);
    let best: { group: number; score: number } | undefined;
    for (const [m, n] of shared) {
      const member = this.members[m];
      if (!member) continue;
      const score = n / (terms.size + member.size - n);
      if (!best || score > best.score || (score === best.score && member.group < best.group))
        best = { group: member.group, score };
    }
    return best;
  }
}

/** Identical wordings counted once each, most asked first (ties alphabetical). */
export function mergeIdentical(texts: readonly string[]): Phrasing[] {
  const byKey = new Map<string, Phrasing>();
  for (const text of texts) {
    const key = questionKey(text) || text;
    const seen = byKey.get(key);
    if (seen) seen.count++;
    else byKey.set(key, { text, count: 1 });
  }
  return [...byKey.values()].sort((a, b) => b.count - a.count || a.text.localeCompare(b.text));
}

function termsOf(text: string, analyzer: Analyzer): Set<string> {
  const terms = new Set(
    analyzer
      .analyze(text)
      .filter((t) => t.weight === 1)
      .map((t) => t.term),
  );
  // A question of stop words only ("how do I do that") still matches itself, nothing else.
  return terms.size > 0 ? terms : new Set([`\u0000${questionKey(text)}`]);
}
