import { describe, expect, it } from 'vitest';
import { BUTTON_VALUE_LIMIT, decodeButtonValue } from '../../adapters/slack/action-ids.ts';
import { LIMITS, splitMrkdwn } from '../../adapters/slack/blocks.ts';
import { quoteUserText, renderNote, renderReply, type SlackMessage } from '../../adapters/slack/render.ts';
import { renderFeedbackModal, renderHome } from '../../adapters/slack/views.ts';
import type { Reply } from '../../src/answer/reply.ts';
import { overFixtures, overShippedKnowledge } from './fixture-knowledge.ts';

// Each kind of reply over the fixture knowledge; Slack's limits over every shipped entry.
const { answerer: berth, words: messages } = overFixtures();
const shipped = overShippedKnowledge();

type Obj = Record<string, unknown>;

/** Every limit Slack enforces on what Berth sends that `message` breaks (none: an empty list). */
function slackLimitProblems(
  message: { text: string; blocks: readonly unknown[] },
  maxBlocks: number = LIMITS.messageBlocks,
): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  check(message.text.trim().length > 0, 'empty text');
  check(message.blocks.length > 0 && message.blocks.length <= maxBlocks, `${message.blocks.length} blocks`);
  for (const block of message.blocks as unknown as Obj[]) {
    if (block.type === 'section') {
      const length = ((block.text as Obj).text as string).length;
      check(length <= LIMITS.sectionText, `a section of ${length} characters`);
    }
    if (block.type === 'context') {
      const elements = block.elements as Obj[];
      check(elements.length <= LIMITS.contextElements, `${elements.length} context elements`);
      for (const e of elements) check((e.text as string).length <= LIMITS.contextText, 'a long context');
    }
    if (block.type === 'actions') {
      const buttons = block.elements as Obj[];
      check(buttons.length <= LIMITS.actionsElements, `${buttons.length} buttons in a row`);
      check(new Set(buttons.map((b) => b.action_id)).size === buttons.length, 'repeated action ids');
      for (const b of buttons) {
        check(((b.text as Obj).text as string).length <= LIMITS.buttonText, 'a long button label');
        check(String(b.value ?? '').length <= BUTTON_VALUE_LIMIT, 'a long button value');
      }
    }
  }
  return problems;
}

function expectWithinSlackLimits(message: { text: string; blocks: readonly unknown[] }, maxBlocks?: number) {
  expect(slackLimitProblems(message, maxBlocks)).toEqual([]);
}

function sectionTexts(message: SlackMessage): string[] {
  return (message.blocks as unknown as Obj[])
    .filter((b) => b.type === 'section')
    .map((b) => (b.text as Obj).text as string);
}

describe('Slack rendering of every entry Berth ships', () => {
  const answers = shipped.entries.map((e) => {
    const reply = shipped.answerer.answerById(e.id, 'a question that is quite long '.repeat(100));
    if (reply.outcome !== 'answer') throw new Error(`${e.id} did not answer`);
    return reply;
  });

  it('has entries to check', () => {
    expect(answers.length).toBeGreaterThan(100);
  });

  it('the limit check finds what breaks a limit', () => {
    const section = { type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } };
    expect(slackLimitProblems({ text: ' ', blocks: [section] })).toEqual([
      'empty text',
      'a section of 3001 characters',
    ]);
  });

  it('renders each within Slack limits, privately, shared and plain', () => {
    const problems = answers.flatMap((reply) => {
      const variants = {
        privately: renderReply(reply, shipped.words, { echo: 'x'.repeat(5000), shareable: true }),
        shared: renderReply(reply, shipped.words, { echo: reply.query, sharedBy: 'U0ASKER1' }),
        plain: renderReply(reply, shipped.words),
      };
      return Object.entries(variants).flatMap(([variant, message]) =>
        slackLimitProblems(message).map((p) => `${reply.id} (${variant}): ${p}`),
      );
    });
    expect(problems).toEqual([]);
  });

  it('shows each entry with all its links and a button per related question', () => {
    const missing = answers.flatMap((reply) => {
      const flat = JSON.stringify(renderReply(reply, shipped.words).blocks);
      const links = reply.links.filter((l) => !flat.includes(l.url.replace(/[<>|\s]/g, encodeURIComponent)));
      const related = reply.related.filter(
        (r) => !flat.includes(JSON.stringify(r.title.slice(0, 60)).slice(1, -1)),
      );
      return [...links.map((l) => `${reply.id}: ${l.url}`), ...related.map((r) => `${reply.id}: ${r.id}`)];
    });
    expect(missing).toEqual([]);
  });
});

