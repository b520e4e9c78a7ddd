import express from 'express';
import type { Channel, ChannelContext, ChannelStatus } from '../../../adapters/channel/contract.ts';
import { toPlainText } from '../../../lib/plain-text.ts';
import type { Reply } from '../../../src/answer/reply.ts';
import type { ChannelRequirements } from '../../../src/knowledge/channel-requirements.ts';

// A fourth channel, for tests only: "Parley", a made-up chat platform that POSTs each event to
// /parley/events and shows the `replies` of the response. It is what docs/adding-a-channel.md
// describes, whole: parse, render, mount, and its requirements, using only the service and types.

/** What a Parley event asks of Berth. */
export type ParleyInput =
  | { kind: 'question'; user: string; text: string }
  | { kind: 'ignored'; reason: string };

/** The bot's own account: its messages, echoed back by the platform, are never answered. */
export const PARLEY_BOT = 'parley-bot';

/** `{ type: 'message', from, text }` -> a question; anything else is ignored, with the reason. */
export function parseParleyEvent(body: unknown): ParleyInput {
  const event = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (event.type !== 'message') return { kind: 'ignored', reason: `event ${String(event.type)}` };
  if (typeof event.from !== 'string' || typeof event.text !== 'string')
    return { kind: 'ignored', reason: 'a message without a sender or text' };
  if (event.from === PARLEY_BOT) return { kind: 'ignored', reason: 'own message' };
  return { kind: 'question', user: event.from, text: event.text };
}

/** Parley shows plain text only: the answer, its links, and the choices as a list. */
export function renderParley(reply: Reply): { text: string } {
  const title = reply.outcome === 'answer' ? [reply.title] : [];
  const links = reply.outcome === 'answer' ? reply.links.map((l) => `${l.title}: ${l.url}`) : [];
  const choices =
    reply.outcome === 'clarify' ? reply.candidates : reply.outcome === 'fallback' ? reply.suggestions : [];
  return {
    text: [...title, toPlainText(reply.markdown), ...links, ...choices.map((c) => `- ${c.title}`)].join('\n'),
  };
}

/** Parley refuses messages over 4,000 characters. */
export const parleyRequirements: ChannelRequirements = {
  messageKeys: [],
  answerProblem: (answer) =>
    answer.length > 4000 ? `answer is ${answer.length} characters; Parley shows 4000` : undefined,
};

function createParleyChannel({ service, bodyLimitBytes }: ChannelContext): Channel {
  return {
    name: 'parley',
    mount(app) {
      // Express 5 passes a rejected handler's error on to the server's error handler.
      app.post('/parley/events', express.json({ limit: bodyLimitBytes }), async (req, res) => {
        const input = parseParleyEvent(req.body);
        if (input.kind === 'ignored') return void res.json({ replies: [] });
        const who = { channel: 'parley', conversation: 'dm', user: input.user };
        const result = await service.ask(input.text, who);
        if (result.kind === 'reply') return void res.json({ replies: [renderParley(result.reply)] });
        res.json({ replies: result.notify ? [{ text: result.text }] : [] });
      });
    },
  };
}

export const parleyStatus: ChannelStatus = {
  name: 'parley',
  on: true,
  reason: 'a test double',
  create: createParleyChannel,
};
