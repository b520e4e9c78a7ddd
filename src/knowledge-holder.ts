import { Answerer, type AnswererOptions } from './answer/answerer.ts';
import type { ChannelRequirements } from './knowledge/channel-requirements.ts';
import { type LoadOptions, loadKnowledge } from './knowledge/knowledge-base.ts';
import { errorsOf, KnowledgeError, type Problem } from './knowledge/problems.ts';
import { type WatchOptions, watchKnowledge } from './knowledge/watch.ts';

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
    private readonly options: AnswererOptions & LoadOptions,
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
    options: AnswererOptions & LoadOptions = {},
    channels: readonly ChannelRequirements[] = [],
  ): KnowledgeHolder {
    const { knowledge, problems } = loadKnowledge(dirs, channels, options);
    if (!knowledge) throw new KnowledgeError(problems);
    return new KnowledgeHolder(new Answerer(knowledge, options), dirs, options, channels);
  }

  /** The Answerer for the knowledge live now. */
  get current(): Answerer {
    return this.answerer;
  }

  reload(): ReloadResult {
    const { knowledge, problems } = loadKnowledge(this.dirs, this.channels, this.options);
    if (!knowledge || errorsOf(problems).length > 0)
      return { ok: false, version: this.answerer.knowledge.version, problems };
    if (knowledge.version !== this.answerer.knowledge.version)
      this.answerer = new Answerer(knowledge, this.options);
    return { ok: true, version: this.answerer.knowledge.version, problems };
  }

  /**
   * Reloads whenever what the knowledge directories hold changes (an edit, or the folder deleted,
   * recreated or swapped by rename or symlink, as a Kubernetes ConfigMap update does; see
   * watchKnowledge), reporting each attempt to `onReload`. Returns a function that stops watching.
   */
  watch(onReload: (result: ReloadResult) => void, options: WatchOptions = {}): () => void {
    return watchKnowledge(this.dirs, () => onReload(this.reload()), options);
  }
}
