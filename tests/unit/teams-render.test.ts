import { Lexer, type Tokens } from 'marked';
import { describe, expect, it } from 'vitest';
import { renderReply, renderText, type TeamsMessage } from '../../adapters/teams/render.ts';
import { renderSelectedAnswer } from '../../adapters/teams/render-search.ts';
import type { AnswerReply, FallbackReply, Reply } from '../../src/answer/reply.ts';
import { overFixtures, overShippedKnowledge } from './fixture-knowledge.ts';
import { cardProblems, cardText, nodesOfType } from './teams-cards.ts';

// Each kind of card over the fixture knowledge; the card checks over every shipped entry.
const { answerer: berth, words: messages } = overFixtures();
const shipped = overShippedKnowledge();

/** Teams refuses messages over about 28 KB; Berth stays well under. */
const MESSAGE_BUDGET = 20 * 1024;

function cardIn(message: TeamsMessage): Record<string, unknown> {
  expect(message.attachments).toHaveLength(1);
  expect(message.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
  return message.attachments?.[0]?.content as Record<string, unknown>;
}

const nbspToSpace = (text: string) => text.replace(/\u00A0/g, ' ');

describe('Teams answer cards, for every entry Berth ships', () => {
  const answers = shipped.entries.map((e) => {
    const reply = shipped.answerer.answerById(e.id);
    if (reply.outcome !== 'answer') throw new Error(`${e.id} did not answer`);
    return reply;
  });
  /** `id: problem` for every answer whose card breaks `check` (which lists its problems). */
  const everyCard = (check: (reply: AnswerReply, card: Record<string, unknown>) => string[]) =>
    answers.flatMap((reply) => {
      const card = renderReply(reply, shipped.words).attachments?.[0]?.content as Record<string, unknown>;
      return check(reply, card).map((problem) => `${reply.id}: ${problem}`);
    });

  it('covers the whole knowledge base', () => {
    expect(answers.length).toBeGreaterThan(100);
  });

  it('each parses cleanly as Adaptive Card 1.5 and fits a Teams message', () => {
    const problems = answers.flatMap((reply) => {
      const message = renderReply(reply, shipped.words);
      const card = message.attachments?.[0]?.content as Record<string, unknown>;
      const size = Buffer.byteLength(JSON.stringify(message));
      return [
        ...cardProblems(card),
        ...(card.version === '1.5' ? [] : [`version ${String(card.version)}`]),
        ...(size < MESSAGE_BUDGET ? [] : [`${size} bytes`]),
        ...(message.summary === reply.title ? [] : [`summary "${message.summary}"`]),
        ...(String(card.fallbackText).length > 20 ? [] : ['no fallback text']),
      ].map((problem) => `${reply.id}: ${problem}`);
    });
    expect(problems).toEqual([]);
  });

  it('each carries its title, every code block whole, its links, related questions and feedback', () => {
    const missing = everyCard((reply, card) => {
      const text = nbspToSpace(cardText(card));
      const codes = new Lexer().lex(reply.markdown).filter((t): t is Tokens.Code => t.type === 'code');
      const links = nodesOfType(card, 'Action.OpenUrl').filter((a) => a.title !== undefined);
      const linked = JSON.stringify(links.map((l) => [l.title, l.url]));
      const submits = JSON.stringify(nodesOfType(card, 'Action.Submit').map((a) => a.data));
      return [
        ...(text.includes(reply.title) ? [] : ['title']),
        ...codes.filter((c) => !text.includes(c.text)).map(() => 'a code block'),
        ...(linked === JSON.stringify(reply.links.map((l) => [l.title, new URL(l.url).href]))
          ? []
          : ['links']),
        ...reply.related
          .filter((r) => !submits.includes(`"entryId":"${r.id}"`))
          .map((r) => `related ${r.id}`),
        ...(submits.includes(`{"berth":"feedback","entryId":"${reply.id}","helpful":true}`)
          ? []
          : ['helpful']),
        ...(submits.includes(`{"berth":"feedback","entryId":"${reply.id}","helpful":false}`)
          ? []
          : ['not helpful']),
        ...(JSON.stringify(nodesOfType(card, 'Input.Text').map((c) => c.id)) === '["comment"]'
          ? []
          : ['comment box']),
        // Text is never given to a Markdown renderer.
        ...(nodesOfType(card, 'TextBlock').length === 0 ? [] : ['a TextBlock']),
      ];
    });
    expect(missing).toEqual([]);
  });

  it('each, as inserted by the message extension, has its links and no Berth buttons', () => {
    const problems = answers.flatMap((reply) => {
      const card = renderSelectedAnswer(reply, shipped.words).composeExtension.attachments[0]?.content;
      return [
        ...cardProblems(card),
        ...(nodesOfType(card, 'Action.Submit').length === 0 ? [] : ['submit buttons']),
        ...(nodesOfType(card, 'Action.ShowCard').length === 0 ? [] : ['a show-card button']),
        ...(nodesOfType(card, 'Action.OpenUrl').length > 0 ? [] : ['no links']),
      ].map((problem) => `${reply.id}: ${problem}`);
    });
    expect(problems).toEqual([]);
  });
});

/** A fallback offering near misses, built by hand: which questions fall just short is not the point here. */
function nearMisses(): FallbackReply {
  return {
    outcome: 'fallback',
    query: 'frobnicate my vacation budget',
    confidence: 0.3,
    markdown: 'I do not have a good answer for that yet; ask in #platform-help.',
    topics: berth.help().topics.filter((t) => t.id === 'widgets'),
    suggestions: [{ id: 'frobnicate-widget', title: 'How do I frobnicate a widget?' }],
    escalation: '#platform-help',
  };
}

describe('Teams cards for the other replies', () => {
  const variants: [string, Reply][] = [
    ['did you mean', berth.answer('how do I frobnicate')],
    ['help', berth.help()],
    ['greeting', berth.answer('hello')],
    ['fallback with near misses', nearMisses()],
    ['fallback with nothing near', berth.answer('how many vacation days do I get this year')],
    ['unknown entry', berth.answerById('no-such-entry')],
  ];

  it.each(variants)('%s: parses cleanly and fits', (_name, reply) => {
    const message = renderReply(reply, messages);
    expect(cardProblems(cardIn(message))).toEqual([]);
    expect(Buffer.byteLength(JSON.stringify(message))).toBeLessThan(MESSAGE_BUDGET);
    expect(message.summary?.length).toBeGreaterThan(0);
    expect(message.summary?.length).toBeLessThanOrEqual(200);
  });

  it('offers "did you mean" choices as whole-width rows that send only the entry id and the question', () => {
    const reply = berth.answer('how do I frobnicate');
    expect(reply.outcome).toBe('clarify');
    const card = cardIn(renderReply(reply, messages));
    const rows = nodesOfType(card, 'Container').filter((c) => c.selectAction !== undefined);
    const submits = rows.map((r) => r.selectAction as Record<string, unknown>);
    expect(submits.map((s) => s.title).sort()).toEqual([
      'How do I frobnicate a gadget?',
      'How do I frobnicate a widget?',
    ]);
    for (const [i, s] of submits.entries()) {
      expect(s.type).toBe('Action.Submit');
      // A plain Action.Submit: an `msteams` block (messageBack, imBack) breaks the Agents Playground.
      expect(s.data).toEqual({
        berth: 'choose',
        entryId: expect.any(String),
        question: 'how do I frobnicate',
      });
      // The row shows the whole title as wrapping text, not a button title cut to one line.
      expect(cardText(rows[i])).toBe(s.title);
    }
    expect(JSON.stringify(card)).not.toContain('msteams":{"type');
  });

  it('says what was picked above the reply to a click, and offers runners-up as "Not it?"', () => {
    const picked = cardIn(
      renderReply(berth.answer('what is a cgroup'), messages, { picked: 'What is a cgroup?' }),
    );
    expect(cardText(picked).startsWith('You picked: What is a cgroup?')).toBe(true);
    const reply = berth.answer('what is a cgroup');
    if (reply.outcome !== 'answer') throw new Error('expected an answer');
    const withRunnerUp = {
      ...reply,
      alternatives: [{ id: 'what-is-a-namespace', title: 'What is a namespace?' }],
    };
    const card = cardIn(renderReply(withRunnerUp, messages));
    const text = cardText(card);
    expect(text).toContain('Not it?What is a namespace?');
    expect(text.indexOf('Not it?')).toBeLessThan(text.indexOf(messages.say('related_heading')));
    expect(cardProblems(card)).toEqual([]);
  });

  it('names the escalation when nothing matches, and offers the topics behind one button', () => {
    const reply = berth.answer('how many vacation days do I get this year');
    expect(reply.outcome).toBe('fallback');
    const card = cardIn(renderReply(reply, messages));
    expect(cardText(card)).toContain('#platform-help');
    expect(nodesOfType(card, 'Action.Submit').map((s) => s.data)).toContainEqual(
      expect.objectContaining({ berth: 'help' }),
    );
  });

  it('lists topics and example questions for help', () => {
    const card = cardIn(renderReply(berth.help(), messages));
    expect(cardText(card)).toContain(
      '• The basics\n• Images\n• Kubernetes\n• Running\n• Security\n• Widgets',
    );
    expect(nodesOfType(card, 'Action.Submit').map((s) => s.title)).toEqual([
      'What is a cgroup?',
      'Why is my Docker image so big?',
      'What is a Kubernetes pod?',
      "How do I limit a container's memory?",
      'Is it safe to mount the Docker socket into a container?',
      'How do I frobnicate a gadget?',
    ]);
  });

  it('sends short replies as plain text, never Markdown', () => {
    expect(renderText('Thanks for the **feedback**!')).toEqual({
      type: 'message',
      text: 'Thanks for the feedback!',
      textFormat: 'plain',
    });
  });
});
