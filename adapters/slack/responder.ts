import { say } from '../../src/answer/messages.ts';
import type { Reply } from '../../src/answer/reply.ts';
import type { AskContext } from '../../src/recording/events.ts';
import type { BerthService } from '../../src/service.ts';
import type { Logger } from '../server/logger.ts';
import type { Asker, SlackInput } from './input.ts';
import { describeError, type SlackOutbox } from './outbox.ts';
import { type RenderOptions, renderNote, renderReply } from './render.ts';
import { renderFeedbackModal, renderHome } from './views.ts';

export interface ResponderDeps {
  service: BerthService;
  outbox: SlackOutbox;
  log: Logger;
  /** The slash command, as people type it (`/berth`), for the Home tab. */
  command: string;
  /** ESCALATION_CONTACT; empty: the knowledge's own. */
  escalation: string;
}

type Input<K extends SlackInput['kind']> = Extract<SlackInput, { kind: K }>;

/**
 * Turns parsed Slack input into core calls and rendered replies. The only Slack-specific decisions
 * left here are where a reply goes and who sees it; resolves once everything was sent (or logged).
 */
export class SlackResponder {
  constructor(private readonly deps: ResponderDeps) {}

  async handle(input: SlackInput): Promise<void> {
    try {
      await this.dispatch(input);
    } catch (error) {
      // The core never throws for input text; if something else did, say sorry where they asked.
      this.deps.log.error({ ...describeError(error), input: input.kind }, 'slack: reply failed');
      if ('place' in input)
        await this.deps.outbox.whisper(input.place, input.user, renderNote(this.errorText()));
    }
  }

  private async dispatch(input: SlackInput): Promise<void> {
    switch (input.kind) {
      case 'question':
        return this.question(input);
      case 'help':
        return this.reply(input, this.deps.service.help());
      case 'choose':
        return this.reply(input, this.deps.service.choose(input.entryId, askContext(input), input.question));
      case 'feedback':
        return this.feedback(input);
      case 'feedback_comment':
        return this.comment(input);
      case 'share':
        return this.share(input);
      case 'home': {
        const view = renderHome(this.deps.service.berth.help(), this.messages, this.deps.command);
        await this.deps.outbox.publishHome(input.user, view);
        return;
      }
      case 'ignored':
        this.deps.log.debug({ reason: input.reason }, 'slack: ignored');
        return;
    }
  }

  private get messages() {
    return this.deps.service.messages;
  }

  private async question(input: Input<'question'>): Promise<void> {
    const result = await this.deps.service.ask(input.text, askContext(input));
    if (result.kind === 'throttled') {
      // Told once, privately; afterwards silent until they may ask again.
      if (result.notify) await this.deps.outbox.whisper(input.place, input.user, renderNote(result.text));
      return;
    }
    // A private slash-command answer shows what was asked; so does "I don't know" everywhere.
    const echo = input.place.kind === 'response_url' || result.reply.outcome === 'fallback';
    await this.reply(input, result.reply, echo ? { echo: input.text } : {});
  }

  private async reply(asker: Asker, reply: Reply, options: RenderOptions = {}): Promise<void> {
    const shareable = asker.place.kind === 'response_url' && reply.outcome === 'answer';
    await this.deps.outbox.post(asker.place, renderReply(reply, this.messages, { ...options, shareable }));
  }

  private async feedback(input: Input<'feedback'>): Promise<void> {
    if (!this.deps.service.berth.knowledge.entries.has(input.entryId)) {
      this.deps.log.warn({ entry: input.entryId }, 'slack: feedback for an unknown entry');
      return;
    }
    if (!input.helpful) {
      // Ask what they were looking for first; the form records the thumbs-down (with or without a note).
      const state = { entryId: input.entryId, place: input.place, conversation: input.conversation };
      if (await this.deps.outbox.openModal(input.triggerId, renderFeedbackModal(this.messages, state)))
        return;
    }
    const text = this.deps.service.feedback(
      { entryId: input.entryId, helpful: input.helpful },
      askContext(input),
    );
    await this.deps.outbox.whisper(input.place, input.user, renderNote(text));
  }

  private async comment(input: Input<'feedback_comment'>): Promise<void> {
    const comment = input.comment || undefined;
    const text = this.deps.service.feedback(
      { entryId: input.entryId, helpful: false, comment },
      askContext(input),
    );
    // Dismissing the form records the thumbs-down silently; a note gets a thank-you.
    if (comment) await this.deps.outbox.whisper(input.place, input.user, renderNote(text));
  }

  private async share(input: Input<'share'>): Promise<void> {
    const reply = this.deps.service.berth.answerById(input.entryId, input.question);
    // The entry may have gone in a knowledge reload: tell only the person who clicked.
    if (reply.outcome !== 'answer') return this.reply(input, reply);
    const message = renderReply(reply, this.messages, { echo: input.question, sharedBy: input.user });
    await this.deps.outbox.post(input.place, message, 'in_channel');
  }

  private errorText(): string {
    const escalation = this.deps.escalation || say(this.messages, 'escalation');
    return say(this.messages, 'error', { escalation });
  }
}

function askContext(asker: Asker): AskContext {
  return { channel: 'slack', conversation: asker.conversation, user: asker.user };
}
