import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ContractDriver, channelContract } from './contract.ts';
import { CLARIFY_QUESTION, KNOWN_ID, startTestServer, type TestServer } from './harness.ts';
import {
  type ConnectorStandIn,
  postActivity,
  startConnector,
  teamsActivity,
  visibleText,
} from './teams-connector.ts';

// Berth in local trial mode (no MicrosoftAppId), spoken to exactly as Teams speaks to a bot:
// activities POSTed to /api/messages, replies POSTed by Berth to the activity's serviceUrl.

const BOT_ID = '28:5b0d8f4e-3c2a-4e1b-9d7f-6a5c4b3e2d1f';

function cardOf(call: { body: Record<string, unknown> }): Record<string, unknown> {
  const attachments = call.body.attachments as { contentType: string; content: Record<string, unknown> }[];
  expect(attachments).toHaveLength(1);
  expect(attachments[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
  return attachments[0]?.content ?? {};
}

/** Every Action.Submit's data in a card, wherever it sits. */
function submits(card: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'Action.Submit') out.push(o.data as Record<string, unknown>);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

describe('Teams conversations (local trial mode)', () => {
  let server: TestServer;
  let connector: ConnectorStandIn;
  const post = (fixture: string, overrides: Record<string, unknown> = {}) =>
    postActivity(server.url, teamsActivity(fixture, connector.url, overrides));

  beforeAll(async () => {
    connector = await startConnector();
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.stop();
    await connector.close();
  });
  beforeEach(() => connector.clear());

  it('answers a personal chat message with an answer card, as a reply to that message', async () => {
    const activity = teamsActivity('personal-message', connector.url);
    const res = await postActivity(server.url, activity);
    expect(res.status).toBe(200);
    expect(connector.replies).toHaveLength(1);
    const reply = connector.replies[0]!;
    const conversation = (activity.conversation as { id: string }).id;
    expect(reply.path).toBe(
      `/v3/conversations/${encodeURIComponent(conversation)}/activities/${activity.id as string}`,
    );
    expect(reply.conversationId).toBe(conversation);
    expect(reply.replyToId).toBe(activity.id);
    expect(reply.authorization).toBeUndefined();
    expect(reply.body.type).toBe('message');
    expect(reply.body.replyToId).toBe(activity.id);
    expect((reply.body.from as { id: string }).id).toBe(BOT_ID);
    expect(reply.body.summary).toMatch(/cgroup/i);
    const card = cardOf(reply);
    expect(card.version).toBe('1.5');
    const text = visibleText(card);
    expect(text).toMatch(/What is a cgroup/i);
    expect(text).toContain('https://www.kernel.org/doc/html/latest/admin-guide/cgroup-v2.html');
    expect(submits(card)).toContainEqual({ berth: 'feedback', entryId: KNOWN_ID, helpful: true });
  });

  it('answers an @mention in a channel in the same thread, without the mention in the question', async () => {
    const activity = teamsActivity('channel-mention', connector.url);
    expect((await postActivity(server.url, activity)).status).toBe(200);
    expect(connector.replies).toHaveLength(1);
    const reply = connector.replies[0]!;
    expect(reply.conversationId).toMatch(/;messageid=1764238600000$/);
    expect(reply.replyToId).toBe(activity.id);
    expect(reply.path).toContain(encodeURIComponent(';messageid=1764238600000'));
    expect(visibleText(cardOf(reply))).toMatch(/namespace/i);
    const recorded = server.logs.find(
      (l) => l.msg === 'question' && l.channel === 'teams' && l.conversation === 'channel',
    );
    expect(recorded?.question).toBe('what is a namespace?');
  });

  it('answers an @mention in a group chat and ignores channel messages addressed to someone else', async () => {
    expect((await post('group-chat-mention')).status).toBe(200);
    expect(connector.replies).toHaveLength(1);
    expect(visibleText(cardOf(connector.replies[0]!))).toMatch(/image/i);
    connector.clear();
    expect((await post('channel-no-mention')).status).toBe(200);
    expect(connector.calls).toHaveLength(0);
  });

  it('asks "did you mean" with buttons that carry the entry id, and a click answers that entry', async () => {
    await post('personal-message', { text: CLARIFY_QUESTION });
    const card = cardOf(connector.replies[0]!);
    const choices = submits(card).filter((d) => d.berth === 'choose');
    expect(choices.map((d) => d.entryId).sort()).toEqual(['frobnicate-gadget', 'frobnicate-widget']);
    expect(choices[0]?.question).toBe(CLARIFY_QUESTION);
    connector.clear();
    const click = teamsActivity('card-choose', connector.url);
    expect((await postActivity(server.url, click)).status).toBe(200);
    expect(connector.replies).toHaveLength(1);
    const answer = connector.replies[0]!;
    expect(answer.replyToId).toBe(click.id);
    expect(answer.conversationId).toMatch(/;messageid=/);
    expect(visibleText(cardOf(answer))).toContain('How do I frobnicate a widget?');
    const choice = server.logs.find((l) => l.msg === 'choice' && l.entry === 'frobnicate-widget');
    expect(choice).toBeDefined();
  });

  it('records feedback with its comment and thanks in plain text', async () => {
    expect((await post('card-feedback')).status).toBe(200);
    expect(connector.replies).toHaveLength(1);
    expect(connector.replies[0]!.body).toMatchObject({
      text: 'Thanks for the feedback!',
      textFormat: 'plain',
    });
    const feedback = server.logs.find((l) => l.msg === 'feedback' && l.entry === KNOWN_ID);
    expect(feedback).toMatchObject({ helpful: false, comment: true });
  });

  it('tells the person when the answer they voted on is no longer known, recording nothing', async () => {
    const value = { berth: 'feedback', entryId: 'retired-long-ago', helpful: true };
    expect((await post('card-feedback', { value })).status).toBe(200);
    expect(connector.replies[0]?.body.text).toMatch(/^That answer is no longer in my knowledge base/);
    expect(server.logs.filter((l) => l.msg === 'feedback' && l.entry === 'retired-long-ago')).toEqual([]);
    expect(server.logs).toContainEqual(
      expect.objectContaining({ msg: 'feedback for an unknown entry: not recorded', channel: 'teams' }),
    );
  });

  it('welcomes once on a personal install, though Teams sends two events for it', async () => {
    const conversation = { conversationType: 'personal', tenantId: 't', id: 'a:welcome-once' };
    expect((await post('conversation-update-bot-added', { conversation })).status).toBe(200);
    expect((await post('installation-update-add', { conversation })).status).toBe(200);
    expect(connector.replies).toHaveLength(1);
    const text = visibleText(cardOf(connector.replies[0]!));
    expect(text).toContain("Hi, I'm Berth");
    expect(text).toMatch(/What I know about/);
    connector.clear();
    await post('conversation-update-user-added');
    await post('installation-update-remove');
    expect(connector.calls).toHaveLength(0);
  });

  it('searches from the message extension and inserts the chosen answer card', async () => {
    const search = await post('compose-query');
    expect(search.status).toBe(200);
    const result = (
      search.body as { composeExtension: { type: string; attachments: Record<string, unknown>[] } }
    ).composeExtension;
    expect(result.type).toBe('result');
    expect(result.attachments.length).toBeGreaterThan(0);
    const first = result.attachments[0] as {
      preview: { content: { title: string; tap: { value: unknown } } };
    };
    expect(first.preview.content.title).toMatch(/cgroup/i);
    expect(first.preview.content.tap.value).toEqual({ berth: 'select', entryId: KNOWN_ID, query: 'cgroup' });

    const picked = await post('compose-select');
    expect(picked.status).toBe(200);
    const inserted = (
      picked.body as { composeExtension: { attachments: { contentType: string; content: unknown }[] } }
    ).composeExtension.attachments;
    expect(inserted).toHaveLength(1);
    expect(inserted[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(visibleText(inserted[0]?.content)).toContain(
      'https://www.kernel.org/doc/html/latest/admin-guide/cgroup-v2.html',
    );
    expect(submits(inserted[0]?.content)).toEqual([]);
    expect(connector.calls).toHaveLength(0);
  });

  it('offers example questions when the message extension opens with nothing typed', async () => {
    const res = await post('compose-query-initial-run');
    const attachments = (res.body as { composeExtension: { attachments: unknown[] } }).composeExtension
      .attachments;
    expect(attachments.length).toBeGreaterThan(3);
  });

  it('answers the same activity once when Teams delivers it twice', async () => {
    const activity = teamsActivity('personal-message', connector.url);
    expect((await postActivity(server.url, activity)).status).toBe(200);
    expect((await postActivity(server.url, activity)).status).toBe(200);
    expect(connector.replies).toHaveLength(1);
    expect(server.logs.find((l) => l.reason === 'duplicate delivery')?.level).toBe(30);
  });

  it('ignores edits, reactions, unknown activity types and unknown invokes without replying', async () => {
    for (const fixture of ['message-update', 'message-reaction', 'unknown-type'])
      expect((await post(fixture)).status).toBe(200);
    expect((await post('invoke-unknown')).status).toBe(501);
    expect(connector.calls).toHaveLength(0);
    expect((await fetch(`${server.url}/healthz`)).ok).toBe(true);
  });

  it('refuses what is not an activity with 400', async () => {
    const res = await postActivity(server.url, { hello: 'world' });
    expect(res.status).toBe(400);
  });
});

function teamsDriver(): ContractDriver {
  let server: TestServer;
  let connector: ConnectorStandIn;
  const exchange = async (activity: Record<string, unknown>) => {
    connector.clear();
    const res = await postActivity(server.url, activity);
    expect(res.status).toBeLessThan(300);
    return {
      replies: connector.replies.length,
      text: connector.replies.map((r) => visibleText(r.body)).join('\n'),
    };
  };
  return {
    async start() {
      connector = await startConnector();
      server = await startTestServer();
    },
    async stop() {
      await server.stop();
      await connector.close();
    },
    ask: (question) => exchange(teamsActivity('personal-message', connector.url, { text: question })),
    ownMessage: (text) => exchange(teamsActivity('own-message', connector.url, { text })),
    unknownEvent: () => exchange(teamsActivity('unknown-type', connector.url)),
    healthy: async () => (await fetch(`${server.url}/healthz`)).ok,
  };
}

channelContract('teams', teamsDriver());
