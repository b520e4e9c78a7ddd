import type { Entry, Link } from '../knowledge/types.ts';
import { metadataOfTag, sourceLink } from './faq.ts';
import { linksInMarkdown } from './links.ts';
import { escapeTsv, QNAMAKER_COLUMNS } from './qnamaker.ts';

/** What an export needs of an entry. */
export type ExportableEntry = Pick<
  Entry,
  'id' | 'title' | 'questions' | 'tags' | 'links' | 'related' | 'answer'
>;

/**
 * Berth entries -> a QnA Maker / custom question answering TSV (the columns of its own export),
 * one row per question; parseQnaMakerTsv reads it back into the same entries. Entries are written
 * in id order (`x` before `x-2` before `x-10`), so ids made unique by a suffix come back the same.
 * Example: formatQnaMakerTsv([entry]) -> 'Question\tAnswer\t...\nHow do I ...?\tRun ...\t...\n'
 */
export function formatQnaMakerTsv(unsorted: readonly ExportableEntry[]): string {
  const entries = [...unsorted].sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
  const qnaIds = new Map(entries.map((e, i) => [e.id, i + 1]));
  const titles = new Map(entries.map((e) => [e.id, e.title]));
  const rows = [QNAMAKER_COLUMNS.join('\t')];
  for (const entry of entries) {
    const { source, answer } = placeLinks(entry);
    const prompts = entry.related
      .filter((id) => qnaIds.has(id) && id !== entry.id)
      .map((id, i) => ({
        DisplayOrder: i + 1,
        QnaId: qnaIds.get(id)!,
        DisplayText: oneLine(titles.get(id)!),
      }));
    const cells = [
      escapeTsv(answer),
      source,
      entry.tags.map(metadataOf).join('|'),
      '[]',
      'False',
      JSON.stringify(prompts),
      String(qnaIds.get(entry.id)),
    ];
    for (const question of [entry.title, ...entry.questions])
      rows.push([oneLine(question), ...cells].join('\t'));
  }
  return `${rows.join('\n')}\n`;
}

/**
 * QnA Maker keeps links only inside the answer, plus one source per pair. A link the answer already
 * holds stays there; a `Source: ...` link (what an import makes of the source column) goes back to
 * the Source column; any other link is appended to the answer so it is not lost.
 */
function placeLinks(entry: ExportableEntry): { source: string; answer: string } {
  const inAnswer = new Set(linksInMarkdown(entry.answer).map((l) => l.url));
  const outside = entry.links.filter((l) => !inAnswer.has(l.url));
  const source = outside.find((l) => sourceLink(l.url)?.title === l.title);
  const extra = outside.filter((l) => l !== source);
  const answer =
    extra.length > 0
      ? `${entry.answer}\n\nFurther reading:\n\n${extra.map(listItem).join('\n')}`
      : entry.answer;
  return { source: source?.url ?? 'Editorial', answer };
}

function listItem(link: Link): string {
  return `- [${link.title.replace(/[[\]]/g, '')}](${link.url})`;
}

function metadataOf(tag: string): string {
  const { key, value } = metadataOfTag(tag);
  return `${clean(key)}:${clean(value)}`;
}

/** Metadata cannot hold the separators "|" and tabs. */
function clean(text: string): string {
  return oneLine(text).replace(/\|/g, '/');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
