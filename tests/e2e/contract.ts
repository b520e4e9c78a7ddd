import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLARIFY_QUESTION, KNOWN_QUESTION, OFF_TOPIC_QUESTION } from './harness.ts';

/** What a person would see from one exchange, flattened to text, plus what else the platform received. */
export interface Seen {
  /** Every reply the bot sent for this input (0 when it stayed silent). */
  replies: number;
  /** All reply text concatenated: message text, block/card text, button labels, link URLs. */
  text: string;
}

/** How the contract suite talks to one channel, over its real protocol. */
export interface ContractDriver {
  /** Starts the server and the platform stand-ins. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** A person asks a question. */
  ask(question: string): Promise<Seen>;
  /** The bot's own message (echoed back by the platform) arrives. */
  ownMessage(text: string): Promise<Seen>;
  /** An event type Berth does not handle arrives. */
  unknownEvent(): Promise<Seen>;
  /** Is the server still answering (after the odd inputs)? */
  healthy(): Promise<boolean>;
}

/**
 * The behaviour every adapter must show, whatever the platform (vercel/chat's self-message
 * contract, errbot's testbot style). Call from each adapter's e2e test file.
 */
export function channelContract(name: string, driver: ContractDriver): void {
  describe(`${name}: the channel contract`, () => {
    beforeAll(() => driver.start());
    afterAll(() => driver.stop());

    it('answers a known question with the entry and its links', async () => {
      const seen = await driver.ask(KNOWN_QUESTION);
      expect(seen.replies).toBe(1);
      expect(seen.text).toMatch(/cgroup/i);
      expect(seen.text).toContain('https://www.kernel.org/doc/html/latest/admin-guide/cgroup-v2.html');
    });

    it('asks "did you mean" when two entries are equally close', async () => {
      const seen = await driver.ask(CLARIFY_QUESTION);
      expect(seen.replies).toBe(1);
      expect(seen.text).toContain('How do I frobnicate a widget?');
      expect(seen.text).toContain('How do I frobnicate a gadget?');
    });

    it('declines an off-topic question and names the escalation', async () => {
      const seen = await driver.ask(OFF_TOPIC_QUESTION);
      expect(seen.replies).toBe(1);
      expect(seen.text).toContain('#platform-help');
      expect(seen.text).not.toMatch(/cgroup/i);
    });

    it('ignores its own messages', async () => {
      const seen = await driver.ownMessage(KNOWN_QUESTION);
      expect(seen.replies).toBe(0);
    });

    it('survives an unknown event type without replying', async () => {
      const seen = await driver.unknownEvent();
      expect(seen.replies).toBe(0);
      expect(await driver.healthy()).toBe(true);
    });
  });
}
