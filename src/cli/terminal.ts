import { toPlainText } from '../../lib/plain-text.ts';
import { say } from '../answer/messages.ts';
import type { Reply, Suggestion } from '../answer/reply.ts';
import type { Messages } from '../knowledge/types.ts';

export interface TerminalStyle {
  bold(text: string): string;
  dim(text: string): string;
}

export const PLAIN: TerminalStyle = { bold: (t) => t, dim: (t) => t };
export const ANSI: TerminalStyle = { bold: (t) => `\x1b[1m${t}\x1b[22m`, dim: (t) => `\x1b[2m${t}\x1b[22m` };

/**
 * A reply as a person reads it in a terminal. Numbered choices (did-you-mean, related, examples)
 * are returned too, so `berth chat` can let the person pick one by number.
 */
export function renderTerminal(
  reply: Reply,
  messages: Messages,
  style: TerminalStyle = PLAIN,
): { text: string; choices: Suggestion[] } {
  const lines: string[] = [];
  const choices: Suggestion[] = [];
  const numbered = (heading: string | null, items: readonly Suggestion[]) => {
    if (items.length === 0) return;
    if (heading) lines.push('', style.bold(heading));
    for (const item of items) {
      choices.push(item);
      lines.push(`  ${choices.length}. ${item.title}`);
    }
  };
  switch (reply.outcome) {
    case 'answer':
      lines.push(style.bold(reply.title), '', toPlainText(reply.markdown));
      if (reply.alternatives.length > 0) {
        // One line under the answer: the runners-up, numbered like every other choice.
        const first = choices.length + 1;
        choices.push(...reply.alternatives);
        const items = reply.alternatives.map((a, i) => `${first + i}. ${a.title}`).join('   ');
        lines.push('', style.dim(`${say(messages, 'not_it')} ${items}`));
      }
      lines.push('', style.bold(say(messages, 'links_heading')));
      for (const link of reply.links) lines.push(`  - ${link.title}: ${link.url}`);
      numbered(say(messages, 'related_heading'), reply.related);
      break;
    case 'clarify':
      lines.push(toPlainText(reply.markdown));
      numbered(null, reply.candidates);
      break;
    case 'fallback':
      lines.push(toPlainText(reply.markdown));
      if (reply.suggestions.length > 0) numbered(say(messages, 'related_heading'), reply.suggestions);
      lines.push(
        '',
        style.bold(say(messages, 'fallback_topics')),
        `  ${reply.topics.map((t) => t.name).join(' · ')}`,
      );
      break;
    case 'smalltalk':
      lines.push(toPlainText(reply.markdown));
      if (reply.topics.length > 0) {
        lines.push('', style.bold(say(messages, 'topics_heading')));
        for (const topic of reply.topics)
          lines.push(`  - ${topic.name} ${style.dim(`(${topic.entryCount})`)}`);
      }
      numbered(say(messages, 'examples_heading'), reply.examples);
      break;
  }
  return { text: lines.join('\n'), choices };
}
