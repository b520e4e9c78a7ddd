import { type FSWatcher, watch } from 'node:fs';
import { Berth, type BerthOptions } from './berth.ts';
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
 * The Berth currently answering, swapped atomically when the knowledge changes. A broken edit
 * never replaces good knowledge: `reload` reports its problems and keeps the last good version.
 */
export class LiveBerth {
  private berth: Berth;
  readonly loadedAt: Date[] = [];

  private constructor(
    berth: Berth,
    private readonly dirs: readonly string[],
    private readonly options: BerthOptions,
    private readonly channels: readonly ChannelRequirements[],
  ) {
    this.berth = berth;
  }

  /**
   * Loads the knowledge (checked against what each channel needs, here and on every reload) or
   * throws a KnowledgeError listing every problem.
   */
  static load(
    dirs: readonly string[],
    options: BerthOptions = {},
    channels: readonly ChannelRequirements[] = [],
  ): LiveBerth {
    const { knowledge, problems } = loadKnowledge(dirs, channels);
    if (!knowledge) throw new KnowledgeError(problems);
    return new LiveBerth(new Berth(knowledge, options), dirs, options, channels);
  }

  get current(): Berth {
    return this.berth;
  }

  reload(): ReloadResult {
    const { knowledge, problems } = loadKnowledge(this.dirs, this.channels);
    if (!knowledge || errorsOf(problems).length > 0)
      return { ok: false, version: this.berth.knowledge.version, problems };
    if (knowledge.version !== this.berth.knowledge.version) this.berth = new Berth(knowledge, this.options);
    return { ok: true, version: this.berth.knowledge.version, problems };
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
