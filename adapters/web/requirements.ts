import type { ChannelRequirements } from '../../src/knowledge/channel-requirements.ts';
import { WEB_MESSAGE_KEYS } from './wording.ts';

/** The web chat shows answers of any length; it needs its page's words. */
export const webRequirements: ChannelRequirements = { messageKeys: WEB_MESSAGE_KEYS };
