import { type FSWatcher, watch } from 'node:fs';
import { Answerer, type AnswererOptions } from './answer/answerer.ts';
import type { ChannelRequirements } from './knowledge/channel-requirements.ts';
import { loadKnowledge } from './knowledge/knowledge-base.ts';
import { errorsOf, KnowledgeError, type Problem } from './knowledge/problems.ts';

export interface ReloadResult {
  ok: boolean;
  /** The version now live (the old one when the reload failed). */
  version: string;
  problems: Problem[];
}

/**
 * Holds the live knowledge version and its Answerer, swapped atomically when the knowledge changes.
 * A broken edit never replaces good knowledge: `reload` reports its problems and keeps the last
 * good version.
 */
export class KnowledgeHolder {
  private answerer: Answerer;

  private constructor(
    answerer: Answerer,
    private readonly dirs: readonly string[],
    private readonly options: AnswererOptions,
    private readonly channels: readonly ChannelRequirements[],
  ) {
    this.answerer = answerer;
  }

  /**
   * Loads the knowledge (checked against what each channel needs, here and on every reload) or
   * throws a KnowledgeError listing every problem.
   */
  static load(
    dirs: readonly string[],
    options: AnswererOptions = {},
    channels: readonly ChannelRequirements[] = [],
  ): KnowledgeHolder {
    const { knowledge, problems } = loadKnowledge(dirs, channels);
    if (!knowledge) throw new KnowledgeError(problems);
    return new KnowledgeHolder(new Answerer(knowledge, options), dirs, options, channels);
  }

  /** The Answerer for the knowledge live now. */
  get current(): Answerer {
    return this.answerer;
  }

  reload(): ReloadResult {
    const { knowledge, problems } = loadKnowledge(this.dirs, this.channels);
    if (!knowledge || errorsOf(problems).length > 0)
      return { ok: false, version: this.answerer.knowledge.version, problems };
    if (knowledge.version !== this.answerer.knowledge.version)
      this.answerer = new Answerer(knowledge, this.options);
    return { ok: true, version: this.answerer.knowledge.version, problems };
  }

  /**
   * Reloads when any file under the knowledge directories changes (debounced), reporting each
   * attempt to `onReload`. Returns a function that stops watching.
   */
  watch(onReload: (result: ReloadResult) => void, debounceMs = 250): () => void {
    let timer: NodeJS.Timeout | undefined;
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(() => onReload(this.reload()), debounceMs);
    };
    const watchers: FSWatcher[] = this.dirs.map((dir) => watch(dir, { recursive: true }, schedule));
    for (const w of watchers) w.on('error', schedule);
    return () => {
      clearTimeout(timer);
      for (const w of watchers) w.close();
    };
  }
}
