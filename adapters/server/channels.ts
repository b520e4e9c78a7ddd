import { slackStatus } from '../slack/channel.ts';
import { teamsChannelStatus } from '../teams/channel.ts';
import { createWebChannel } from '../web/channel.ts';
import type { ChannelStatus } from './channel.ts';
import type { ServerConfig } from './config.ts';

/**
 * Which channels run, and why the others do not. Each channel turns on when its credentials are
 * present; the web chat is always on.
 */
export function channelsFor(config: ServerConfig): ChannelStatus[] {
  return [
    { name: 'web', on: true, reason: 'always on, no credentials needed', create: createWebChannel },
    slackStatus(config),
    teamsChannelStatus(config),
  ];
}
