import type { ChannelStatus } from '../channel/contract.ts';
import { slackStatus } from '../slack/channel.ts';
import { teamsChannelStatus } from '../teams/channel.ts';
import { createWebChannel } from '../web/channel.ts';
import type { ServerConfig } from './config.ts';

/**
 * Which channels run, and why the others do not: the composition root's one list of channels.
 * Each channel gets its own settings only, and turns on when its credentials are present; the web
 * chat is always on. A new channel adds its status here (and its requirements in requirements.ts).
 */
export function channelsFor(config: ServerConfig): ChannelStatus[] {
  return [
    { name: 'web', on: true, reason: 'always on, no credentials needed', create: createWebChannel },
    slackStatus(config.slack),
    teamsChannelStatus(config.teams),
  ];
}
