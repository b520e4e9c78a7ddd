import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IncomingActivity, parseTeamsActivity, type TeamsInput } from '../../adapters/teams/parse.ts';

function fixture(name: string, overrides: Record<string, unknown> = {}): IncomingActivity {
  const raw = JSON.parse(
    readFileSync(new URL(`../fixtures/teams/${name}.json`, import.meta.url), 'utf8'),
  ) as object;
  return IncomingActivity.parse({ ...raw, ...overrides });
}

const parse = (name: string, overrides: Record<string, unknown> = {}): TeamsInput =>
  parseTeamsActivity(fixture(name, overrides));

const USER = '6e8b3c1d-4f2a-4b7e-9c5d-2a1f0e9d8c7b';

describe('parsing Teams activities', () => {
  it('reads a personal chat message as a question from the person (by their Entra object id)', () => {
    expect(parse('personal-message')).toEqual({
      kind: 'question',
      text: 'what is a cgroup',
      context: { channel: 'teams', conversation: 'dm', user: USER },
    });
  });

  it('removes the @mention of Berth from a channel message', () => {
    expect(parse('channel-mention')).toMatchObject({
      kind: 'question',
      text: 'what is a namespace?',
      context: { conversation: 'channel' },
    });
  });

  it('removes the mentions of other people too: they are not part of the question', () => {
    expect(parse('group-chat-mention')).toMatchObject({
      kind: 'question',
      text: 'see why is my image so big',
      context: { conversation: 'group' },
    });
  });

  it('treats a bare @mention as an empty question (the core answers with help)', () => {
    expect(parse('channel-mention', { text: '<at>Berth</at>' })).toMatchObject({
      kind: 'question',
      text: '',
    });
  });

  it('ignores channel messages that do not mention Berth', () => {
    expect(parse('channel-no-mention')).toEqual({ kind: 'ignored', reason: 'not addressed to Berth' });
  });

  it('does not take a mention of someone else called Berth for its own', () => {
    const activity = fixture('channel-mention');
    const entities = [
      { type: 'mention', text: '<at>Berth</at>', mentioned: { id: '29:a-person-named-berth' } },
    ];
    expect(parseTeamsActivity({ ...activity, entities })).toMatchObject({ kind: 'ignored' });
  });

  it('ignores its own messages, edits, reactions and activity types it does not know', () => {
    expect(parse('own-message')).toEqual({ kind: 'ignored', reason: 'own message' });
    expect(parse('message-update')).toMatchObject({ kind: 'ignored' });
    expect(parse('message-reaction')).toMatchObject({ kind: 'ignored' });
    expect(parse('unknown-type')).toEqual({ kind: 'ignored', reason: 'activity type berthFutureActivity' });
  });

  it('reads a "did you mean" click (a plain Action.Submit) as a choice, even in a channel without a mention', () => {
    expect(parse('card-choose')).toMatchObject({
      kind: 'choose',
      entryId: 'frobnicate-widget',
      question: 'how do I frobnicate',
      context: { conversation: 'channel' },
    });
  });

  it('reads feedback with the comment typed into the card', () => {
    expect(parse('card-feedback')).toMatchObject({
      kind: 'feedback',
      entryId: 'what-is-a-cgroup',
      helpful: false,
      comment: 'I wanted cgroup v1 vs v2',
    });
    const blank = parse('card-feedback', {
      value: { berth: 'feedback', entryId: 'what-is-a-cgroup', helpful: false, comment: '  ' },
    });
    expect(blank).toEqual({
      kind: 'feedback',
      entryId: 'what-is-a-cgroup',
      helpful: false,
      context: expect.anything(),
    });
  });

  it('ignores card data it did not write', () => {
    for (const value of [
      { berth: 'choose', entryId: '../../etc/passwd' },
      { berth: 'feedback', entryId: 'x', helpful: 'yes' },
      { berth: 'delete-everything' },
      { action: 'choose' },
      'choose',
    ])
      expect(parse('card-choose', { value })).toEqual({
        kind: 'ignored',
        reason: 'unrecognised card action',
      });
  });

  it('welcomes on a personal install (either event), not when people join a team', () => {
    expect(parse('conversation-update-bot-added')).toMatchObject({
      kind: 'welcome',
      context: { conversation: 'dm' },
    });
    expect(parse('installation-update-add')).toMatchObject({ kind: 'welcome' });
    expect(parse('installation-update-remove')).toMatchObject({ kind: 'ignored' });
    expect(parse('conversation-update-user-added')).toMatchObject({ kind: 'ignored' });
  });

  it('reads message-extension searches and picks', () => {
    expect(parse('compose-query')).toMatchObject({
      kind: 'search',
      query: 'cgroup',
      context: { conversation: 'search' },
    });
    expect(parse('compose-query-initial-run')).toMatchObject({ kind: 'search', query: '' });
    expect(parse('compose-select')).toMatchObject({
      kind: 'select',
      entryId: 'what-is-a-cgroup',
      query: 'cgroup',
    });
    const otherCommand = { commandId: 'somethingElse', parameters: [{ name: 'query', value: 'x' }] };
    expect(parse('compose-query', { value: otherCommand })).toMatchObject({ kind: 'ignored' });
    expect(parse('invoke-unknown')).toEqual({ kind: 'ignored', reason: 'invoke task/fetch' });
  });

  it('accepts activities from clients that leave out Teams-specific fields (Agents Playground, Emulator)', () => {
    const minimal = IncomingActivity.parse({
      type: 'message',
      serviceUrl: 'http://localhost:56150',
      from: { id: 'user-id', name: 'User' },
      recipient: { id: 'bot-id' },
      conversation: { id: 'conv' },
      text: 'hello',
    });
    expect(parseTeamsActivity(minimal)).toEqual({
      kind: 'question',
      text: 'hello',
      context: { channel: 'teams', conversation: 'dm', user: 'user-id' },
    });
  });

  it('refuses bodies that are not activities', () => {
    for (const body of [
      {},
      { type: 'message' },
      [],
      'text',
      { type: 'message', serviceUrl: 'x', from: {}, recipient: {}, conversation: {} },
    ])
      expect(IncomingActivity.safeParse(body).success).toBe(false);
  });
});
