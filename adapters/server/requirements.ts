import type { ChannelRequirements } from '../../src/knowledge/channel-requirements.ts';
import { slackRequirements } from '../slack/requirements.ts';
import { teamsRequirements } from '../teams/requirements.ts';
import { webRequirements } from '../web/requirements.ts';

/**
 * What every channel Berth ships needs of the knowledge, registered with each load (`berth check`,
 * `berth serve` and its reloads), so an answer too long for Slack or Teams is caught before it is
 * served. A new channel adds its requirements here.
 */
export const CHANNEL_REQUIREMENTS: readonly ChannelRequirements[] = [
  webRequirements,
  slackRequirements,
  teamsRequirements,
];
