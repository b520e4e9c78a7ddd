import type { BerthService } from '../../src/service/berth-service.ts';
import type { KnowledgeSummary } from '../../src/service/results.ts';
import { toSafeHtml } from './html.ts';
import { type ReplyView, viewOf } from './view.ts';
import type { WebWords } from './wording.ts';

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
  knowledge: KnowledgeSummary;
}

/** What `GET /api/help` returns. */
export function renderWelcome(service: BerthService): WelcomeView {
  return {
    kind: 'welcome',
    html: toSafeHtml(service.welcome().markdown),
    help: viewOf(service, service.help()),
    labels: pageLabels(service.wording(), service.apology()),
    knowledge: service.knowledge(),
  };
}

function pageLabels(words: WebWords, apology: string): PageLabels {
  return {
    botName: words.say('bot_name'),
    youAsked: words.say('web_you_asked'),
    feedbackPrompt: words.say('feedback_prompt'),
    feedbackHelpful: words.say('feedback_helpful'),
    feedbackNotHelpful: words.say('feedback_not_helpful'),
    feedbackSorry: words.say('feedback_sorry'),
    commentLabel: words.say('web_comment_label'),
    commentSend: words.say('web_comment_send'),
    commentSkip: words.say('web_comment_skip'),
    showTopics: words.say('web_show_topics'),
    offline: words.say('web_offline'),
    error: apology,
  };
}
