import path from 'node:path';
import type { KnowledgeBase } from '../../src/knowledge/types.ts';
import type { StoreStatus } from '../../src/store-status.ts';
import type { ChannelStatus } from '../channel/contract.ts';
import type { Stores } from './app.ts';
import type { ServerConfig } from './config.ts';

export interface BannerFacts {
  /** Where the server listens, e.g. `http://127.0.0.1:3978`. */
  url: string;
  channels: readonly ChannelStatus[];
  /** Where de-duplication, rate limits and recordings are kept (omitted: not shown). */
  stores?: Stores;
  knowledge: KnowledgeBase;
  config: Pick<ServerConfig, 'host' | 'knowledgeDirs' | 'watchKnowledge'>;
  cwd: string;
}

/**
 * What a person sees in their terminal after `npm start`: where to open the web chat, which
 * channels are on (and how to turn the others on), where the knowledge comes from.
 */
export function startupBanner({ url, channels, stores, knowledge, config, cwd }: BannerFacts): string {
  const browserUrl = `${url.replace('//127.0.0.1', '//localhost')}/`;
  const everywhere = config.host === '0.0.0.0' || config.host === '::';
  const width = Math.max(...channels.map((c) => c.name.length), 5);
  const [, ...ownDirs] = config.knowledgeDirs;
  const lines = [
    '',
    `  Berth is ready: ${knowledge.entries.size} answers in ${knowledge.topics.length} topics (knowledge version ${knowledge.version}).`,
    '',
    `  Open the web chat:  ${browserUrl}${everywhere ? `  (listening on all interfaces, ${config.host})` : ''}`,
    '',
    '  Channels',
    ...channels.map((c) => `    ${c.name.padEnd(width)}  ${c.on ? 'on ' : 'off'}  ${c.reason}`),
    '',
    `  Knowledge: built-in${ownDirs.map((d) => ` + ${path.relative(cwd, d) || '.'}`).join('')}${
      config.watchKnowledge ? ' (edits are picked up while Berth runs)' : ''
    }`,
    ...(stores ? storeLines(stores, cwd) : []),
    '  Settings:  environment variables or a .env file (see .env.example)',
    '  Stop:      Ctrl+C (replies in flight are finished first)',
    '',
  ];
  return `${lines.join('\n')}\n`;
}

/** Which stores are in use: one replica's defaults, or what several replicas share (docs/scaling.md). */
function storeLines({ limits, recordings }: Stores, cwd: string): string[] {
  const limitsText =
    limits.kind === 'redis'
      ? `Redis ${limits.location ?? ''}, shared by every replica${stateNote(limits, 'kept in this replica')}`
      : 'this process (one replica)';
  const recordingsText =
    recordings.kind === 'off'
      ? 'off (RECORDING=off)'
      : recordings.kind === 'postgresql'
        ? `PostgreSQL ${recordings.location ?? ''}${stateNote(recordings, 'queued in memory')}`
        : `SQLite ${path.relative(cwd, recordings.location ?? '') || '.'}${stateNote(recordings, 'not recorded')}`;
  return [`  Limits:    de-duplication and rate limits in ${limitsText}`, `  Recording: ${recordingsText}`];
}

/** Nothing when the store is up; otherwise its state, why, and what happens meanwhile. */
function stateNote(store: StoreStatus, meanwhile: string): string {
  if (store.state === 'up') return '';
  return ` (${store.state}${store.problem ? `: ${store.problem}` : ''}; ${meanwhile} until it is back)`;
}
