import { stringify } from 'yaml';
import type { Link, SourceRef } from '../knowledge/types.ts';
import { questionKey } from '../text/normalize.ts';
import type { FaqDocument, FaqItem } from './faq.ts';
import { linksInMarkdown, uniqueLinks } from './links.ts';

/** A Berth entry about to be written to `<topic>/<id>.md`, with where it came from. */
export interface EntryDraft {
  id: string;
  topic: string;
  title: string;
  questions: string[];
  tags: string[];
  links: Link[];
  related: string[];
  reviewed: string;
  answer: string;
  origin: SourceRef;
}

export interface DraftOptions {
  /** The folder under the output directory, e.g. `platform`. */
  topic: string;
  /** The import date, YYYY-MM-DD. */
  reviewed: string;
  /**
   * Ids of entries in the other knowledge layers: an imported entry with one of these ids would
   * silently replace that entry, so it gets a suffix instead (`what-is-a-cgroup-2`).
   */
  reserved?: ReadonlySet<string>;
}

/** Ids stay readable in a file list; longer titles are cut at a word. */
const MAX_ID_LENGTH = 60;

/**
 * Parsed FAQ pairs -> entry drafts: ids are unique slugs of the titles, `related` keys become ids,
 * links come from the answer and the source, repeated questions and tags are dropped.
 * Example: draftEntries(doc, { topic: 'platform', reviewed: '2026-05-01' })[0].id -> 'how-do-i-push'
 */
export function draftEntries(doc: FaqDocument, options: DraftOptions): EntryDraft[] {
  const taken = new Set<string>(options.reserved);
  const idOfKey = new Map<string, string>();
  const drafts = doc.items.map((item) => {
    const questions = uniqueQuestions(item.questions);
    const title = questions[0] ?? '';
    const id = uniqueId(slugOf(title), taken);
    idOfKey.set(item.key, id);
    return { item, draft: draftOf(item, id, title, questions.slice(1), options) };
  });
  for (const { item, draft } of drafts) {
    const related = item.related.map((key) => idOfKey.get(key)).filter((id) => id !== undefined);
    draft.related = [...new Set(related)].filter((id) => id !== draft.id);
  }
  return drafts.map((d) => d.draft);
}

function draftOf(
  item: FaqItem,
  id: string,
  title: string,
  questions: string[],
  options: DraftOptions,
): EntryDraft {
  const answer = item.answer.trim();
  return {
    id,
    topic: options.topic,
    title,
    questions,
    tags: [...new Set(item.tags.map(oneLine).filter(Boolean))],
    links: uniqueLinks([...linksInMarkdown(answer), ...item.links]),
    related: [],
    reviewed: options.reviewed,
    answer,
    origin: item.source,
  };
}

/** Drops empty questions and repeats (the way the matcher compares questions). */
function uniqueQuestions(questions: readonly string[]): string[] {
  const seen = new Set<string>();
  const unique: string[] = [];
  for (const raw of questions) {
    const question = oneLine(raw);
    const key = questionKey(question);
    if (!question || seen.has(key)) continue;
    seen.add(key);
    unique.push(question);
  }
  return unique;
}

/**
 * A lower-case id from a title. Example: slugOf("What's a cgroup?") -> 'whats-a-cgroup';
 * slugOf('Qu’est-ce qu’un conteneur ?') -> 'quest-ce-quun-conteneur'.
 */
export function slugOf(title: string): string {
  const words = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = '';
  for (const word of words) {
    const longer = slug ? `${slug}-${word}` : word;
    if (longer.length > MAX_ID_LENGTH) break;
    slug = longer;
  }
  return slug || words[0]?.slice(0, MAX_ID_LENGTH) || 'question';
}

function uniqueId(slug: string, taken: Set<string>): string {
  let id = slug;
  for (let n = 2; taken.has(id); n++) id = `${slug}-${n}`;
  taken.add(id);
  return id;
}

/** The entry file: YAML front matter (empty lists left out) and the answer as the body. */
export function renderEntryFile(draft: EntryDraft): string {
  const front: Record<string, unknown> = { title: draft.title };
  if (draft.questions.length > 0) front.questions = draft.questions;
  if (draft.tags.length > 0) front.tags = draft.tags;
  if (draft.links.length > 0) front.links = draft.links.map((l) => ({ title: l.title, url: l.url }));
  if (draft.related.length > 0) front.related = draft.related;
  front.reviewed = draft.reviewed;
  const body = draft.answer ? `${draft.answer}\n` : '';
  return `---\n${stringify(front, { lineWidth: 0 })}---\n${body}`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
