/**
 * Cuts text to at most `max` characters, preferring a word boundary, without splitting a surrogate pair.
 * Example: truncate('why is my image so big', 12) -> 'why is my'
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = Array.from(text.slice(0, max + 1))
    .slice(0, -1)
    .join('');
  const space = cut.lastIndexOf(' ');
  return (space > max * 0.8 ? cut.slice(0, space) : cut).trimEnd();
}
