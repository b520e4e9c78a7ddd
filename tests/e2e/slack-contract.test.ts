import { channelContract } from './contract.ts';
import { slackContractDriver } from './slack-driver.ts';

// The behaviour every channel shows, spoken over Slack's Events API (signed HTTP requests).
channelContract('slack (direct messages, HTTP mode)', slackContractDriver('http', 'dm'));
channelContract('slack (@mentions, HTTP mode)', slackContractDriver('http', 'mention'));
