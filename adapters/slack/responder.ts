import type { Reply } from '../../src/answer/reply.ts';
import type { AskContext } from '../../src/recording/events.ts';
import type { BerthService } from '../../src/service/berth-service.ts';
import type { Throttled } from '../../src/service/results.ts';
import type { ChannelLog } from '../channel/contract.ts';
import { SlackAutoResponder } from './auto-responder.ts';
import type { Asker, SlackInput } from './input.ts';
import { questionText } from './markup.ts';
import { describeError, type SlackOutbox } from './outbox.ts';
import { type RenderOptions, renderNote, renderReply } from './render.ts';
import { renderFeedbackModal, renderHome } from './views.ts';
import type { SlackWords } from './wording.ts';

export interface ResponderDeps {
  service: BerthService;
  outbox: SlackOutbox;
  log: ChannelLog;
  /** The slash command, as people type it (`/berth`), for the Home tab. */
  command: string;
  /** SLACK_ESCALATION_MENTION: who "Still need a human" notifies. */
  escalationMention?: string;
}

type Input<K extends SlackInput['kind']> = Extract<SlackInput, { kind: K }>;

/**
 * Turns parsed Slack input into service calls and rendered replies. The only decisions left here
 * are Slack's own: where a reply goes and who sees it. Resolves once everything was sent (or logged).
 */
export class SlackResponder {
  private readonly auto: SlackAutoResponder;

  constructor(private readonly deps: ResponderDeps) {
    this.auto = new SlackAutoResponder(deps);
  }

  async handle(input: SlackInput): Promise<void> {
    try {
      await this.dispatch(input);
    } catch (error) {
      // The core never throws for input text; if something else did, say sorry where they asked.
      this.deps.log.error({ ...describeError(error), input: input.kind }, 'slack: reply failed');
      if ('place' in input)
        await this.deps.outbox.whisper(input.place, input.user, renderNote(this.deps.service.apology()));
    }
  }

  private async dispatch(input: SlackInput): Promise<void> {
    const { service } = this.deps;
    switch (input.kind) {
      case 'question':
        return this.question(input);
      case 'help':
        return this.reply(input, service.help());
      case 'choose': {
        const result = await service.choose(input.entryId, askContext(input), input.question);
        if (result.kind === 'throttled') return this.throttled(input, result);
        return this.reply(input, result.reply);
      }
      case 'feedback':
        return this.feedback(input);
      case 'feedback_comment':
        return this.comment(input);
      case 'share':
        return this.share(input);
      case 'home': {
        await this.deps.outbox.publishHome(
          input.user,
          renderHome(service.welcome(), this.words, this.deps.command),
        );
        return;
      }
      case 'post':
        return this.auto.post(input);
      case 'thread_reply':
        return this.auto.threadReply(input);
      case 'watch':
        return this.auto.watch(input);
      case 'quiet':
        return this.auto.quiet(input);
      case 'auto_verdict':
        return this.auto.verdict(input);
      case 'ignored':
        this.deps.log.debug({ reason: input.reason }, 'slack: ignored');
        return;
    }
  }

  private get words(): SlackWords {
    return this.deps.service.wording();
  }

  private async question(input: Input<'question'>): Promise<void> {
    const result = await this.deps.service.ask(questionText(input.text), askContext(input));
    if (result.kind === 'throttled') return this.throttled(input, result);
    // A private slash-command answer shows what was asked; so does "I don't know" everywhere.
    const echo = input.place.kind === 'response_url' || result.reply.outcome === 'fallback';
    await this.reply(input, result.reply, echo ? { echo: input.text } : {});
  }

  /** Over the rate limit: told once, privately; afterwards silent until they may try again. */
  private async throttled(asker: Asker, result: Throttled): Promise<void> {
    if (result.notify) await this.deps.outbox.whisper(asker.place, asker.user, renderNote(result.text));
  }

  private async reply(asker: Asker, reply: Reply, options: RenderOptions = {}): Promise<void> {
    const shareable = asker.place.kind === 'response_url' && reply.outcome === 'answer';
    await this.deps.outbox.post(asker.place, renderReply(reply, this.words, { ...options, shareable }));
  }

  private async feedback(input: Input<'feedback'>): Promise<void> {
    if (!input.helpful) {
      // Ask what they were looking for first; the form records the thumbs-down (with or without a note).
      const state = { entryId: input.entryId, place: input.place, conversation: input.conversation };
      if (await this.deps.outbox.openModal(input.triggerId, renderFeedbackModal(this.words, state))) return;
    }
    const vote = { entryId: input.entryId, helpful: input.helpful };
    const result = await this.deps.service.feedback(vote, askContext(input));
    if (result.kind === 'throttled') return this.throttled(input, result);
    await this.deps.outbox.whisper(input.place, input.user, renderNote(result.text));
  }

  private async comment(input: Input<'feedback_comment'>): Promise<void> {
    const comment = input.comment || undefined;
    const vote = { entryId: input.entryId, helpful: false, comment, asked: true };
    const result = await this.deps.service.feedback(vote, askContext(input));
    if (result.kind === 'throttled') return this.throttled(input, result);
    // Dismissing the form records the thumbs-down silently; a note (or a vote that went nowhere) is answered.
    if (comment || result.kind === 'unknown-entry')
      await this.deps.outbox.whisper(input.place, input.user, renderNote(result.text));
  }

  private async share(input: Input<'share'>): Promise<void> {
    const reply = this.deps.service.share(input.entryId, askContext(input), input.question);
    // The entry may have gone in a knowledge reload: tell only the person who clicked.
    if (reply.outcome !== 'answer') return this.reply(input, reply);
    const message = renderReply(reply, this.words, { echo: input.question, sharedBy: input.user });
    await this.deps.outbox.post(input.place, message, 'in_channel');
  }
}

function askContext(asker: Asker): AskContext {
  return { channel: 'slack', conversation: asker.conversation, user: asker.user };
}
