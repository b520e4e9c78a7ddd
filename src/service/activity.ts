import type { Reply } from '../answer/reply.ts';
import { type Log, loggable } from '../log.ts';
import type { AskContext, RecordedEvent, Recorder } from '../recording/events.ts';
import { storedText, type TextMode } from '../recording/privacy.ts';

/** How a reply came about, as its log line says (`msg`). */
export type Via = 'question' | 'choice' | 'share';

/**
 * The service's log lines and recordings, in one place: one line per reply with channel, outcome,
 * entry, confidence and latency, and the events `berth report` reads. The question in the log
 * line follows the same text mode as the recording, through the same function (`storedText`):
 * redacted by default, left out with `off`, verbatim only with `full`; then made safe for one
 * line. Recording never throws and never delays a reply (see Recorder).
 */
export class Activity {
  constructor(
    private readonly log: Log,
    private readonly recorder: Recorder,
    private readonly now: () => number,
    private readonly textMode: TextMode,
  ) {}

  /** Logs a reply made since `started` (performance.now()); a question is recorded too. */
  replied(reply: Reply, context: AskContext, started: number, via: Via): void {
    const latencyMs = Math.round((performance.now() - started) * 1000) / 1000;
    const entryId = reply.outcome === 'answer' ? reply.id : null;
    const confidence = Math.round(reply.confidence * 1000) / 1000;
    const question = storedText(reply.query, this.textMode);
    this.log.info(
      {
        channel: context.channel,
        conversation: context.conversation,
        via,
        outcome: reply.outcome,
        entry: entryId,
        confidence,
        latencyMs,
        ...(question === null ? {} : { question: loggable(question) }),
      },
      via,
    );
    if (via === 'question')
      this.record({
        type: 'question',
        context,
        question: reply.query,
        outcome: reply.outcome,
        entryId,
        confidence,
        latencyMs,
      });
  }

  /** A question (or pick) or a vote refused by the rate limit. */
  throttled(context: AskContext, what: 'question' | 'vote'): void {
    this.log.info(
      { channel: context.channel, conversation: context.conversation, outcome: 'throttled' },
      `${what} throttled`,
    );
  }

  feedback(context: AskContext, entryId: string, helpful: boolean, comment: string | undefined): void {
    this.record({ type: 'feedback', context, entryId, helpful, comment });
    this.log.info(
      { channel: context.channel, entry: entryId, helpful, comment: comment !== undefined },
      'feedback',
    );
  }

  unknownFeedback(context: AskContext, entryId: string): void {
    this.log.warn(
      { channel: context.channel, entry: loggable(entryId, 120) },
      'feedback for an unknown entry: not recorded',
    );
  }

  /** An event without its time: the time is the recorder's clock's. */
  record(event: DistributiveOmit<RecordedEvent, 'at'>): void {
    this.recorder.record({ ...event, at: new Date(this.now()) });
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
