import { expect } from 'vitest';
import { BUTTON_VALUE_LIMIT } from '../../adapters/slack/action-ids.ts';
import { LIMITS } from '../../adapters/slack/blocks.ts';

type Obj = Record<string, unknown>;

/** Every limit Slack enforces on what Berth sends that `message` breaks (none: an empty list). */
export function slackLimitProblems(
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

export function expectWithinSlackLimits(
  message: { text: string; blocks: readonly unknown[] },
  maxBlocks?: number,
) {
  expect(slackLimitProblems(message, maxBlocks)).toEqual([]);
}
