import type { SmallTalk } from '../knowledge/types.ts';
import { questionKey } from '../text/normalize.ts';
import { STOP_WORDS } from '../text/stopwords.ts';

export interface SmallTalkMatch {
  intent: SmallTalk;
  /** 1 for an exact phrase, otherwise the share of the phrase's words present, in [0, 1]. */
  score: number;
}

/** Small talk is short; longer messages are questions even if they start with "hi". */
const MAX_WORDS = 10;
/** Filler words count for this much of a content word when comparing phrases. */
const FILLER_WEIGHT = 0.3;
/** Each content word the phrase does not have multiplies the score by this. */
const EXTRA_WORD_PENALTY = 0.7;

interface Phrase {
  intent: SmallTalk;
  words: Set<string>;
  weight: number;
}

/**
 * Recognises greetings, thanks, help and the like from the phrases in knowledge/_bot/smalltalk.
 * The bot's own name is ignored; filler words ("so", "there", "please") count little, and every
 * extra content word makes a match less likely, so "how do I frobnicate" is not "how do I use you".
 */
export class SmallTalkMatcher {
  private readonly exact = new Map<string, SmallTalk>();
  private readonly phrases: Phrase[] = [];
  private readonly botName: Set<string>;

  constructor(intents: readonly SmallTalk[], botName: string) {
    this.botName = new Set(questionKey(botName).split(' '));
    for (const intent of intents) {
      for (const phrase of intent.questions) {
        const key = this.key(phrase);
        if (!key) continue;
        if (!this.exact.has(key)) this.exact.set(key, intent);
        const words = new Set(key.split(' '));
        this.phrases.push({ intent, words, weight: sum(words) });
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
      const score = similarity(words, phrase);
      if (score > 0 && (!best || score > best.score)) best = { intent: phrase.intent, score };
    }
    return best;
  }

  private key(text: string): string {
    return questionKey(text)
      .split(' ')
      .filter((w) => w && !this.botName.has(w))
      .join(' ');
  }
}

const isFiller = (word: string) => word.length <= 2 || STOP_WORDS.has(word);
const weightOf = (word: string) => (isFiller(word) ? FILLER_WEIGHT : 1);

function sum(words: Iterable<string>): number {
  let total = 0;
  for (const w of words) total += weightOf(w);
  return total;
}

/** Weighted share of the phrase found in the message, less a penalty per extra content word. */
function similarity(message: Set<string>, phrase: Phrase): number {
  let shared = 0;
  let extra = 0;
  for (const w of message) {
    if (phrase.words.has(w)) shared += weightOf(w);
    else if (!isFiller(w)) extra++;
  }
  return (shared / phrase.weight) * EXTRA_WORD_PENALTY ** extra;
}
