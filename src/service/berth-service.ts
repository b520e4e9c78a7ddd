import type { Answerer } from '../answer/answerer.ts';
import { type MessageKey, say, type Wording, wordingOf } from '../answer/messages.ts';
import { type Reply, type ReplyJson, type SmallTalkReply, toReplyJson } from '../answer/reply.ts';
import { type AutoAnswerStore, MemoryAutoAnswerStore } from '../auto-answer/store.ts';
import type {
  ChannelPost,
  PlaceRef,
  PostOutcome,
  PostThread,
  SettingResult,
  ThreadRef,
  Verdict,
  VerdictResult,
} from '../auto-answer/types.ts';
import { RECORDING_DEFAULTS } from '../config.ts';
import { forAddress, type Limiter, localLimiter } from '../limits/limiter.ts';
import type { RateDecision, RateLimit } from '../limits/rate-limiter.ts';
import { type Log, SILENT_LOG } from '../log.ts';
import { type AskContext, NO_RECORDER, type Recorder } from '../recording/events.ts';
import type { TextMode } from '../recording/privacy.ts';
import { MAX_QUESTION_CHARS } from '../text/normalize.ts';
import { Activity, type Via } from './activity.ts';
import { AutoAnswerDesk } from './auto-answer.ts';
import type {
  AskResult,
  FeedbackInput,
  FeedbackResult,
  KnowledgeSummary,
  SearchHit,
  Throttled,
} from './results.ts';

/**
 * What a rate limit counts. A pick is answered like a question and shares its budget; votes have a
 * budget of their own (the same size), so voting never costs a question.
 */
type Budget = 'question' | 'vote';

export interface ServiceDeps {
  /** The Answerer for the knowledge live now (swapped on knowledge reload). */
  answerer: () => Answerer;
  log?: Log;
  recorder?: Recorder;
  /** A rate limit kept in this process (one replica); ignored when `limiter` is given. */
  rateLimit?: RateLimit;
  /**
   * How question text appears in the log, as in the recording (RECORDING_QUESTION_TEXT):
   * redacted by default, left out with `off`, verbatim only with `full`.
   */
  questionText?: TextMode;
  /** Where the rate-limit buckets live (shared by every replica, say); default: `rateLimit` in this process. */
  limiter?: Limiter;
  /**
   * The bucket of one network address (many people can share one: an office behind NAT); default:
   * ADDRESS_PEOPLE times `rateLimit`, in this process.
   */
  addressLimiter?: Limiter;
  now?: () => number;
  /** Answering unasked in watched places: where settings and the ledger live (memory by default). */
  autoAnswerStore?: AutoAnswerStore;
  /** Places watched by configuration (AUTO_ANSWER_CHANNELS). */
  autoAnswerPlaces?: readonly PlaceRef[];
}

const MAX_COMMENT_CHARS = 2000;

/**
 * The one door into the core for every channel: each method takes plain data, returns the
 * platform-free Reply (or a small result), and logs and records what it must. Every rule a
 * channel might otherwise decide for itself is decided here once: the rate limit and its reply,
 * which picks are recorded, feedback for an unknown entry, the apology and who to escalate to.
 */
export class BerthService {
  /** Questions are cut to this many characters; a channel may refuse longer ones outright. */
  readonly questionLimit = MAX_QUESTION_CHARS;
  private readonly limiter: Limiter | undefined;
  private readonly addressLimiter: Limiter | undefined;
  private readonly activity: Activity;
  private readonly desk: AutoAnswerDesk;

  constructor(private readonly deps: ServiceDeps) {
    const now = deps.now ?? Date.now;
    const log = deps.log ?? SILENT_LOG;
    const textMode = deps.questionText ?? RECORDING_DEFAULTS.textMode;
    this.activity = new Activity(log, deps.recorder ?? NO_RECORDER, now, textMode);
    this.limiter = deps.limiter ?? (deps.rateLimit ? localLimiter(deps.rateLimit, now) : undefined);
    this.addressLimiter =
      deps.addressLimiter ?? (this.limiter ? localLimiter(forAddress(this.limiter.limit), now) : undefined);
    this.desk = new AutoAnswerDesk({
      answerer: deps.answerer,
      store: deps.autoAnswerStore ?? new MemoryAutoAnswerStore(),
      configured: deps.autoAnswerPlaces ?? [],
      log,
      textMode,
      now,
      limiter: this.limiter,
      say: (key, vars) => this.say(key, vars),
    });
  }

