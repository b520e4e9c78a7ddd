import { ImportError } from './faq.ts';

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/**
 * A source file's bytes -> text with `\n` line endings. Reads UTF-8 (with or without a BOM) and
 * UTF-16 with a BOM (QnA Maker exports can be UTF-16LE with CRLF); anything else is an
 * ImportError naming the line of the first byte it cannot read, so nothing is imported garbled.
 * Example: decodeText('faq.tsv', bytes) -> 'Question\tAnswer\t...'
 */
export function decodeText(file: string, bytes: Uint8Array): string {
  const text = normalizeLineEndings(decodeBytes(file, bytes));
  if (text.trim() === '') throw new ImportError({ file, line: 1 }, 'the file is empty');
  return text;
}

function decodeBytes(file: string, bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeUtf16(file, bytes, 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeUtf16(file, bytes, 'utf-16be');
  if (startsWith(bytes, ZIP_MAGIC)) {
    throw new ImportError(
      { file, line: 1 },
      'this is a zip archive (an Excel workbook?), not text: export or save the knowledge base as TSV',
    );
  }
  const body = startsWith(bytes, UTF8_BOM) ? bytes.subarray(3) : bytes;
  const nul = body.indexOf(0);
  if (nul >= 0) {
    throw new ImportError(
      { file, line: lineOfByte(body, nul) },
      'not UTF-8 text (a NUL byte: UTF-16 without a byte-order mark?); save the file as UTF-8',
    );
  }
  const bad = firstInvalidUtf8(body);
  if (bad >= 0) {
    const hex = body[bad]!.toString(16).toUpperCase().padStart(2, '0');
    throw new ImportError(
      { file, line: lineOfByte(body, bad) },
      `not UTF-8 text (byte 0x${hex}: Windows-1252 or Latin-1?); save the file as UTF-8`,
    );
  }
  return new TextDecoder('utf-8').decode(body);
}

function decodeUtf16(file: string, bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): string {
  try {
    // The decoder drops the BOM itself (ignoreBOM defaults to false).
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    // Decode leniently to find the line of the first unreadable character.
    const lenient = new TextDecoder(encoding).decode(bytes);
    const at = lenient.indexOf('\uFFFD');
    const line = lenient.slice(0, Math.max(at, 0)).split('\n').length;
    throw new ImportError(
      { file, line },
      `not valid ${encoding.toUpperCase()} text (the byte-order mark says UTF-16); save the file as UTF-8`,
    );
  }
}

function normalizeLineEndings(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence, or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const length =
      b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    for (let k = 1; k < length; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    if (length > 1 && !wellFormedLead(b, bytes[i + 1]!)) return i;
    i += length;
  }
  return -1;
}

/** Rejects overlong forms, UTF-16 surrogates and code points beyond U+10FFFF. */
function wellFormedLead(lead: number, next: number): boolean {
  if (lead === 0xe0) return next >= 0xa0;
  if (lead === 0xed) return next <= 0x9f;
  if (lead === 0xf0) return next >= 0x90;
  if (lead === 0xf4) return next <= 0x8f;
  return true;
}
