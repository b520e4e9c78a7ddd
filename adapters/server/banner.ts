import path from 'node:path';
import type { KnowledgeBase } from '../../src/knowledge/types.ts';
import type { ChannelStatus } from '../channel/contract.ts';
import type { ServerConfig } from './config.ts';

export interface BannerFacts {
  /** Where the server listens, e.g. `http://127.0.0.1:3978`. */
  url: string;
  channels: readonly ChannelStatus[];
  knowledge: KnowledgeBase;
  config: Pick<ServerConfig, 'host' | 'knowledgeDirs' | 'watchKnowledge'>;
  cwd: string;
}

/**
 * What a person sees in their terminal after `npm start`: where to open the web chat, which
 * channels are on (and how to turn the others on), where the knowledge comes from.
 */
export function startupBanner({ url, channels, knowledge, config, cwd }: BannerFacts): string {
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
    '  Settings:  environment variables or a .env file (see .env.example)',
    '  Stop:      Ctrl+C (replies in flight are finished first)',
    '',
  ];
  return `${lines.join('\n')}\n`;
}
