import { createHmac } from 'node:crypto';
import { storedText, type TextMode } from '../recording/privacy.ts';
import type { PostOutcomeName, ThreadRef } from './types.ts';

// How the ledger of posts stores a row, whatever the database: the same privacy rules as the
// recordings, decided in one place.

/**
 * The text kept for a post: an answered one as RECORDING_QUESTION_TEXT says (redacted by
 * default); one Berth did not answer only when that setting is `full`.
 */
export function storedPostText(text: string, outcome: PostOutcomeName, mode: TextMode): string | null {
  if (outcome === 'answered') return storedText(text, mode);
  return mode === 'full' ? text : null;
}

/** A thread's key as stored: a salted hash of channel, place and thread, never the ids themselves. */
export function threadKey(salt: string, ref: ThreadRef): string {
  return createHmac('sha256', salt)
    .update(`${ref.channel}\u0000${ref.place}\u0000${ref.thread}`)
    .digest('hex')
    .slice(0, 32);
}
