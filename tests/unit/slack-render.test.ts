import { describe, expect, it } from 'vitest';
import { BUTTON_VALUE_LIMIT, decodeButtonValue } from '../../adapters/slack/action-ids.ts';
import { LIMITS, splitMrkdwn } from '../../adapters/slack/blocks.ts';
import { quoteUserText, renderNote, renderReply, type SlackMessage } from '../../adapters/slack/render.ts';
import { renderFeedbackModal, renderHome } from '../../adapters/slack/views.ts';
import { wordingOf } from '../../src/answer/messages.ts';
import type { Reply } from '../../src/answer/reply.ts';
import { BUILTIN_KNOWLEDGE_DIR } from '../../src/config.ts';
import { KnowledgeHolder } from '../../src/knowledge-holder.ts';

const berth = KnowledgeHolder.load([BUILTIN_KNOWLEDGE_DIR]).current;
const messages = wordingOf(berth.knowledge.messages);
const entries = [...berth.knowledge.entries.values()];

type Obj = Record<string, unknown>;

/** Every limit Slack enforces on what Berth sends, checked over the whole message. */
function expectWithinSlackLimits(
  message: { text: string; blocks: readonly unknown[] },
  maxBlocks: number = LIMITS.messageBlocks,
): void {
  expect(message.text.trim().length).toBeGreaterThan(0);
  expect(message.blocks.length).toBeGreaterThan(0);
  expect(message.blocks.length).toBeLessThanOrEqual(maxBlocks);
  for (const block of message.blocks as unknown as Obj[]) {
    if (block.type === 'section')
      expect(((block.text as Obj).text as string).length).toBeLessThanOrEqual(LIMITS.sectionText);
    if (block.type === 'context') {
      const elements = block.elements as Obj[];
      expect(elements.length).toBeLessThanOrEqual(LIMITS.contextElements);
      for (const e of elements) expect((e.text as string).length).toBeLessThanOrEqual(LIMITS.contextText);
    }
    if (block.type === 'actions') {
      const buttons = block.elements as Obj[];
      expect(buttons.length).toBeLessThanOrEqual(LIMITS.actionsElements);
      expect(new Set(buttons.map((b) => b.action_id)).size).toBe(buttons.length);
      for (const b of buttons) {
        expect(((b.text as Obj).text as string).length).toBeLessThanOrEqual(LIMITS.buttonText);
        expect(String(b.value ?? '').length).toBeLessThanOrEqual(BUTTON_VALUE_LIMIT);
      }
    }
  }
}

function sectionTexts(message: SlackMessage): string[] {
  return (message.blocks as unknown as Obj[])
    .filter((b) => b.type === 'section')
    .map((b) => (b.text as Obj).text as string);
}

describe('Slack rendering of every entry of the real knowledge base', () => {
  it('has entries to check', () => {
    expect(entries.length).toBeGreaterThan(100);
  });

  it.each(entries.map((e) => [e.id]))('%s renders within Slack limits, in every variant', (id) => {
    const reply = berth.answerById(id, 'a question that is quite long '.repeat(100));
    if (reply.outcome !== 'answer') throw new Error(`${id} did not answer`);
    const privately = renderReply(reply, messages, { echo: 'x'.repeat(5000), shareable: true });
    const shared = renderReply(reply, messages, { echo: reply.query, sharedBy: 'U0ASKER1' });
    const plain = renderReply(reply, messages);
    for (const message of [privately, shared, plain]) expectWithinSlackLimits(message);
    const flat = JSON.stringify(plain.blocks);
    for (const link of reply.links) expect(flat).toContain(link.url.replace(/[<>|\s]/g, encodeURIComponent));
    for (const related of reply.related)
      expect(flat).toContain(JSON.stringify(related.title.slice(0, 60)).slice(1, -1));
  });
});

describe('Slack rendering of each reply kind', () => {
  const buttonsOf = (m: SlackMessage) =>
    (m.blocks as unknown as Obj[]).filter((b) => b.type === 'actions').flatMap((b) => b.elements as Obj[]);

  it('an answer: title, mrkdwn with code kept, further reading, related and feedback buttons', () => {
    const reply = berth.answer('what is a cgroup');
    const message = renderReply(reply, messages, { shareable: true });
    const text = sectionTexts(message).join('\n');
    expect(text).toMatch(/^\*What is a cgroup\?\*/);
    expect(text).toContain('```\ndocker run -d --name web --memory 512m');
    const context = JSON.stringify(message.blocks);
    expect(context).toContain(
      '*Further reading:* <https://www.kernel.org/doc/html/latest/admin-guide/cgroup-v2.html|',
    );
    const buttons = buttonsOf(message);
    expect(buttons.map((b) => b.action_id)).toEqual([
      'berth_choose_0',
      'berth_choose_1',
      'berth_choose_2',
      'berth_feedback_helpful',
      'berth_feedback_not_helpful',
      'berth_share',
    ]);
    expect(decodeButtonValue(buttons[0]!.value)).toEqual({
      entryId: 'what-is-a-namespace',
      question: 'what is a cgroup',
    });
    expect(message.text).toMatch(/^What is a cgroup\?\n\nA cgroup \(control group\)/);
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
    expect(sectionTexts(message).join()).toContain('• Namespaces and cgroups (');
    expect(buttonsOf(message)).toHaveLength(berth.knowledge.topics.length);
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
    const home = renderHome(berth.help(), messages, '/askberth');
    expectWithinSlackLimits({ text: 'home', blocks: home.blocks }, LIMITS.homeBlocks);
    const flat = JSON.stringify(home.blocks);
    expect(flat).toContain('`/askberth your question`');
    expect(flat).toContain('Namespaces and cgroups');
    expect(flat).toContain('What is a Linux namespace?');
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
