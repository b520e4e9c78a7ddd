import type { Answerer } from '../answer/answerer.ts';
import type { MessageKey } from '../answer/messages.ts';
import type { AnswerReply } from '../answer/reply.ts';
import { answersUnasked, readsAsQuestion } from '../auto-answer/question-shape.ts';
import { clock, isQuiet, parseQuietHours } from '../auto-answer/quiet-hours.ts';
import type { AutoAnswerStore, SeenPost } from '../auto-answer/store.ts';
import type {
  ChannelPost,
  PlaceRef,
  PlaceSettings,
  PostOutcome,
  PostOutcomeName,
  PostThread,
  SettingResult,
  ThreadRef,
  Verdict,
  VerdictResult,
} from '../auto-answer/types.ts';
import type { Limiter } from '../limits/limiter.ts';
import { type Log, loggable } from '../log.ts';
import { storedText, type TextMode } from '../recording/privacy.ts';

export interface AutoAnswerDeps {
  answerer: () => Answerer;
  store: AutoAnswerStore;
  /** Places watched because the operator listed them (AUTO_ANSWER_CHANNELS); not switched off by a command. */
  configured: readonly PlaceRef[];
  log: Log;
  /** RECORDING_QUESTION_TEXT: an answered post's text is logged as it is recorded. */
  textMode: TextMode;
  now: () => number;
  limiter: Limiter | undefined;
  say: (key: MessageKey, vars?: Record<string, string>) => string;
}

/** Threads with a person's reply remembered, for channels that cannot ask the platform. */
const REMEMBERED_REPLIES = 10_000;

/** What judging a post decided: answer it with `reply`, or stay silent (and why). */
type Judgement =
  | { outcome: 'answering'; reply: AnswerReply }
  | { outcome: Exclude<PostOutcomeName, 'answering'>; confidence: number | null };

/**
 * Answering unasked in watched places, decided once for every channel (BerthService delegates
 * here): which places are watched and when they are quiet, which posts get an answer (a
 * question, answered outright at AUTO_ANSWER_THRESHOLD or above), one reply per thread ever,
 * never after a person replied, and what a click on "Solved it" or "Still need a human" does.
 */
export class AutoAnswerDesk {
  private readonly replied = new Set<string>();

  constructor(private readonly deps: AutoAnswerDeps) {}

  /** Answers `post` in its thread through `thread` when the rules allow; otherwise does nothing. */
  async handle(post: ChannelPost, thread: PostThread): Promise<PostOutcome> {
    const { store, log } = this.deps;
    const settings = await this.stored(this.settingsOf(post), undefined);
    if (!settings?.watched) return { kind: 'silent', reason: 'not-watched' };
    const at = new Date(this.deps.now());
    const judged = await this.judge(post, settings, at);
    const reply = judged.outcome === 'answering' ? judged.reply : undefined;
    const seen: SeenPost = {
      ...post,
      at,
      outcome: judged.outcome,
      entryId: reply?.id ?? null,
      confidence: judged.outcome === 'answering' ? judged.reply.confidence : judged.confidence,
    };
    // Without the ledger Berth cannot promise one reply per thread: it stays silent instead.
    if (!(await this.stored(store.claim(seen), false))) return { kind: 'silent', reason: 'seen-before' };
    if (!reply) return this.silent(post, judged.outcome, seen.confidence);
    if (this.replied.has(keyOf(post)) || (await thread.humanReplied?.())) {
      await this.stored(store.settle(post, 'person-replied-first', post.text), undefined);
      return this.silent(post, 'person-replied-first', reply.confidence);
    }
    let posted = false;
    try {
      posted = await thread.post(reply);
    } finally {
      await this.stored(store.settle(post, posted ? 'answered' : 'not-posted', post.text), undefined);
    }
    if (!posted) return this.silent(post, 'not-posted', reply.confidence);
    const question = storedText(reply.query, this.deps.textMode);
    log.info(
      {
        channel: post.channel,
        via: 'post',
        outcome: 'answered',
        entry: reply.id,
        confidence: round(reply.confidence),
        ...(question === null ? {} : { question: loggable(question) }),
      },
      'automatic answer',
    );
    return { kind: 'answered', entryId: reply.id, confidence: reply.confidence };
  }

  /** A person replied in a thread: remembered, so an answer not yet posted there never is. */
  async threadReply(ref: ThreadRef): Promise<void> {
    if (!(await this.stored(this.settingsOf(ref), undefined))?.watched) return;
    this.replied.add(keyOf(ref));
    if (this.replied.size > REMEMBERED_REPLIES) {
      const oldest = this.replied.values().next();
      if (!oldest.done) this.replied.delete(oldest.value);
    }
  }

