import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IncomingActivity, parseTeamsActivity } from '../../adapters/teams/parse.ts';
import { parseChannelPost } from '../../adapters/teams/parse-posts.ts';
import { renderAutoAnswer, renderHandoff } from '../../adapters/teams/render-auto.ts';
import { APP_PACKAGE_DIR } from '../../scripts/teams-icons.ts';
import { buildManifest } from '../../scripts/teams-package.ts';
import { overShippedKnowledge } from './fixture-knowledge.ts';
import { cardProblems, cardText, nodesOfType } from './teams-cards.ts';

// Teams' side of automatic answers: channel posts as resource-specific consent delivers them,
// the commands and buttons, the card for every shipped entry, and the consent in the manifest.

const CHANNEL = '19:3f2c9a8b7d6e4f5a9b8c7d6e5f4a3b2c@thread.tacv2';
function fixture(name: string, overrides: Record<string, unknown> = {}): IncomingActivity {
  const raw = JSON.parse(
    readFileSync(new URL(`../fixtures/teams/${name}.json`, import.meta.url), 'utf8'),
  ) as object;
  return IncomingActivity.parse({ ...raw, ...overrides });
}

describe('Teams channel messages not addressed to Berth', () => {
  it('reads a top-level post: its own id is its thread', () => {
    expect(parseChannelPost(fixture('channel-post'))).toEqual({
      kind: 'post',
      place: CHANNEL,
      thread: '1764238700000',
      user: '6e8b3c1d-4f2a-4b7e-9c5d-2a1f0e9d8c7b',
      text: 'How do I limit the memory of a container?',
    });
  });

  it('reads a reply with the thread it is in, whether or not it mentions someone else', () => {
    const thread = { kind: 'thread_reply', place: CHANNEL, thread: '1764238700000' };
    expect(parseChannelPost(fixture('channel-thread-reply'))).toEqual(thread);
    expect(parseChannelPost(fixture('channel-no-mention'))).toEqual({ ...thread, thread: '1764238600000' });
  });

  it.each([
    ['channel-mention', {}, 'mentions Berth: a question'],
    ['channel-post', { from: { id: '28:0ther-b0t', name: 'CI' } }, 'message from a bot'],
    [
      'own-message',
      { conversation: { conversationType: 'channel', id: `${CHANNEL};messageid=1` } },
      'own message',
    ],
    ['message-update', {}, 'activity type messageUpdate'],
    ['personal-message', {}, 'not in a team channel'],
    ['group-chat-mention', {}, 'not in a team channel'],
    ['card-choose', {}, 'card action'],
    ['channel-post', { channelData: {} }, 'channel message without its channel'],
  ])('is not a post: %s %j (%s)', (name, overrides, reason) => {
    expect(parseChannelPost(fixture(name, overrides))).toEqual({ kind: 'not-a-post', reason });
  });
});

describe('Teams commands and buttons for automatic answers', () => {
  const say = (text: string) =>
    parseTeamsActivity(fixture('channel-mention', { text: `<at>Berth</at> ${text}` }));

  it('reads @Berth watch, unwatch and quiet in a channel, quiet hours in the sender’s time zone', () => {
    expect(say('watch')).toMatchObject({ kind: 'watch', on: true, place: CHANNEL });
    expect(say('Unwatch')).toMatchObject({ kind: 'watch', on: false, place: CHANNEL });
    expect(say('quiet 18-8')).toMatchObject({ kind: 'quiet', spec: '18-8', timeZone: 'Europe/Berlin' });
    expect(say('watch my compose files')).toMatchObject({ kind: 'question' });
  });

  it('treats "watch" as a question outside channels', () => {
    const group = fixture('group-chat-mention', { text: '<at>Berth</at> watch' });
    expect(parseTeamsActivity(group)).toMatchObject({ kind: 'question' });
  });

  it('reads the verdict buttons with the thread they were clicked in', () => {
    const click = (value: unknown) => parseTeamsActivity(fixture('card-choose', { value }));
    expect(click({ berth: 'auto', verdict: 'human', entryId: 'memory-limit' })).toMatchObject({
      kind: 'auto_verdict',
      verdict: 'human',
      place: CHANNEL,
      thread: '1764238600000',
      name: 'Ada Lovelace',
    });
    expect(click({ berth: 'auto', verdict: 'maybe', entryId: 'memory-limit' }).kind).toBe('ignored');
  });
});

describe('Teams automatic answers, rendered', () => {
  const shipped = overShippedKnowledge();

  it('are clean Adaptive Cards 1.5 for every shipped entry, saying they are automatic, with the two buttons', () => {
    const problems = shipped.entries.flatMap((entry) => {
      const reply = shipped.answerer.answerById(entry.id);
      if (reply.outcome !== 'answer') return [`${entry.id}: not an answer`];
      const card = renderAutoAnswer(reply, shipped.words).attachments?.[0]?.content;
      const titles = nodesOfType(card, 'Action.Submit').map((a) => a.title);
      return [
        ...cardProblems(card),
        ...(cardText(card).startsWith('I answered this automatically') ? [] : ['no notice']),
        ...(JSON.stringify(titles) === '["Solved it","Still need a human"]' ? [] : [`buttons ${titles}`]),
      ].map((p) => `${entry.id}: ${p}`);
    });
    expect(problems).toEqual([]);
  });

  it('hands off in plain text: a display name is never read as markup', () => {
    expect(renderHandoff(shipped.words, '**Ada**', '#platform-help')).toEqual({
      type: 'message',
      text: '**Ada** still needs a human for this one. #platform-help, could you take a look?',
      textFormat: 'plain',
    });
  });
});

describe('the Teams app manifest: resource-specific consent', () => {
  const template = JSON.parse(readFileSync(path.join(APP_PACKAGE_DIR, 'manifest.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  const appId = '5b0d8f4e-3c2a-4e1b-9d7f-6a5c4b3e2d1f';

  it('asks to read channel messages (ChannelMessage.Read.Group), for the bot’s own app id', () => {
    const manifest = buildManifest(template, appId, '1.0.0');
    expect(manifest.authorization).toEqual({
      permissions: { resourceSpecific: [{ name: 'ChannelMessage.Read.Group', type: 'Application' }] },
    });
    expect(manifest.webApplicationInfo).toMatchObject({ id: appId });
  });
});
