import type { Answerer } from '../../src/answer/answerer.ts';
import { say } from '../../src/answer/messages.ts';
import { toSafeHtml } from './html.ts';
import { type ReplyView, renderReplyView } from './view.ts';

/** The words the page needs for what it builds itself (buttons, notes), from knowledge messages. */
export interface PageLabels {
  botName: string;
  youAsked: string;
  feedbackPrompt: string;
  feedbackHelpful: string;
  feedbackNotHelpful: string;
  feedbackSorry: string;
  commentLabel: string;
  commentSend: string;
  commentSkip: string;
  showTopics: string;
  offline: string;
  error: string;
}

/** The first screen: a welcome, the topics with example questions, and the page's labels. */
export interface WelcomeView {
  kind: 'welcome';
  html: string;
  help: ReplyView;
  labels: PageLabels;
  knowledge: { version: string; entries: number; topics: number };
}

/** What `GET /api/help` returns; `escalation` fills the error message's `{escalation}`. */
export function renderWelcome(berth: Answerer, escalation: string): WelcomeView {
  const kb = berth.knowledge;
  return {
    kind: 'welcome',
    html: toSafeHtml(say(kb.messages, 'welcome')),
    help: renderReplyView(berth.help(), kb),
    labels: pageLabels(berth, escalation),
    knowledge: { version: kb.version, entries: kb.entries.size, topics: kb.topics.length },
  };
}

function pageLabels(berth: Answerer, escalation: string): PageLabels {
  const m = berth.knowledge.messages;
  return {
    botName: say(m, 'bot_name'),
    youAsked: say(m, 'web_you_asked'),
    feedbackPrompt: say(m, 'feedback_prompt'),
    feedbackHelpful: say(m, 'feedback_helpful'),
    feedbackNotHelpful: say(m, 'feedback_not_helpful'),
    feedbackSorry: say(m, 'feedback_sorry'),
    commentLabel: say(m, 'web_comment_label'),
    commentSend: say(m, 'web_comment_send'),
    commentSkip: say(m, 'web_comment_skip'),
    showTopics: say(m, 'web_show_topics'),
    offline: say(m, 'web_offline'),
    error: say(m, 'error', { escalation: escalation || say(m, 'escalation') }),
  };
}
