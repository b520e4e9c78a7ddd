import { MESSAGE_KEYS } from '../answer/messages.ts';
import { questionKey } from '../text/normalize.ts';
import type { ChannelRequirements } from './channel-requirements.ts';
import type { RawKnowledge } from './load.ts';
import { type Problem, problem } from './problems.ts';
import type { Entry } from './types.ts';

export const MIN_ALTERNATES = 4;
export const ANSWER_WORDS = { min: 40, max: 250 } as const;
/** A bare http(s) URL in an answer counts as a follow-up link. */
const BARE_URL = /https?:\/\/[^\s)>\]]+/;

/**
 * Cross-file checks that need the whole knowledge base: conflicts, dangling ids, and what each
 * registered channel needs (answers it can show, messages it says).
 */
export function validateKnowledge(
  raw: RawKnowledge,
  messagesFile: string,
  channels: readonly ChannelRequirements[] = [],
): Problem[] {
  const problems: Problem[] = [];
  checkQuestionConflicts(raw, problems);
  const aliases = retiredIds(raw, problems);
  for (const entry of raw.entries.values()) checkEntry(entry, raw, { aliases, channels }, problems);
  for (const [id, { source }] of raw.asked) {
    if (!raw.entries.has(aliases.get(id) ?? id))
      problems.push(problem(source, `asked questions listed for unknown entry "${id}"`, 'warning'));
  }
  if (!raw.smalltalk.has('help')) {
    problems.push(
      problem(
        { file: messagesFile.replace(/messages\.yaml$/, 'smalltalk/help.md'), line: 1 },
        'missing the "help" small-talk intent',
      ),
    );
  }
  const keys = new Set<string>([...MESSAGE_KEYS, ...channels.flatMap((c) => c.messageKeys)]);
  for (const key of keys) {
    if (!(key in raw.messages))
      problems.push(problem({ file: messagesFile, line: 1 }, `missing message "${key}"`));
  }
  for (const [topic, { examples }] of raw.topicNames) {
    for (const id of examples) {
      if (!raw.entries.has(id)) {
        problems.push(
          problem(
            { file: messagesFile.replace(/messages\.yaml$/, 'topics.yaml'), line: 1 },
            `topic "${topic}" names unknown example "${id}"`,
          ),
        );
      }
    }
  }
  return problems;
}

function checkQuestionConflicts(raw: RawKnowledge, problems: Problem[]): void {
  const owner = new Map<string, { id: string; file: string; line: number }>();
  const claim = (text: string, id: string, file: string, line: number) => {
    const key = questionKey(text);
    if (!key) return;
    const first = owner.get(key);
    if (!first) owner.set(key, { id, file, line });
    else if (first.id !== id) {
      problems.push(
        problem(
          { file, line },
          `question "${text}" is also asked by "${first.id}" (${first.file}:${first.line}); the matcher cannot tell them apart`,
        ),
      );
    } else {
      problems.push(problem({ file, line }, `question "${text}" is listed twice`, 'warning'));
    }
  };
  for (const entry of raw.entries.values()) {
    claim(entry.title, entry.id, entry.source.file, entry.lines.title);
    entry.questions.forEach((q, i) => {
      claim(q, entry.id, entry.source.file, entry.lines.questions[i] ?? 1);
    });
  }
  for (const category of raw.outOfScope.values()) {
    for (const q of category.questions) {
      const first = owner.get(questionKey(q));
      if (first)
        problems.push(
          problem(category.source, `out-of-scope example "${q}" is also a question of "${first.id}"`),
        );
    }
  }
  for (const talk of raw.smalltalk.values()) {
    for (const q of talk.questions) {
      const first = owner.get(questionKey(q));
      if (first)
        problems.push(problem(talk.source, `small-talk phrase "${q}" is also a question of "${first.id}"`));
    }
  }
}

/**
 * Retired id -> its successor, from every entry's `replaces`. A retired id must not still be an
 * entry of its own, and only one entry may take it over.
 */
export function retiredIds(
  raw: Pick<RawKnowledge, 'entries'>,
  problems: Problem[] = [],
): Map<string, string> {
  const aliases = new Map<string, string>();
  for (const entry of raw.entries.values()) {
    const at = { file: entry.source.file, line: entry.lines.title };
    for (const old of entry.replaces) {
      if (old === entry.id) problems.push(problem(at, `"replaces" names the entry itself`));
      else if (raw.entries.has(old))
        problems.push(problem(at, `"replaces" names "${old}", which is still an entry; delete its file`));
      else if (aliases.has(old))
        problems.push(problem(at, `"${old}" is already replaced by "${aliases.get(old)}"`));
      else aliases.set(old, entry.id);
    }
  }
  return aliases;
}

/** The built-in knowledge (layer 0) must meet every rule; an organisation's layers get warnings. */
function strictness(entry: Entry): 'error' | 'warning' {
  return entry.layer === 0 ? 'error' : 'warning';
}

function checkEntry(
  entry: Entry,
  raw: RawKnowledge,
  { aliases, channels }: { aliases: ReadonlyMap<string, string>; channels: readonly ChannelRequirements[] },
  problems: Problem[],
): void {
  const { file } = entry.source;
  entry.related.forEach((id, i) => {
    const line = entry.lines.related[i] ?? 1;
    if (id === entry.id)
      problems.push(problem({ file, line }, `"related" names the entry itself`, 'warning'));
    else if (aliases.has(id))
      problems.push(
        problem({ file, line }, `"related" names retired "${id}"; use "${aliases.get(id)}"`, 'warning'),
      );
    else if (!raw.entries.has(id))
      problems.push(problem({ file, line }, `"related" names unknown entry "${id}"`));
  });
  if (entry.links.length === 0 && !BARE_URL.test(entry.answer))
    problems.push(
      problem(
        { file, line: entry.lines.title },
        'no "links" and no URL in the answer: give at least one follow-up link',
        strictness(entry),
      ),
    );
  if (!entry.reviewed)
    problems.push(
      problem(
        { file, line: entry.lines.title },
        'missing "reviewed" (the date it was last checked, like 2026-12-01)',
        strictness(entry),
      ),
    );
  for (const channel of channels) {
    const problemText = channel.answerProblem?.(entry.answer);
    if (problemText) problems.push(problem({ file, line: entry.lines.answer }, problemText));
  }
  const style = (message: string, line: number) => problems.push(problem({ file, line }, message, 'warning'));
  if (entry.questions.length < MIN_ALTERNATES)
    style(
      `only ${entry.questions.length} alternate question(s); aim for at least ${MIN_ALTERNATES}`,
      entry.lines.title,
    );
  const words = entry.answer.split(/\s+/).filter(Boolean).length;
  if (words < ANSWER_WORDS.min || words > ANSWER_WORDS.max)
    style(`answer has ${words} words; aim for ${ANSWER_WORDS.min}-${ANSWER_WORDS.max}`, entry.lines.answer);
  if (entry.related.length === 0) style('no "related" entries to offer as follow-ups', entry.lines.title);
}
