/** Where a piece of knowledge came from, so every problem can be reported as `file:line`. */
import type { TextStore } from '../text/text-store.ts';

export interface SourceRef {
  file: string;
  line: number;
}

export interface Link {
  title: string;
  url: string;
}

/** One question-and-answer entry: `knowledge/<topic>/<id>.md`. */
export interface Entry {
  id: string;
  topic: string;
  title: string;
  questions: string[];
  tags: string[];
  links: Link[];
  related: string[];
  /** When a person last checked the entry against the current docs (YYYY-MM-DD). */
  reviewed?: string;
  /** Retired ids this entry took over: links, `related` and recorded analytics keep working. */
  replaces: string[];
  /**
   * Questions people asked on public sites that this entry answers (knowledge/_bot/asked.yaml),
   * verbatim: indexed like `questions`, never shown.
   */
  asked?: string[];
  /** The answer, as Markdown. */
  answer: string;
  source: SourceRef;
  /** 0 for the built-in knowledge, then one per KNOWLEDGE_DIRS layer. */
  layer: number;
  /** 1-based lines of fields, for `file:line` problems. */
  lines: EntryLines;
}

export interface EntryLines {
  title: number;
  reviewed: number;
  questions: number[];
  related: number[];
  answer: number;
}

/** A small-talk intent (greeting, help, thanks...): `knowledge/_bot/smalltalk/<id>.md`. */
export interface SmallTalk {
  id: string;
  questions: string[];
  answer: string;
  /** When true, replies list the topics and example questions (help, what-can-you-do). */
  showTopics: boolean;
  source: SourceRef;
}

/**
 * A kind of question Berth deliberately does not answer (general programming, HR, IT helpdesk...),
 * recognised from example questions: `knowledge/_bot/out-of-scope/<id>.md`.
 */
export interface OutOfScope {
  id: string;
  title: string;
  questions: string[];
  /** What Berth replies, Markdown. */
  answer: string;
  source: SourceRef;
}

export interface Topic {
  id: string;
  name: string;
  /** Ids of entries offered as examples for this topic in help. */
  examples: string[];
  entryCount: number;
}

/** Everything Berth says that is not an entry: prompts, labels, fallbacks. */
export type Messages = Readonly<Record<string, string>>;

export interface KnowledgeBase {
  entries: ReadonlyMap<string, Entry>;
  topics: readonly Topic[];
  smalltalk: readonly SmallTalk[];
  outOfScope: readonly OutOfScope[];
  /** Lower-cased term or phrase -> its replacement, e.g. `k8s` -> `kubernetes`. */
  synonyms: ReadonlyMap<string, string>;
  /** Retired entry id -> the id of the entry that replaces it. */
  aliases: ReadonlyMap<string, string>;
  messages: Messages;
  /** A short content hash: changes whenever any loaded file changes. */
  version: string;
  /** The knowledge directories, lowest layer first. */
  dirs: readonly string[];
  /**
   * Texts derived from this version while indexing it (plain answers, analyzed terms), kept on
   * disk with it when it was loaded through the cache (knowledge/cache.ts); absent otherwise.
   */
  texts?: TextStore;
}
