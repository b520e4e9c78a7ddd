import { say } from './answer/messages.ts';
import type { Reply, Suggestion } from './answer/reply.ts';
import type { Berth } from './berth.ts';
import type { Messages } from './knowledge/types.ts';
import type { RateLimit } from './limits/rate-limiter.ts';
import { type Limiter, localLimiter } from './limits/stores.ts';
import { type Log, loggable, SILENT_LOG } from './log.ts';
import { type AskContext, NO_RECORDER, type Recorder } from './recording/events.ts';

export type AskResult =
  | { kind: 'reply'; reply: Reply }
  /** `notify`: tell the person once (with `text`); afterwards stay silent until they may ask again. */
  | { kind: 'throttled'; notify: boolean; text: string };

export interface ServiceDeps {
  /** The Berth answering now (swapped on knowledge reload). */
  berth: () => Berth;
  log?: Log;
  recorder?: Recorder;
  rateLimit?: RateLimit;
  /** Where the rate-limit buckets live (Redis across replicas); default: in this process, per `rateLimit`. */
  limiter?: Limiter;
  now?: () => number;
}

export interface FeedbackInput {
  entryId: string;
  helpful: boolean;
  comment?: string;
}

/**
 * What every adapter calls: ask, choose, feedback, search. One place for rate limiting, the
 * per-question log line and recording, so Slack, Teams and the web chat behave the same.
 */
export class BerthService {
  private readonly limiter: Limiter | undefined;
  private readonly log: Log;
  private readonly recorder: Recorder;
  private readonly now: () => number;

  constructor(private readonly deps: ServiceDeps) {
    this.log = deps.log ?? SILENT_LOG;
    this.recorder = deps.recorder ?? NO_RECORDER;
    this.now = deps.now ?? Date.now;
    this.limiter = deps.limiter ?? (deps.rateLimit ? localLimiter(deps.rateLimit, this.now) : undefined);
  }

  get berth(): Berth {
    return this.deps.berth();
  }

  get messages(): Messages {
    return this.berth.knowledge.messages;
  }

  /** Answers a question, subject to the asker's rate limit (which may be shared by every replica). */
  async ask(text: string, context: AskContext): Promise<AskResult> {
    const decision = (await this.limiter?.take(`${context.channel}:${context.user}`)) ?? 'allow';
    if (decision !== 'allow') {
      this.log.info(
        { channel: context.channel, conversation: context.conversation, outcome: 'throttled' },
        'question throttled',
      );
      return {
        kind: 'throttled',
        notify: decision === 'throttle-notify',
        text: say(this.messages, 'throttled'),
      };
    }
    const started = performance.now();
    const reply = this.berth.answer(text);
    this.done(reply, context, started);
    return { kind: 'reply', reply };
  }

  /** A person picked an entry ("did you mean" or related question); `question` is what they had asked. */
  choose(id: string, context: AskContext, question = ''): Reply {
    const started = performance.now();
    const reply = this.berth.answerById(id, question);
    if (reply.outcome === 'answer' && question) {
      this.recorder.record({ type: 'choice', at: new Date(this.now()), context, question, entryId: id });
    }
    this.done(reply, context, started, 'choice');
    return reply;
  }

  /** Records a thumbs up/down (and optional comment); returns what to say back. */
  feedback(input: FeedbackInput, context: AskContext): string {
    const comment = input.comment?.trim() ? input.comment.trim().slice(0, 2000) : undefined;
    this.recorder.record({
      type: 'feedback',
      at: new Date(this.now()),
      context,
      entryId: input.entryId,
      helpful: input.helpful,
      comment,
    });
    this.log.info(
      {
        channel: context.channel,
        entry: input.entryId,
        helpful: input.helpful,
        comment: comment !== undefined,
      },
      'feedback',
    );
    return say(this.messages, input.helpful || comment ? 'feedback_thanks' : 'feedback_sorry');
  }

  /** Search-as-you-type over entry questions (no rate limit, not recorded as a question). */
  search(text: string, limit?: number): Suggestion[] {
    return this.berth.search(text, limit);
  }

  help(): Reply {
    return this.berth.help();
  }

  private done(
    reply: Reply,
    context: AskContext,
    started: number,
    via: 'question' | 'choice' = 'question',
  ): void {
    const latencyMs = Math.round((performance.now() - started) * 1000) / 1000;
    const entryId = reply.outcome === 'answer' ? reply.id : null;
    const confidence = Math.round(reply.confidence * 1000) / 1000;
    this.log.info(
      {
        channel: context.channel,
        conversation: context.conversation,
        via,
        outcome: reply.outcome,
        entry: entryId,
        confidence,
        latencyMs,
        question: loggable(reply.query),
      },
      via,
    );
    if (via === 'question') {
      this.recorder.record({
        type: 'question',
        at: new Date(this.now()),
        context,
        question: reply.query,
        outcome: reply.outcome,
        entryId,
        confidence,
        latencyMs,
      });
    }
  }
}