  /**
   * Answers a question, within the asker's rate limit. Asynchronous because the limit may be
   * kept outside this process (shared by every replica); the answer itself is computed here.
   */
  async ask(text: string, context: AskContext): Promise<AskResult> {
    const throttled = await this.admit(context, 'question');
    if (throttled) return throttled;
    return { kind: 'reply', reply: this.answered(context, 'question', (a) => a.answer(text)) };
  }

  /**
   * The person picked entry `id` offered for `question` ("did you mean", a near miss, or a button
   * under an earlier answer): answers it and records the pick as a choice for that question.
   * Within the asker's rate limit for questions, since every pick is an answer and a choice feeds
   * the report's suggested phrasings.
   */
  async choose(id: string, context: AskContext, question: string): Promise<AskResult> {
    const throttled = await this.admit(context, 'question');
    if (throttled) return throttled;
    const reply = this.answered(context, 'choice', (a) => a.answerById(id, question));
    if (reply.outcome === 'answer' && question)
      this.activity.record({ type: 'choice', context, question, entryId: id });
    return { kind: 'reply', reply };
  }

  /** A related question or an example, picked with no question of its own: answered, no choice recorded. */
  async follow(id: string, context: AskContext): Promise<AskResult> {
    const throttled = await this.admit(context, 'question');
    if (throttled) return throttled;
    return { kind: 'reply', reply: this.answered(context, 'choice', (a) => a.answerById(id)) };
  }

  /**
   * The person shares the answer to `question` with everyone in their conversation: the reply
   * to post (the entry's answer; "no longer known" if it went in a reload), logged and recorded.
   */
  share(id: string, context: AskContext, question: string): Reply {
    const reply = this.answered(context, 'share', (a) => a.answerById(id, question));
    if (reply.outcome === 'answer') this.activity.record({ type: 'share', context, question, entryId: id });
    return reply;
  }

  /**
   * Records a thumbs up or down (and what they were looking for), unless the entry is unknown or
   * the person is over their rate limit for votes. Every vote is recorded; `berth report` counts
   * one per person, entry and day.
   */
  async feedback(input: FeedbackInput, context: AskContext): Promise<FeedbackResult> {
    const throttled = await this.admit(context, 'vote');
    if (throttled) return throttled;
    const answerer = this.deps.answerer();
    if (!answerer.knowledge.entries.has(input.entryId)) {
      this.activity.unknownFeedback(context, input.entryId);
      return { kind: 'unknown-entry', text: this.say('unknown_entry', { escalation: answerer.escalation }) };
    }
    const comment = input.comment?.trim() ? input.comment.trim().slice(0, MAX_COMMENT_CHARS) : undefined;
    this.activity.feedback(context, input.entryId, input.helpful, comment);
    const thanked = input.helpful || comment !== undefined || input.asked === true;
    return { kind: 'recorded', text: this.say(thanked ? 'feedback_thanks' : 'feedback_sorry') };
  }

  /**
   * A new top-level post in a place Berth can read: answered in its thread, through `thread`, when
   * the place is watched, not in quiet hours, the post reads as a question Berth is confident
   * about (AUTO_ANSWER_THRESHOLD), the thread was never answered and no person has replied in it.
   * Otherwise nothing happens: no "did you mean", no fallback, no small talk. Errors from
   * `thread.post` reach the caller; the store's are logged and Berth stays silent.
   */
  autoAnswer(post: ChannelPost, thread: PostThread): Promise<PostOutcome> {
    return this.desk.handle(post, thread);
  }

