const ENTITIES: Readonly<Record<string, string>> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&nbsp;': ' ',
};

/**
 * Decodes the few HTML entities that text arrives with: marked's text tokens, chat platforms'
 * escaped message text, HTML pasted into a question. One pass, so `&amp;lt;` becomes `&lt;`, not `<`.
 * Example: decodeEntities('a &amp; b &lt;i&gt;') -> 'a & b <i>'
 */
export function decodeEntities(text: string): string {
  return text.replace(/&(?:amp|lt|gt|quot|#39|nbsp);/g, (entity) => ENTITIES[entity] ?? entity);
}
