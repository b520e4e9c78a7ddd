import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { decodeText } from './decode.ts';
import { type FaqDocument, ImportError, type ImportFormat, type SourceText } from './faq.ts';
import { parseMarkdownFaq } from './markdown-faq.ts';
import { parseQnaFile } from './qna.ts';
import { parseQnaMakerTsv } from './qnamaker.ts';
import { parseRasa } from './rasa.ts';

const BY_EXTENSION: Readonly<Record<string, ImportFormat>> = {
  '.tsv': 'qnamaker',
  '.qna': 'qna',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.yml': 'rasa',
  '.yaml': 'rasa',
};

/** Folders of a Rasa project that hold no training data or responses. */
const NOT_RASA_DATA = new Set(['models', 'actions', 'results', 'node_modules', '__pycache__']);

/**
 * Reads and parses what `berth import` was given: one FAQ file, or a Rasa project (its folder, or
 * nlu.yml and domain.yml). The format is guessed from the file name, then its content, unless
 * given. Throws an ImportError (file:line) for anything it cannot read.
 */
export function readFaq(paths: readonly string[], format?: ImportFormat): FaqDocument {
  const [first] = paths;
  if (first === undefined) throw new Error('readFaq needs at least one path');
  const rasa = paths.length > 1 || statSync(first).isDirectory();
  if (rasa && format !== undefined && format !== 'rasa') {
    throw new ImportError(
      { file: first, line: 1 },
      `only a Rasa project is read from a folder or several files; import a ${format} file on its own`,
    );
  }
  if (rasa) return parseRasa(paths.flatMap(rasaFiles).map(readText), first);
  const source = readText(first);
  const chosen = format ?? guessFormat(source);
  if (chosen === 'rasa') return parseRasa([source]);
  if (chosen === 'qnamaker') return parseQnaMakerTsv(source);
  if (chosen === 'qna') return parseQnaFile(source);
  return parseMarkdownFaq(source);
}

/** The format of a file, from its extension or else its first lines. */
export function guessFormat({ file, text }: SourceText): ImportFormat {
  const byName = BY_EXTENSION[path.extname(file).toLowerCase()];
  if (byName) return byName;
  if (/^question\t/i.test(text)) return 'qnamaker';
  if (/^#{1,6}\s*\?/m.test(text)) return 'qna';
  if (/^(version|nlu|responses):/m.test(text)) return 'rasa';
  if (/^#{1,6}\s.*\?\s*$/m.test(text)) return 'markdown';
  throw new ImportError(
    { file, line: 1 },
    'cannot tell the format from the file name or its content; pass --format qnamaker, rasa, markdown or qna',
  );
}

function readText(file: string): SourceText {
  return { file, text: decodeText(file, readFileSync(file)) };
}

/** A file as given, or every YAML file under a project folder (hidden and non-data folders skipped). */
function rasaFiles(file: string): string[] {
  if (!statSync(file).isDirectory()) return [file];
  const found: string[] = [];
  for (const entry of readdirSync(file, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(file, entry.name);
    if (entry.isDirectory() && !NOT_RASA_DATA.has(entry.name)) found.push(...rasaFiles(full));
    else if (entry.isFile() && /\.ya?ml$/i.test(entry.name)) found.push(full);
  }
  return found.sort();
}