  /** A person replied in a thread: an automatic answer not yet posted there never will be. */
  threadReply(ref: ThreadRef): Promise<void> {
    return this.desk.threadReply(ref);
  }

  /** "Solved it" or "Still need a human" under an automatic answer. */
  autoAnswerVerdict(ref: ThreadRef, verdict: Verdict): Promise<VerdictResult> {
    return this.desk.verdict(ref, verdict);
  }

  /** Turns automatic answers on or off in a place; `command` is how people address Berth there (`@Berth`). */
  watch(ref: PlaceRef, on: boolean, command: string): Promise<SettingResult> {
    return this.desk.watch(ref, on, command);
  }

  /** Sets or removes a place's quiet hours (`18:00-08:00 Europe/Berlin`, `off`); hours without a zone are in `timeZone`. */
  quietHours(ref: PlaceRef, spec: string, command: string, timeZone?: string): Promise<SettingResult> {
    return this.desk.quiet(ref, spec, command, timeZone);
  }

  /** What Berth knows: its topics and an example question for each. */
  help(): SmallTalkReply {
    return this.deps.answerer().help();
  }

  /** The first thing a person sees: the welcome message, with the topics and examples of help. */
  welcome(): SmallTalkReply {
    return { ...this.help(), intent: 'welcome', markdown: this.say('welcome') };
  }

  /** Search as the person types (not a question: no rate limit, nothing recorded); with nothing typed, the examples. */
  search(text: string, limit: number): SearchHit[] {
    const answerer = this.deps.answerer();
    const hits = text.trim() ? answerer.search(text, limit) : this.help().examples.slice(0, limit);
    return hits.map(({ id, title }) => ({
      id,
      title,
      markdown: answerer.knowledge.entries.get(id)?.answer ?? '',
    }));
  }

  /** The apology when something failed on Berth's side, naming who to ask. */
  apology(): string {
    return this.say('error', { escalation: this.deps.answerer().escalation });
  }

  /**
   * The asker's rate limit for `budget`: their own bucket, then (where the channel knows it) their
   * address's, so a client that sends a new id with every request is still limited. Undefined
   * when allowed; else what to tell them.
   */
  private async admit(context: AskContext, budget: Budget): Promise<Throttled | undefined> {
    const decision = await this.decide(context, budget);
    if (decision === 'allow') return undefined;
    this.activity.throttled(context, budget);
    const perMinute = this.limiter?.limit.perMinute ?? 60;
    return {
      kind: 'throttled',
      notify: decision === 'throttle-notify',
      text: this.say('throttled'),
      retryAfterSeconds: Math.ceil(60 / perMinute),
    };
  }

  private async decide(context: AskContext, budget: Budget): Promise<RateDecision> {
    if (!this.limiter) return 'allow';
    // Questions keep the keys they always had: during a rolling update, old and new replicas share them.
    const scope = budget === 'question' ? context.channel : `${context.channel}/${budget}`;
    const person = await this.limiter.take(`${scope}:${context.user}`);
    if (person !== 'allow' || context.address === undefined || !this.addressLimiter) return person;
    return this.addressLimiter.take(`${scope}@${context.address}`);
  }

  /** The live knowledge's wording; a channel narrows the keys to its own (see Wording). */
  wording(): Wording<string> {
    return wordingOf(this.deps.answerer().knowledge.messages);
  }

  /** A reply in the stable `berth ask --json` shape (fields are only ever added). */
  json(reply: Reply): ReplyJson {
    return toReplyJson(reply);
  }

  knowledge(): KnowledgeSummary {
    const { version, entries, topics } = this.deps.answerer().knowledge;
    return { version, entries: entries.size, topics: topics.length };
  }

  private answered(context: AskContext, via: Via, answer: (answerer: Answerer) => Reply): Reply {
    const started = performance.now();
    const reply = answer(this.deps.answerer());
    this.activity.replied(reply, context, started, via);
    return reply;
  }

  private say(key: MessageKey, vars: Record<string, string> = {}): string {
    return say(this.deps.answerer().knowledge.messages, key, vars);
  }
}