  /** "Solved it" or "Still need a human" under an automatic answer; the thread's first verdict is recorded. */
  async verdict(ref: ThreadRef, verdict: Verdict): Promise<VerdictResult> {
    const recorded = await this.deps.store.verdict(ref, verdict, new Date(this.deps.now()));
    this.deps.log.info(
      { channel: ref.channel, via: 'verdict', verdict, recorded },
      'automatic answer verdict',
    );
    const escalation = this.deps.answerer().escalation;
    if (verdict === 'solved') return { kind: 'thanks', text: this.deps.say('auto_solved_thanks') };
    if (recorded === 'again')
      return { kind: 'handed-off-already', text: this.deps.say('auto_handoff_already', { escalation }) };
    return { kind: 'handoff', escalation };
  }

  /** Turns automatic answers on or off in a place; `command` is how people address Berth there. */
  async watch(ref: PlaceRef, on: boolean, command: string): Promise<SettingResult> {
    const stored = await this.deps.store.place(ref);
    const configured = this.isConfigured(ref);
    const watched = configured || stored?.watched === true;
    const result = (changed: boolean, key: MessageKey) => ({
      changed,
      text: this.deps.say(key, { command }),
    });
    if (on && watched) return result(false, 'watch_already');
    if (!on && configured) return result(false, 'watch_configured');
    if (!on && !watched) return result(false, 'watch_not_watching');
    await this.save(ref, { ...stored, watched: on });
    this.deps.log.info({ channel: ref.channel, watched: on }, on ? 'place watched' : 'place unwatched');
    return result(true, on ? 'watch_on' : 'watch_off');
  }

  /** Sets (`18:00-08:00 Europe/Berlin`) or removes (`off`) a place's quiet hours. */
  async quiet(ref: PlaceRef, spec: string, command: string, timeZone?: string): Promise<SettingResult> {
    const parsed = parseQuietHours(spec, timeZone);
    if (parsed.kind === 'invalid')
      return { changed: false, text: this.deps.say('quiet_invalid', { command }) };
    const stored = await this.deps.store.place(ref);
    const quiet = parsed.kind === 'set' ? parsed.quiet : undefined;
    await this.save(ref, { watched: stored?.watched === true, ...(quiet ? { quiet } : {}) });
    if (!quiet) return { changed: true, text: this.deps.say('quiet_off') };
    const set = this.deps.say('quiet_on', {
      from: clock(quiet.from),
      to: clock(quiet.to),
      zone: quiet.timeZone,
    });
    const watched = this.isConfigured(ref) || stored?.watched === true;
    return {
      changed: true,
      text: watched ? set : `${set} ${this.deps.say('quiet_not_watching', { command })}`,
    };
  }

  /** Judges a post in a watched place: quiet hours, the asker's rate limit, then the answer rule. */
  private async judge(post: ChannelPost, settings: PlaceSettings, at: Date): Promise<Judgement> {
    if (settings.quiet && isQuiet(settings.quiet, at)) return { outcome: 'quiet-hours', confidence: null };
    const decision = (await this.deps.limiter?.take(`${post.channel}:${post.user}`)) ?? 'allow';
    if (decision !== 'allow') return { outcome: 'throttled', confidence: null };
    if (!readsAsQuestion(post.text)) return { outcome: 'not-a-question', confidence: null };
    const answerer = this.deps.answerer();
    const reply = answerer.answer(post.text);
    if (answersUnasked(post.text, reply, answerer.autoAnswerThreshold))
      return { outcome: 'answering', reply };
    return { outcome: 'not-sure', confidence: round(reply.confidence) };
  }

  private silent(post: ChannelPost, reason: PostOutcomeName, confidence: number | null): PostOutcome {
    // The question is logged only when answered: what Berth does not answer is not kept, here either.
    this.deps.log.info(
      { channel: post.channel, via: 'post', outcome: reason, confidence },
      'post not answered',
    );
    return { kind: 'silent', reason };
  }

  /** A store call that must not fail a post: a failure is logged and `fallback` used instead. */
  private async stored<T>(work: Promise<T>, fallback: T): Promise<T> {
    try {
      return await work;
    } catch (err) {
      this.deps.log.error({ err }, 'automatic answers: the store failed; staying silent');
      return fallback;
    }
  }

  private async settingsOf(ref: PlaceRef): Promise<PlaceSettings | undefined> {
    const stored = await this.deps.store.place(ref);
    return this.isConfigured(ref) ? { ...stored, watched: true } : stored;
  }

  private isConfigured(ref: PlaceRef): boolean {
    return this.deps.configured.some((c) => c.channel === ref.channel && c.place === ref.place);
  }

  private save(ref: PlaceRef, settings: PlaceSettings): Promise<void> {
    return this.deps.store.savePlace(ref, settings, new Date(this.deps.now()));
  }
}

const keyOf = (ref: ThreadRef) => JSON.stringify([ref.channel, ref.place, ref.thread]);
const round = (n: number) => Math.round(n * 1000) / 1000;
