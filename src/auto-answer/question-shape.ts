import type { Outcome } from '../answer/reply.ts';
import { cleanQuestion } from '../text/normalize.ts';

/** Openers that make a post a question whatever follows: "how do I...", "is there...", "anyone know...". */
const OPENERS =
  /^(?:how|what|what's|whats|why|where|when|which|who|whom|whose|can|could|should|would|will|is|are|was|were|do|does|did|has|have|any|anyone|anybody|has anyone|does anyone|is there|are there|i wonder|wondering|help|need help|trying to|i'm trying|im trying|i am trying|getting|i'm getting|im getting|i am getting|i get|i keep getting|unable to|cannot|can't|cant)\b/;

/** Phrases that ask for help anywhere in a post: "... any idea?", "how to ...", "X vs Y". */
const ASKING =
  /\b(?:how (?:do|can|should|would) (?:i|we|you)|how to|any (?:idea|ideas|clue|pointers|tips|suggestions)|anyone (?:know|seen|else)|does (?:anyone|somebody|someone)|is it possible|what(?:'s| is) the (?:best|right|difference)|difference between|vs\.?|versus|help (?:me|with|please)|please help|question)\b/;

/**
 * A problem reported rather than asked, which in a help channel is the question: "docker run
 * doesn't pull the new image", "permission denied while...", "container keeps restarting".
 */
const PROBLEM =
  /\b(?:doesn't|does not|don't|do not|didn't|did not|can't|cannot|can not|cant|couldn't|could not|won't|will not|isn't|is not|aren't|are not|wasn't|not (?:able|working|found|allowed|starting|running|pulling)|unable|no such|no space|denied|refused|unauthorized|forbidden|fail|fails|failed|failing|failure|error|errors|exception|timeout|timed out|time out|ignored|ignores|ignoring|stuck|hangs|hanging|crash|crashes|crashing|crashloopbackoff|broken|keeps? (?:crashing|restarting|failing|exiting|dying)|exits?|exited|killed|oom|out of (?:memory|disk|space)|too (?:big|large|slow)|huge|slow|conflict|missing|wrong|issue|issues|problem|problems|trouble|weird|strange)\b/;

/** Posts that announce, thank or report progress rather than ask. */
const ANNOUNCEMENT =
  /^(?:fyi|psa|reminder|announcement|heads up|heads-up|update|news|done|fixed|merged|deployed|released|shipped|resolved|solved|never ?mind|nvm|thanks|thank you|thx|ty|cheers)\b/;
const STATUS =
  /^(?:we|i|i've|we've|we're|i'm|just)(?: (?:have|are|am|just|now|finally))? (?:upgraded|updated|deployed|pushed|merged|released|rolled|restarted|migrated|moved|switched|added|removed|published|finished|fixed|shipped|upgrading|deploying|rolling|migrating)\b|\bis (?:back|fixed|resolved|up again)\b/;

/** A greeting in front of the question: "hi all,", "hey team -". */
const GREETING =
  /^(?:hi|hey|hello|morning|good morning|hiya|yo)(?:\s+(?:all|everyone|team|folks|people|there))?[\s,!.:;-]*/;

/** A title-like line, the way people name a problem: one sentence, short, no full stop. */
const MAX_TITLE_WORDS = 25;

/**
 * Whether a post reads as a question: it asks (a question mark, an interrogative opener, "any
 * idea", "X vs Y"), reports a problem ("doesn't pull", "permission denied", an error) or names
 * one in a title-like line ("container timezone"), and is not an announcement, a thank-you or a
 * progress report ("FYI: we upgraded Docker on the build farm"). Generous on purpose: whether
 * Berth answers is then the confidence's decision; this keeps out what a confident match could
 * still be found for.
 * Example: readsAsQuestion('Hi all, docker build fails with "no space left on device"') -> true
 */
export function readsAsQuestion(text: string): boolean {
  const post = cleanQuestion(text).toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim();
  const body = post.replace(GREETING, '');
  const words = body.match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length < 2 || ANNOUNCEMENT.test(body)) return false;
  if (post.includes('?') || OPENERS.test(body) || ASKING.test(body) || PROBLEM.test(body)) return true;
  if (STATUS.test(body)) return false;
  const sentences = body.split(/[.!]\s+/).filter((s) => s.trim()).length;
  return sentences === 1 && words.length <= MAX_TITLE_WORDS && !/[.!]$/.test(body);
}

/**
 * The whole rule for answering unasked, shared by the service and `berth eval`: a post that reads
 * as a question, answered outright (not "did you mean", not a decline, not small talk) with a
 * confidence of at least `threshold`.
 */
export function answersUnasked<R extends { outcome: Outcome; confidence: number | null }>(
  text: string,
  reply: R,
  threshold: number,
): reply is R & { outcome: 'answer' } {
  return (
    reply.outcome === 'answer' &&
    reply.confidence !== null &&
    reply.confidence >= threshold &&
    readsAsQuestion(text)
  );
}
