/**
 * What one channel needs of the knowledge. The composition root registers every channel's, and
 * each load (`berth check`, start-up, every reload) reports, as `file:line`, an answer a channel
 * cannot show or a message it uses that the knowledge lacks. The core itself knows no channel.
 */
export interface ChannelRequirements {
  /** The `knowledge/_bot/messages.yaml` keys the channel says (its buttons, labels, prompts). */
  readonly messageKeys: readonly string[];
  /** Why an entry's answer (Markdown) cannot be shown in the channel; undefined when it can. */
  answerProblem?(answer: string): string | undefined;
}
