const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text as well-formed Unicode: each lone UTF-16 surrogate (JSON can carry `"\ud800"`) becomes
 * U+FFFD, so nothing downstream (SQLite, logs, other platforms) gets a string that is not valid
 * UTF-8. Channels apply it where text arrives. Example: wellFormed('a\uD800b') -> 'a\uFFFDb'
 */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}
