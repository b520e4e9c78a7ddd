import { describe, expect, it } from 'vitest';
import { LIMITS, splitMrkdwn } from '../../adapters/slack/blocks.ts';
import { renderFeedbackModal, renderHome } from '../../adapters/slack/views.ts';
import { overFixtures } from './fixture-knowledge.ts';
import { expectWithinSlackLimits } from './slack-limits.ts';

// Slack's section splitting, the Home tab and the feedback form.
const { words: messages, service } = overFixtures();

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
    const home = renderHome(service.welcome(), messages, '/askberth');
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
