import { dayOf } from './rates.ts';
import type { FeedbackRecord } from './records.ts';

/**
 * The votes `berth report` counts: one per person, entry and UTC day, the last one standing, so
 * a person who changes their mind counts once, their way, and one who clicks thirty times counts
 * once. Votes with no known person (no user id was recorded) count as one person's.
 * Example: three thumbs-down from one person on one entry today -> the last of the three.
 */
export function countedVotes(feedback: readonly FeedbackRecord[]): FeedbackRecord[] {
  const last = new Map<string, FeedbackRecord>();
  for (const vote of feedback) {
    const key = `${vote.asker}\u0000${vote.entryId}\u0000${dayOf(vote.at)}`;
    // Deleting first keeps the map in the order of each key's latest vote.
    last.delete(key);
    last.set(key, vote);
  }
  return [...last.values()];
}

/** How many different people `askers` are; unknown ones (null) are not counted. */
export function distinctPeople(askers: Iterable<string | null>): number {
  const known = new Set<string>();
  for (const asker of askers) if (asker !== null) known.add(asker);
  return known.size;
}
