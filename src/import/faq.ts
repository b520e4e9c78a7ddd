import { formatProblem, type Problem, problem } from '../knowledge/problems.ts';
import type { Link, SourceRef } from '../knowledge/types.ts';

/** The FAQ formats `berth import` reads. */
export const IMPORT_FORMATS = ['qnamaker', 'rasa', 'markdown', 'qna'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/**
 * One question-and-answer pair as a source format holds it, before it becomes a Berth entry.
 * Every parser produces these; nothing format-specific survives past this shape.
 */
export interface FaqItem {
  /** The source's own key for the pair (QnaId, intent name, anchor): what `related` refers to. */
  key: string;
  /** The canonical question first, then the alternates, as written in the source. */
  questions: string[];
  /** Markdown; empty when the source has none (the entry is still written, and flagged). */
  answer: string;
  /** `key:value` for QnA Maker metadata and .qna filters, plain words otherwise. */
  tags: string[];
  /** Links the source keeps outside the answer (a QnA Maker source page). */
  links: Link[];
  /** Keys of follow-up pairs, in display order. */
  related: string[];
  /** Where the pair starts in its source file. */
  source: SourceRef;
}

/** A parsed FAQ: the pairs of one file (or of one Rasa project), in source order. */
export interface FaqDocument {
  format: ImportFormat;
  items: FaqItem[];
}

/** A source file Berth cannot import; the message is `file:line: what is wrong`. */
export class ImportError extends Error {
  readonly problem: Problem;

  constructor(source: SourceRef, message: string) {
    const found = problem(source, message);
    super(formatProblem(found));
    this.name = 'ImportError';
    this.problem = found;
  }
}

/** A file's text with its name, as the parsers take it (already decoded, `\n` line endings). */
export interface SourceText {
  file: string;
  text: string;
}

/** 1-based line of a character offset in `text`. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * Metadata `key:value` -> a tag. Key `tag` is Berth's own plain tag, so plain tags survive a trip
 * through QnA Maker: `tag:alpine` <-> `alpine`, `team:platform` <-> `team:platform`.
 */
export function tagOfMetadata(key: string, value: string): string {
  const k = key.trim();
  const v = value.trim();
  return k.toLowerCase() === 'tag' ? v : `${k}:${v}`;
}

/** The inverse of tagOfMetadata. */
export function metadataOfTag(tag: string): { key: string; value: string } {
  const colon = tag.indexOf(':');
  return colon > 0 ? { key: tag.slice(0, colon), value: tag.slice(colon + 1) } : { key: 'tag', value: tag };
}

/** A QnA Maker or .qna "source" that is an http(s) page becomes a follow-up link titled by its address. */
export function sourceLink(value: string): Link | undefined {
  const url = value.trim();
  if (!/^https?:\/\/[^\s]+$/i.test(url)) return undefined;
  return { title: `Source: ${url.replace(/^https?:\/\//i, '').replace(/\/$/, '')}`, url };
}
