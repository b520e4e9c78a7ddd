import type { ChannelRequirements } from '../../src/knowledge/channel-requirements.ts';
import { LIMITS } from './blocks.ts';
import { toMrkdwn } from './mrkdwn.ts';
import { SLACK_MESSAGE_KEYS } from './wording.ts';

/** An answer must fit one Block Kit section (3,000 characters) once converted to mrkdwn. */
export const slackRequirements: ChannelRequirements = {
  messageKeys: SLACK_MESSAGE_KEYS,
  answerProblem(answer) {
    const length = toMrkdwn(answer).length;
    return length > LIMITS.sectionText
      ? `answer is ${length} characters in Slack mrkdwn; one section holds at most ${LIMITS.sectionText}`
      : undefined;
  },
};
