import type { SmallTalk } from '../knowledge/types.ts';
import { questionKey } from '../text/normalize.ts';
import { STOP_WORDS } from '../text/stopwords.ts';

export interface SmallTalkMatch {
  intent: SmallTalk;
  /** 1 for an exact phrase, otherwise the share of the phrase's words present, in [0, 1]. */
  score: number;
}

/** Small talk is short; longer messages are questions even if they start with "hi". */
const MAX_WORDS = 8;

/**
 * Recognises greetings, thanks, help and the like from the phrases in knowledge/_bot/smalltalk.
 * Words that only address the bot (its name, "hey") are ignored.
 */
export class SmallTalkMatcher {
  private readonly exact = new Map<string, SmallTalk>();
  private readonly phrases: { intent: SmallTalk; words: Set<string> }[] = [];
  private readonly ignored: Set<string>;

  constructor(intents: readonly SmallTalk[], botName: string) {
    this.ignored = new Set(['hey', 'yo', 'please', 'pls', 'there', ...questionKey(botName).split(' ')]);
    for (const intent of intents) {
      for (const phrase of intent.questions) {
        const key = this.key(phrase);
        if (!key) continue;
        if (!this.exact.has(key)) this.exact.set(key, intent);
        this.phrases.push({ intent, words: new Set(key.split(' ')) });
      }
    }
  }

  /** Example: match('Hey Berth, thanks!') -> { intent: thanks, score: 1 } */
  match(text: string): SmallTalkMatch | undefined {
    const key = this.key(text);
    if (!key) return undefined;
    const exact = this.exact.get(key);
    if (exact) return { intent: exact, score: 1 };
    const words = new Set(key.split(' '));
    if (words.size > MAX_WORDS) return undefined;
    let best: SmallTalkMatch | undefined;
    for (const phrase of this.phrases) {
      const score = coverage(words, phrase.words);
      if (score > 0 && (!best || score > best.score)) best = { intent: phrase.intent, score };
    }
    return best;
  }

  private key(text: string): string {
    return questionKey(text)
      .split(' ')
      .filter((w) => w && !this.ignored.has(w))
      .join(' ');
  }
}

/**
 * How much of a phrase the message contains, provided everything else in the message is filler
 * (stop words): "hi, can you help me" covers "help me"; "how do I frobnicate" covers nothing.
 */
function coverage(message: Set<string>, phrase: Set<string>): number {
  let shared = 0;
  for (const w of message) {
    if (phrase.has(w)) shared++;
    else if (!STOP_WORDS.has(w)) return 0;
  }
  return shared / phrase.size;
}
