import { say } from '../../src/answer/messages.ts';
import type { Suggestion } from '../../src/answer/reply.ts';
import { toPlainText } from '../../src/markdown/formats.ts';
import type { BerthService } from '../../src/service.ts';
import { truncate } from '../../src/text/normalize.ts';
import type { TeamsInput } from './parse.ts';
import { renderReply, renderText, type TeamsMessage } from './render.ts';
import {
  type ComposeExtensionResponse,
  renderSearchResults,
  renderSelectedAnswer,
  type SearchResult,
} from './render-search.ts';

/** What to send back for one activity: messages into the conversation and/or an invoke response body. */
export interface TeamsResponse {
  messages: TeamsMessage[];
  /** Set for invokes: the HTTP response Teams waits for. */
  invoke?: { status: number; body?: ComposeExtensionResponse };
}

const SEARCH_RESULTS = 8;
const SNIPPET_CHARS = 140;

/**
 * Decides the response to one parsed activity by asking the core; platform-free apart from the
 * shapes it renders into. Matching happens in the service, never here.
 * Example: (await respondTo({ kind: 'question', text: 'what is a cgroup', context }, service)).messages.length -> 1
 */
export async function respondTo(input: TeamsInput, service: BerthService): Promise<TeamsResponse> {
  const messages = service.messages;
  switch (input.kind) {
    case 'question': {
      const result = await service.ask(input.text, input.context);
      if (result.kind === 'reply') return oneMessage(renderReply(result.reply, messages));
      // Told once; afterwards silent until the person may ask again.
      return result.notify ? oneMessage(renderText(result.text)) : { messages: [] };
    }
    case 'choose':
      return oneMessage(renderReply(service.choose(input.entryId, input.context, input.question), messages));
    case 'feedback':
      // Votes for ids the knowledge does not have (a removed entry, a forged click) are not recorded.
      if (service.berth.knowledge.entries.has(input.entryId)) service.feedback(input, input.context);
      // The card asked "what were you looking for?" before the vote was sent, so the answer is
      // always the thanks, not the service's follow-up question.
      return oneMessage(renderText(say(messages, 'feedback_thanks')));
    case 'help':
      return oneMessage(renderReply(service.help(), messages));
    case 'welcome':
      return oneMessage(renderReply({ ...service.help(), markdown: say(messages, 'welcome') }, messages));
    case 'search':
      return {
        messages: [],
        invoke: { status: 200, body: renderSearchResults(searchResults(service, input.query), input.query) },
      };
    case 'select': {
      const reply = service.choose(input.entryId, input.context, input.query);
      if (reply.outcome !== 'answer')
        return { messages: [], invoke: { status: 200, body: renderSearchResults([], '') } };
      return { messages: [], invoke: { status: 200, body: renderSelectedAnswer(reply, messages) } };
    }
    case 'ignored':
      return { messages: [] };
  }
}

/** Search as the person types; with nothing typed yet, the example questions from help. */
function searchResults(service: BerthService, query: string): SearchResult[] {
  const hits = query.trim() ? service.search(query, SEARCH_RESULTS) : examplesOf(service);
  const entries = service.berth.knowledge.entries;
  return hits.map((s) => {
    const answer = entries.get(s.id)?.answer ?? '';
    return {
      entryId: s.id,
      title: s.title,
      snippet: truncate(toPlainText(answer).replace(/\s+/g, ' '), SNIPPET_CHARS),
    };
  });
}

function examplesOf(service: BerthService): Suggestion[] {
  const help = service.help();
  return help.outcome === 'smalltalk' ? help.examples.slice(0, SEARCH_RESULTS) : [];
}

function oneMessage(message: TeamsMessage): TeamsResponse {
  return { messages: [message] };
}
