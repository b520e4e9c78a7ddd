import { describe, expect, it } from 'vitest';
import { decodeButtonValue } from '../../adapters/slack/action-ids.ts';
import { quoteUserText, renderNote, renderReply, type SlackMessage } from '../../adapters/slack/render.ts';
import type { Reply } from '../../src/answer/reply.ts';
import { overFixtures, overShippedKnowledge } from './fixture-knowledge.ts';
import { expectWithinSlackLimits, slackLimitProblems } from './slack-limits.ts';

// Each kind of reply over the fixture knowledge; Slack's limits over every shipped entry.
const { answerer: berth, words: messages } = overFixtures();
const shipped = overShippedKnowledge();

type Obj = Record<string, unknown>;

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

  it('an answer with runners-up: "Not it?" and a button each, under the answer and above related', () => {
    const reply = berth.answer('what does the --memory flag do');
    if (reply.outcome !== 'answer') throw new Error('expected an answer');
    const message = renderReply(
      { ...reply, alternatives: [{ id: 'what-is-a-cgroup', title: 'What is a cgroup?' }] },
      messages,
    );
    const kinds = (message.blocks as unknown as Obj[]).map((b) =>
      b.type === 'context'
        ? `context:${JSON.stringify(b.elements).includes('Not it?') ? 'not-it' : 'other'}`
        : String(b.type),
    );
    expect(kinds.indexOf('context:not-it')).toBeGreaterThan(kinds.indexOf('section'));
    const notIt = (message.blocks as unknown as Obj[])[kinds.indexOf('context:not-it') + 1]!;
    const [button] = notIt.elements as Obj[];
    expect((button!.text as Obj).text).toBe('What is a cgroup?');
    expect(decodeButtonValue(button!.value)).toEqual({
      entryId: 'what-is-a-cgroup',
      question: 'what does the --memory flag do',
    });
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
