import type { KnowledgeBase } from '../knowledge/types.ts';
import { REDACTION_MARKER, redact } from '../recording/privacy.ts';
import { questionKey } from '../text/normalize.ts';
import type { QuestionRecord, Records } from './records.ts';
import { distinctPeople } from './votes.ts';

/** A fallback or "did you mean" followed this soon by an answer to the same person is a rephrasing. */
export const REPHRASE_WINDOW_MS = 5 * 60 * 1000;

export type PhrasingSource = 'did-you-mean' | 'rephrased';

/** A wording people used for an entry that the entry does not list yet. */
export interface SuggestedPhrasing {
  text: string;
  /** Times it was used. */
  count: number;
  /** How many different people used it: at least the report's `minUsers`. */
  users: number;
  via: PhrasingSource[];
}

/** New alternate questions for one entry, ready to paste under `questions:` in `file`. */
export interface EntrySuggestions {
  id: string;
  title: string;
  file: string;
  phrasings: SuggestedPhrasing[];
  /** `  - "..."` lines for the entry's front matter. */
  yaml: string;
}

interface Evidence {
  entryId: string;
  text: string;
  via: PhrasingSource;
  asker: string | null;
}

/** A phrasing being gathered, with who used it. */
interface Gathered {
  text: string;
  count: number;
  askers: Set<string | null>;
  via: PhrasingSource[];
}

/**
 * Alternate phrasings learned from use: the question someone asked before picking an entry from
 * "did you mean", and a question that got no answer (or "did you mean") when the same person got
 * an answer within REPHRASE_WINDOW_MS. Only a wording at least `minUsers` different people used
 * is offered, so no one person (or script) can write the knowledge. Never offers a wording an
 * entry already has (as a question or title, ignoring case and punctuation) or one that holds, or
 * had redacted out of it, a secret.
 */
export function suggestPhrasings(
  records: Records,
  kb: KnowledgeBase,
  fileLabel: (file: string) => string,
  minUsers: number,
): EntrySuggestions[] {
  const suggestions: EntrySuggestions[] = [];
  for (const [id, found] of gather(records, kb)) {
    const entry = kb.entries.get(id);
    const phrasings = [...found.values()]
      .map(({ text, count, askers, via }) => ({ text, count, users: distinctPeople(askers), via }))
      .filter((p) => p.users >= minUsers)
      .sort((a, b) => b.users - a.users || b.count - a.count || a.text.localeCompare(b.text));
    if (!entry || phrasings.length === 0) continue;
    const yaml = phrasings.map((p) => `  - ${JSON.stringify(p.text)}`).join('\n');
    suggestions.push({ id, title: entry.title, file: fileLabel(entry.source.file), phrasings, yaml });
  }
  const total = (s: EntrySuggestions) => s.phrasings.reduce((sum, p) => sum + p.count, 0);
  return suggestions.sort((a, b) => total(b) - total(a) || a.id.localeCompare(b.id));
}

/** Every new wording per entry, keyed by questionKey, with how often and by whom it was used. */
function gather(records: Records, kb: KnowledgeBase): Map<string, Map<string, Gathered>> {
  const known = knownWordings(kb);
  const byEntry = new Map<string, Map<string, Gathered>>();
  for (const { entryId, text, via, asker } of evidence(records)) {
    const key = questionKey(text);
    if (!key || known.has(key) || !kb.entries.has(entryId) || holdsSecret(text)) continue;
    const phrasings = byEntry.get(entryId) ?? new Map<string, Gathered>();
    byEntry.set(entryId, phrasings);
    const seen = phrasings.get(key);
    if (!seen) phrasings.set(key, { text, count: 1, askers: new Set([asker]), via: [via] });
    else {
      seen.count++;
      seen.askers.add(asker);
      if (!seen.via.includes(via)) seen.via.push(via);
    }
  }
  return byEntry;
}

function* evidence(records: Records): Generator<Evidence> {
  for (const choice of records.choices)
    if (choice.question)
      yield { entryId: choice.entryId, text: choice.question, via: 'did-you-mean', asker: choice.asker };
  // A question settled by a "did you mean" pick is not also a rephrasing of whatever came next.
  const picked = pickedFrom(records);
  const byAsker = new Map<string, Records['questions']>();
  for (const q of records.questions) {
    if (!q.asker) continue;
    const list = byAsker.get(q.asker) ?? [];
    list.push(q);
    byAsker.set(q.asker, list);
  }
  for (const asked of byAsker.values()) {
    for (const [i, first] of asked.entries()) {
      if (!first.question || (first.outcome !== 'fallback' && first.outcome !== 'clarify')) continue;
      if (picked(first)) continue;
      const answered = asked
        .slice(i + 1)
        .find((later) => later.at - first.at <= REPHRASE_WINDOW_MS && later.outcome === 'answer');
      if (answered?.entryId)
        yield { entryId: answered.entryId, text: first.question, via: 'rephrased', asker: first.asker };
    }
  }
}

/** Whether the person who asked `question` then picked an entry from its "did you mean". */
export function pickedFrom(records: Records): (question: QuestionRecord) => boolean {
  const key = (asker: string | null, text: string | null) => `${asker}\u0000${questionKey(text ?? '')}`;
  const picked = new Set(records.choices.filter((c) => c.question).map((c) => key(c.asker, c.question)));
  return (q) => q.question !== null && picked.has(key(q.asker, q.question));
}

/** Redacted already, or would be: such a wording belongs in no knowledge file. */
function holdsSecret(text: string): boolean {
  return REDACTION_MARKER.test(text) || redact(text) !== text;
}

/** Every wording the knowledge already has: each entry's title and questions. */
function knownWordings(kb: KnowledgeBase): Set<string> {
  const keys = new Set<string>();
  for (const entry of kb.entries.values())
    for (const text of [entry.title, ...entry.questions]) keys.add(questionKey(text));
  return keys;
}
