/** Number formats for the report: short, with units, and ratios against a baseline. */

export function ms(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '–';
  if (value >= 10_000) return `${(value / 1000).toFixed(0)} s`;
  if (value >= 1000) return `${(value / 1000).toFixed(1)} s`;
  if (value >= 100) return `${value.toFixed(0)} ms`;
  if (value >= 10) return `${value.toFixed(1)} ms`;
  return `${value.toFixed(2)} ms`;
}

export function mb(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return '–';
  return `${(bytes / 1_000_000).toFixed(bytes < 10_000_000 ? 1 : 0)} MB`;
}

export function pct(share: number | undefined): string {
  return share === undefined ? '–' : `${(share * 100).toFixed(1)}%`;
}

/** "+40.6 pts" */
export function points(share: number, base: number): string {
  const d = (share - base) * 100;
  return `${d >= 0 ? '+' : '−'}${Math.abs(d).toFixed(1)} pts`;
}

export function count(n: number): string {
  return Math.round(n).toLocaleString('en');
}

function times(r: number): string {
  if (r >= 100) return count(r);
  return r >= 10 ? r.toFixed(0) : r.toFixed(1);
}

/** A time against the baseline's: "330× faster", "2.1× slower", "same". */
export function speedRatio(value: number | undefined, base: number | undefined): string {
  if (value === undefined || base === undefined || value <= 0 || base <= 0) return '–';
  const r = base / value;
  if (r >= 1.05) return `${times(r)}× faster`;
  if (r <= 0.95) return `${times(1 / r)}× slower`;
  return 'same';
}

/** A size against the baseline's: "4.6× more", "2.1× less". */
export function sizeRatio(value: number | null | undefined, base: number | null | undefined): string {
  if (value === null || value === undefined || !base || value <= 0) return '–';
  const r = value / base;
  if (r >= 1.05) return `${times(r)}× more`;
  if (r <= 0.95) return `${times(1 / r)}× less`;
  return 'same';
}

/**
 * A Markdown table, padded the way Biome
 * formats Markdown (so the report can be pasted into a README as it is). Cells are escaped for `|`.
 */
export function table(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  /** Per column: 'l'eft or 'r'ight; by default the first column left, the rest right. */
  align: string = `l${'r'.repeat(header.length - 1)}`,
): string {
  const escapePipes = (cell: string) => cell.replace(/\|/g, '\\|');
  const all = [header, ...rows].map((r) => r.map(escapePipes));
  const width = (cell: string) => [...cell].length;
  const widths = header.map((_, i) => Math.max(3, ...all.map((r) => width(r[i] ?? ''))));
  const pad = (cell: string, i: number) => {
    const fill = ' '.repeat(widths[i]! - width(cell));
    return align[i] === 'r' ? fill + cell : cell + fill;
  };
  const line = (cells: readonly string[]) =>
    `| ${widths.map((_, i) => pad(cells[i] ?? '', i)).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (align[i] === 'r' ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w))).join(' | ')} |`;
  const [head = [], ...body] = all;
  return [line(head), rule, ...body.map(line)].join('\n');
}
