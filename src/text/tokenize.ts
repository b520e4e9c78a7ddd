/** A token: a word, or a technical unit kept whole (`image:tag`, `8080:80`, `--memory`, `docker.sock`). */
export interface Token {
  text: string;
  /** True for the parts of a compound token (`docker` and `sock` from `docker.sock`). */
  part: boolean;
}

// A word may hold inner `.`, `:`, `/`, `-`, `_`, `@` or `'` (image:tag, docker.sock, don't); flags
// keep their leading dashes.
const TOKEN = /(?:--?)?[\p{L}\p{N}]+(?:['._:/@-][\p{L}\p{N}]+)*/gu;
const SPLIT = /[._:/@-]+/;

/**
 * Splits text into tokens, keeping technical units whole and also emitting their parts.
 * Example: tokenize('docker run -p 8080:80') -> docker, run, -p, 8080:80, 8080 (part), 80 (part)
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.toLowerCase().matchAll(TOKEN)) {
    const word = match[0].replace(/'/g, '');
    const bare = word.replace(/^-+/, '');
    tokens.push({ text: word, part: false });
    if (bare !== word || SPLIT.test(bare)) {
      for (const piece of bare.split(SPLIT))
        if (piece && piece !== word) tokens.push({ text: piece, part: true });
    }
  }
  return tokens;
}