describe('Slack rendering of each reply kind', () => {
  const buttonsOf = (m: SlackMessage) =>
    (m.blocks as unknown as Obj[]).filter((b) => b.type === 'actions').flatMap((b) => b.elements as Obj[]);

  it('an answer: title, mrkdwn with code kept, further reading, related and feedback buttons', () => {
    const reply = berth.answer('what does the --memory flag do');
    const message = renderReply(reply, messages, { shareable: true });
    const text = sectionTexts(message).join('\n');
    expect(text).toMatch(
      /^\*How do I limit a container's memory\?\*\n\nStart it with `docker run --memory 512m`:/,
    );
    const context = JSON.stringify(message.blocks);
    expect(context).toContain(
      '*Further reading:* <https://docs.docker.com/engine/containers/resource_constraints/|Resource constraints (Docker documentation)>',
    );
    const buttons = buttonsOf(message);
    expect(buttons.map((b) => b.action_id)).toEqual([
      'berth_choose_0',
      'berth_feedback_helpful',
      'berth_feedback_not_helpful',
      'berth_share',
    ]);
    expect(decodeButtonValue(buttons[0]!.value)).toEqual({
      entryId: 'what-is-a-cgroup',
      question: 'what does the --memory flag do',
    });
    expect(message.text).toMatch(
      /^How do I limit a container's memory\?\n\nStart it with docker run --memory 512m:/,
    );
  });

  it('"did you mean": the prompt and one button per candidate', () => {
    const reply: Reply = {
      outcome: 'clarify',
      query: 'frob',
      confidence: 0.5,
      markdown: 'Pick one:',
      candidates: [
        { id: 'a', title: 'First' },
        { id: 'b', title: 'Second' },
      ],
    };
    const message = renderReply(reply, messages);
    expectWithinSlackLimits(message);
    expect(buttonsOf(message).map((b) => (b.text as Obj).text)).toEqual(['First', 'Second']);
    expect(message.text).toBe('Pick one:\n- First\n- Second');
  });

  it('a fallback with nothing near: says so, names the escalation, offers the topics in one click', () => {
    const reply = berth.answer('how many vacation days do I get this year');
    const message = renderReply(reply, messages, { echo: 'how many vacation days' });
    expectWithinSlackLimits(message);
    expect(sectionTexts(message).join()).toContain('#platform-help');
    expect(buttonsOf(message).map((b) => b.action_id)).toEqual(['berth_topics']);
    expect(JSON.stringify(message.blocks)).toContain('You asked: how many vacation days');
  });

  it('a fallback with near entries: names their topics and offers them', () => {
    const reply: Reply = {
      outcome: 'fallback',
      query: 'q',
      confidence: 0.3,
      markdown: 'No good answer; ask #help.',
      topics: [{ id: 'images', name: 'Images & layers', examples: [], entryCount: 3 }],
      suggestions: [{ id: 'why-image-so-big', title: 'Why is my image so big?' }],
      escalation: '#help',
    };
    const message = renderReply(reply, messages);
    expect(JSON.stringify(message.blocks)).toContain('*Topics I know about:* Images &amp; layers');
    expect(buttonsOf(message).map((b) => b.action_id)).toEqual(['berth_choose_0']);
  });

  it('help: topics with their sizes and an example question button per topic', () => {
    const message = renderReply(berth.help(), messages);
    expectWithinSlackLimits(message);
    expect(sectionTexts(message)[1]).toBe(
      '*What I know about*\n• The basics (2)\n• Images (2)\n• Kubernetes (1)\n• Running (1)\n• Security (1)\n• Widgets (2)',
    );
    expect(buttonsOf(message).map((b) => (b.text as Obj).text)).toEqual([
      'What is a cgroup?',
      'Why is my Docker image so big?',
      'What is a Kubernetes pod?',
      "How do I limit a container's memory?",
      'Is it safe to mount the Docker socket into a container?',
      'How do I frobnicate a gadget?',
    ]);
  });

  it('a note (thanks, throttled) is Markdown rendered as mrkdwn with an escaped text fallback', () => {
    const note = renderNote('Use **bold** & <b>');
    expect(note.text).toBe('Use bold &amp; &lt;b&gt;');
    expect(sectionTexts(note)).toEqual(['Use *bold* &amp; &lt;b&gt;']);
  });
});

