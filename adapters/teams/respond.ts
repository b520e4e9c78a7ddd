import { toPlainText } from '../../lib/plain-text.ts';
import { truncate } from '../../lib/truncate.ts';
import type { BerthService } from '../../src/service/berth-service.ts';
import type { Throttled } from '../../src/service/results.ts';
import type { TeamsInput } from './parse.ts';
import { renderReply, renderText, type TeamsMessage } from './render.ts';
import { renderHandoff } from './render-auto.ts';
import {
  type ComposeExtensionResponse,
  renderSearchResults,
  renderSelectedAnswer,
  type SearchResult,
} from './render-search.ts';
import type { TeamsWords } from './wording.ts';

/** What to send back for one activity: messages into the conversation and/or an invoke response body. */
export interface TeamsResponse {
  messages: TeamsMessage[];
  /** Set for invokes: the HTTP response Teams waits for. */
  invoke?: { status: number; body?: ComposeExtensionResponse };
}

const SEARCH_RESULTS = 8;
const SNIPPET_CHARS = 140;

/**
 * The response to one parsed activity: the service decides, this renders. Platform-free apart
 * from the shapes it renders into; matching happens in the service, never here.
 * Example: (await respondTo({ kind: 'question', text: 'what is a cgroup', context }, service)).messages.length -> 1
 */
export async function respondTo(input: TeamsInput, service: BerthService): Promise<TeamsResponse> {
  const words: TeamsWords = service.wording();
  switch (input.kind) {
    case 'question': {
      const result = await service.ask(input.text, input.context);
      if (result.kind === 'throttled') return throttled(result);
      return oneMessage(renderReply(result.reply, words));
    }
    case 'choose': {
      // A card click sends no visible message: the reply says what was picked.
      const result = await service.choose(input.entryId, input.context, input.question);
      if (result.kind === 'throttled') return throttled(result);
      const { reply } = result;
      const picked = reply.outcome === 'answer' ? reply.title : undefined;
      return oneMessage(renderReply(reply, words, picked === undefined ? {} : { picked }));
    }
    case 'feedback': {
      // The card asked "what were you looking for?" before the vote was sent.
      const vote = { entryId: input.entryId, helpful: input.helpful, comment: input.comment, asked: true };
      const result = await service.feedback(vote, input.context);
      return result.kind === 'throttled' ? throttled(result) : oneMessage(renderText(result.text));
    }
    case 'help':
      // Only the "Show my topics" button asks for help (typed "help" is a question).
      return oneMessage(renderReply(service.help(), words, { picked: words.say('teams_show_topics') }));
    case 'welcome':
      return oneMessage(renderReply(service.welcome(), words));
    case 'search':
      return {
        messages: [],
        invoke: { status: 200, body: renderSearchResults(searchResults(service, input.query), input.query) },
      };
    case 'select': {
      const result = await service.choose(input.entryId, input.context, input.query);
      // Throttled or gone: Teams shows no card rather than an error.
      if (result.kind === 'throttled' || result.reply.outcome !== 'answer')
        return { messages: [], invoke: { status: 200, body: renderSearchResults([], '') } };
      return { messages: [], invoke: { status: 200, body: renderSelectedAnswer(result.reply, words) } };
    }
    case 'watch':
    case 'quiet':
    case 'auto_verdict':
      return respondToAutoAnswer(input, service, words);
    case 'ignored':
      return { messages: [] };
  }
}

/** The commands and buttons of automatic answers: `@Berth watch`, `@Berth quiet ...`, the verdicts. */
async function respondToAutoAnswer(
  input: Extract<TeamsInput, { kind: 'watch' | 'quiet' | 'auto_verdict' }>,
  service: BerthService,
  words: TeamsWords,
): Promise<TeamsResponse> {
  const command = `@${words.say('bot_name')}`;
  const place = { channel: 'teams', place: input.place };
  switch (input.kind) {
    case 'watch':
      return oneMessage(renderText((await service.watch(place, input.on, command)).text));
    case 'quiet':
      return oneMessage(
        renderText((await service.quietHours(place, input.spec, command, input.timeZone)).text),
      );
    case 'auto_verdict': {
      const result = await service.autoAnswerVerdict({ ...place, thread: input.thread }, input.verdict);
      if (result.kind === 'handoff') return oneMessage(renderHandoff(words, input.name, result.escalation));
      return oneMessage(renderText(result.text));
    }
  }
}

/** Search as the person types; with nothing typed yet, the service offers the example questions. */
function searchResults(service: BerthService, query: string): SearchResult[] {
  return service.search(query, SEARCH_RESULTS).map((hit) => ({
    entryId: hit.id,
    title: hit.title,
    snippet: truncate(toPlainText(hit.markdown).replace(/\s+/g, ' '), SNIPPET_CHARS),
  }));
}

/** Over the rate limit: told once; afterwards silent until the person may try again. */
function throttled(result: Throttled): TeamsResponse {
  return result.notify ? oneMessage(renderText(result.text)) : { messages: [] };
}

function oneMessage(message: TeamsMessage): TeamsResponse {
  return { messages: [message] };
}
