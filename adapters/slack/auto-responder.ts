import type { PlaceRef } from '../../src/auto-answer/types.ts';
import type { BerthService } from '../../src/service/berth-service.ts';
import type { ChannelLog } from '../channel/contract.ts';
import type { SlackInput } from './input.ts';
import type { SlackOutbox } from './outbox.ts';
import { renderNote } from './render.ts';
import { renderAutoAnswer, renderHandoff } from './render-auto.ts';
import type { SlackWords } from './wording.ts';

export interface AutoResponderDeps {
  service: BerthService;
  outbox: SlackOutbox;
  log: ChannelLog;
  /** The slash command, as people type it (`/berth`). */
  command: string;
  /** SLACK_ESCALATION_MENTION: who "Still need a human" notifies. */
  escalationMention?: string;
}

type Input<K extends SlackInput['kind']> = Extract<SlackInput, { kind: K }>;

/**
 * Automatic answers in Slack channels: hands posts and thread replies to the service, with what
 * it needs of Slack (read the thread, post in it), and carries out the channel's commands and the
 * buttons under an answer. Which post is answered is the service's decision, never made here.
 */
export class SlackAutoResponder {
  constructor(private readonly deps: AutoResponderDeps) {}

  private get words(): SlackWords {
    return this.deps.service.wording();
  }

  async post(input: Input<'post'>): Promise<void> {
    const { service, outbox } = this.deps;
    const thread = { kind: 'conversation', channel: input.channel, threadTs: input.ts } as const;
    const outcome = await service.autoAnswer(
      { channel: 'slack', place: input.channel, thread: input.ts, user: input.user, text: input.text },
      {
        humanReplied: async () => (await outbox.personReplied(input.channel, input.ts)) === true,
        post: (reply) => outbox.post(thread, renderAutoAnswer(reply, this.words)),
      },
    );
    if (outcome.kind === 'silent')
      this.deps.log.debug({ reason: outcome.reason }, 'slack: post not answered');
  }

  threadReply(input: Input<'thread_reply'>): Promise<void> {
    return this.deps.service.threadReply({ channel: 'slack', place: input.channel, thread: input.threadTs });
  }

  /** `/berth watch` and `/berth unwatch`: a change is announced to the channel, anything else only to the typist. */
  async watch(input: Input<'watch'>): Promise<void> {
    const place = this.placeOf(input);
    if (!place) return this.onlyInChannels(input);
    const result = await this.deps.service.watch(place, input.on, this.deps.command);
    const invite = this.words.say('slack_watch_invite', { bot: this.words.say('bot_name') });
    const text = result.changed && input.on ? `${result.text}\n\n${invite}` : result.text;
    await this.deps.outbox.post(input.place, renderNote(text), result.changed ? 'in_channel' : 'ephemeral');
  }

  /** `/berth quiet 18:00-08:00 Europe/Berlin` or `/berth quiet off` (hours without a zone are UTC). */
  async quiet(input: Input<'quiet'>): Promise<void> {
    const place = this.placeOf(input);
    if (!place) return this.onlyInChannels(input);
    const result = await this.deps.service.quietHours(place, input.spec, this.deps.command);
    await this.deps.outbox.post(
      input.place,
      renderNote(result.text),
      result.changed ? 'in_channel' : 'ephemeral',
    );
  }

  /** "Solved it" thanks the clicker privately; "Still need a human" says so in the thread, once. */
  async verdict(input: Input<'auto_verdict'>): Promise<void> {
    const { place } = input;
    if (place.kind !== 'conversation' || place.threadTs === undefined) return;
    const ref = { channel: 'slack', place: place.channel, thread: place.threadTs };
    const result = await this.deps.service.autoAnswerVerdict(ref, input.verdict);
    if (result.kind === 'handoff') {
      const escalation = { contact: result.escalation, mention: this.deps.escalationMention };
      await this.deps.outbox.post(place, renderHandoff(this.words, input.user, escalation));
      return;
    }
    await this.deps.outbox.whisper(place, input.user, renderNote(result.text));
  }

  private placeOf(input: Input<'watch' | 'quiet'>): PlaceRef | undefined {
    return input.channel ? { channel: 'slack', place: input.channel } : undefined;
  }

  private async onlyInChannels(input: Input<'watch' | 'quiet'>): Promise<void> {
    await this.deps.outbox.post(input.place, renderNote(this.words.say('watch_only_channels')));
  }
}
