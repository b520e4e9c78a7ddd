import type { ChannelRequirements } from '../../src/knowledge/channel-requirements.ts';
import { TEAMS_MESSAGE_KEYS } from './wording.ts';

/** Teams refuses a message (card included) over about 28 KB; an answer stays well inside it. */
export const TEAMS_ANSWER_LIMIT = 20_000;

export const teamsRequirements: ChannelRequirements = {
  messageKeys: TEAMS_MESSAGE_KEYS,
  answerProblem(answer) {
    return answer.length > TEAMS_ANSWER_LIMIT
      ? `answer is ${answer.length} characters; a Teams card should hold at most ${TEAMS_ANSWER_LIMIT}`
      : undefined;
  },
};
