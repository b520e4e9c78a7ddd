import type { RecordedEvent } from './events.ts';
import { hashUser, storedText, type TextMode } from './privacy.ts';
import type { EVENT_TABLES } from './schema.ts';

/** What decides how an event is stored. */
export interface RowPolicy {
  salt: string;
  textMode: TextMode;
}

type Value = string | number | null;

/** One row to insert: its table and its columns, in the table's column order. */
export interface EventRow {
  table: (typeof EVENT_TABLES)[number];
  values: Record<string, Value>;
}

/**
 * An event as it is stored: the user id replaced by its salted hash, text per the text mode.
 * Pure, so what reaches the disk can be tested without a database.
 */
export function toRow(event: RecordedEvent, policy: RowPolicy): EventRow {
  const { context } = event;
  const common = {
    at: event.at.getTime(),
    channel: context.channel,
    conversation: context.conversation,
    asker: hashUser(policy.salt, context.channel, context.user),
  };
  switch (event.type) {
    case 'question':
      return {
        table: 'questions',
        values: {
          ...common,
          question: storedText(event.question, policy.textMode),
          outcome: event.outcome,
          entry_id: event.entryId,
          confidence: event.confidence,
          latency_ms: event.latencyMs,
        },
      };
    case 'feedback':
      return {
        table: 'feedback',
        values: {
          ...common,
          entry_id: event.entryId,
          helpful: event.helpful ? 1 : 0,
          comment: storedText(event.comment, policy.textMode),
        },
      };
    case 'choice':
      return {
        table: 'choices',
        values: { ...common, question: storedText(event.question, policy.textMode), entry_id: event.entryId },
      };
    case 'share':
      return {
        table: 'shares',
        values: { ...common, question: storedText(event.question, policy.textMode), entry_id: event.entryId },
      };
  }
}