describe('Slack: text from people never pings anyone', () => {
  it('escapes mentions, special mentions and links, undoing Slack’s own escapes first', () => {
    expect(quoteUserText('<!channel> <!here> <@U123> <https://x.io|x> a &amp; b &lt;i&gt;')).toBe(
      '&lt;!channel&gt; &lt;!here&gt; &lt;@U123&gt; &lt;https://x.io|x&gt; a &amp; b &lt;i&gt;',
    );
  });

  it('echoes the question escaped in the reply and in the shared message', () => {
    const reply = berth.answer('what is a cgroup');
    const echoed = renderReply(reply, messages, { echo: '<!here> what is a cgroup' });
    const shared = renderReply(reply, messages, { echo: '<!everyone> cgroups?', sharedBy: 'U0ASKER1' });
    expect(JSON.stringify(echoed)).toContain('You asked: &lt;!here&gt; what is a cgroup');
    expect(JSON.stringify(shared)).toContain('<@U0ASKER1> asked: &lt;!everyone&gt; cgroups?');
    for (const message of [echoed, shared])
      expect(JSON.stringify(message)).not.toMatch(/<!(here|everyone|channel)>/);
  });
});

describe('Slack: long mrkdwn is split into sections', () => {
  it('splits at paragraphs, keeps each piece within the limit, and re-fences a cut code block', () => {
    const code = `\`\`\`\n${'echo line\n'.repeat(400)}\`\`\``;
    const text = `${'A paragraph. '.repeat(100)}\n\n${code}\n\n${'Last words. '.repeat(50)}`;
    const pieces = splitMrkdwn(text, 3000);
    expect(pieces.length).toBeGreaterThan(2);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(3000);
      expect((piece.match(/^```/gm) ?? []).length % 2).toBe(0);
    }
    expect(pieces.join('').replace(/```\n|\n```|\s/g, '')).toBe(text.replace(/```\n|\n```|\s/g, ''));
  });

  it('cuts a single enormous line without looping', () => {
    const pieces = splitMrkdwn('x'.repeat(10_000), 3000);
    expect(pieces.map((p) => p.length)).toEqual([2996, 2996, 2996, 1012]);
  });
});

describe('Slack views', () => {
  it('the Home tab: what Berth does, how to ask (with the configured command), topics and examples', () => {
    const home = renderHome(overFixtures().service.welcome(), messages, '/askberth');
    expectWithinSlackLimits({ text: 'home', blocks: home.blocks }, LIMITS.homeBlocks);
    const flat = JSON.stringify(home.blocks);
    expect(flat).toContain("Hi, I'm Berth.");
    expect(flat).toContain('`/askberth your question`');
    expect(flat).toContain('• The basics (2)');
    expect(flat).toContain('• What is a cgroup?');
  });

  it('the feedback modal: short title, one optional text box, and where to say thanks', () => {
    const state = {
      entryId: 'what-is-a-cgroup',
      place: { kind: 'conversation', channel: 'D1' },
      conversation: 'dm',
    } as const;
    const modal = renderFeedbackModal(messages, state);
    expect(modal.title.text.length).toBeLessThanOrEqual(LIMITS.modalTitle);
    expect(modal.notify_on_close).toBe(true);
    expect(JSON.parse(modal.private_metadata ?? '')).toEqual(state);
    expect(modal.blocks).toHaveLength(1);
    expect(modal.blocks[0]).toMatchObject({ type: 'input', optional: true });
  });
});
