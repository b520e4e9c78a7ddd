import type { ChannelStatus } from './channel.ts';
import type { ServerConfig } from './config.ts';

/**
 * Which channels run, and why the others do not. Each channel turns on when its credentials are
 * present; the web chat is always on.
 */
export function channelsFor(_config: ServerConfig): ChannelStatus[] {
  return [];
}
