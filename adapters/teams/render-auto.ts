import { toPlainText } from '../../lib/plain-text.ts';
import type { AnswerReply } from '../../src/answer/reply.ts';
import { ADAPTIVE_CARD, adaptiveCard, paragraph, run, type SubmitAction } from './adaptive-card.ts';
import { submitData } from './card-actions.ts';
import { answerBody, fallbackTextOf, summaryOf, type TeamsMessage } from './render.ts';
import type { TeamsWords } from './wording.ts';

/**
 * An automatic answer in the thread of a channel post: one Adaptive Card with a line saying it
 * was automatic, the answer and its links, and "Solved it" / "Still need a human". No related
 * questions or other choices: nobody asked, so Berth says one thing and stops. Pure.
 */
export function renderAutoAnswer(reply: AnswerReply, words: TeamsWords): TeamsMessage {
  const verdict = (verdict: 'solved' | 'human', title: string): SubmitAction => ({
    type: 'Action.Submit',
    title,
    data: submitData({ berth: 'auto', verdict, entryId: reply.id }),
  });
  const card = adaptiveCard(
    [
      paragraph([run(words.say('auto_notice'), { isSubtle: true, italic: true })]),
      ...answerBody(reply, words),
      {
        type: 'ActionSet',
        spacing: 'Medium',
        actions: [
          verdict('solved', words.say('auto_solved')),
          verdict('human', words.say('auto_need_human')),
        ],
      },
    ],
    fallbackTextOf(reply),
  );
  return {
    type: 'message',
    summary: summaryOf(reply),
    attachments: [{ contentType: ADAPTIVE_CARD, content: card }],
  };
}

/**
 * "Still need a human", said in the thread for everyone, naming who clicked and the escalation
 * contact (as text: a Teams @mention needs the contact's Entra id, which ESCALATION_CONTACT is not).
 */
export function renderHandoff(words: TeamsWords, name: string, escalation: string): TeamsMessage {
  // Plain text, filled in after any conversion: a display name is never read as markup.
  const template = toPlainText(words.say('auto_handoff'));
  const text = template.replace('{user}', name || 'Someone').replace('{escalation}', escalation);
  return { type: 'message', text, textFormat: 'plain' };
}
