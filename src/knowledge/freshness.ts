import type { Entry, KnowledgeBase } from './types.ts';

const DAY_MS = 86_400_000;
const UNIT_DAYS: Readonly<Record<string, number>> = { d: 1, w: 7, m: 365.25 / 12, y: 365.25 };

/** `12m` -> days. Units: d(ays), w(eeks), m(onths), y(ears). Throws a message naming the format. */
export function parseAge(text: string): number {
  const match = /^(\d+)([dwmy])$/.exec(text.trim());
  if (!match) throw new Error(`"${text}" is not an age like 90d, 6w, 12m or 1y`);
  return Number(match[1]) * (UNIT_DAYS[match[2]!] ?? 1);
}

export interface DueEntry {
  entry: Entry;
  /** Days since `reviewed`; Infinity when the entry has never been reviewed. */
  ageDays: number;
}

/** Entries last reviewed longer than `maxAgeDays` ago (or never), oldest first. */
export function entriesDue(
  kb: Pick<KnowledgeBase, 'entries'>,
  maxAgeDays: number,
  now = new Date(),
): DueEntry[] {
  const due: DueEntry[] = [];
  for (const entry of kb.entries.values()) {
    const ageDays = entry.reviewed
      ? Math.floor((now.getTime() - Date.parse(`${entry.reviewed}T00:00:00Z`)) / DAY_MS)
      : Number.POSITIVE_INFINITY;
    if (ageDays > maxAgeDays) due.push({ entry, ageDays });
  }
  return due.sort((a, b) => b.ageDays - a.ageDays || a.entry.id.localeCompare(b.entry.id));
}
