import { escapeHtml } from '../../lib/escape-html.ts';
import type { AnswerReply } from '../../src/answer/reply.ts';
import { ADAPTIVE_CARD, type Attachment, THUMBNAIL_CARD } from './adaptive-card.ts';
import { replyCard } from './render.ts';
import type { TeamsWords } from './wording.ts';

/** One hit of search-as-you-type, as the message extension lists it. */
export interface SearchResult {
  entryId: string;
  title: string;
  /** A line of the answer, plain text. */
  snippet: string;
}

/** The body of an invoke response to `composeExtension/query` or `/selectItem`. */
export interface ComposeExtensionResponse {
  composeExtension: { type: 'result'; attachmentLayout: 'list'; attachments: Attachment[] };
}

/**
 * Search hits -> the list Teams shows under the compose box. Each preview's tap sends
 * `composeExtension/selectItem` with the entry id, and Berth answers that with the full card.
 * Thumbnail-card text may be read as HTML by Teams, so it is escaped.
 */
export function renderSearchResults(
  results: readonly SearchResult[],
  query: string,
): ComposeExtensionResponse {
  return listOf(
    results.map((r) => {
      const content = { title: escapeHtml(r.title), text: escapeHtml(r.snippet) };
      const tap = { type: 'invoke', value: { berth: 'select', entryId: r.entryId, query } };
      return {
        contentType: THUMBNAIL_CARD,
        content,
        preview: { contentType: THUMBNAIL_CARD, content: { ...content, tap } },
      };
    }),
  );
}

/** The picked entry: its answer card (no Berth buttons: it is posted under the person's name). */
export function renderSelectedAnswer(reply: AnswerReply, words: TeamsWords): ComposeExtensionResponse {
  return listOf([
    {
      contentType: ADAPTIVE_CARD,
      content: replyCard(reply, words, false),
      preview: { contentType: THUMBNAIL_CARD, content: { title: escapeHtml(reply.title) } },
    },
  ]);
}

function listOf(attachments: Attachment[]): ComposeExtensionResponse {
  return { composeExtension: { type: 'result', attachmentLayout: 'list', attachments } };
}
