import { CHANNEL_REQUIREMENTS } from '../../adapters/server/requirements.ts';
import { KnowledgeHolder } from '../../src/knowledge-holder.ts';
import { type ContractDriver, channelContract, type Seen } from './contract.ts';
import { PARLEY_BOT, parleyRequirements, parleyStatus } from './fourth-channel/parley.ts';
import { BUILTIN_KNOWLEDGE_DIR, OVERLAY_DIR, startTestServer, type TestServer } from './harness.ts';

// Adding a channel is adding a folder: Parley (tests/e2e/fourth-channel/) passes the contract
// every channel passes, registered the way the composition root registers the real ones, with
// src/ untouched.

function parleyDriver(): ContractDriver {
  let server: TestServer | undefined;
  const send = async (event: unknown): Promise<Seen> => {
    if (!server) throw new Error('the driver has not started');
    const response = await fetch(`${server.url}/parley/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(event),
    });
    const { replies } = (await response.json()) as { replies: { text: string }[] };
    return { replies: replies.length, text: replies.map((r) => r.text).join('\n') };
  };
  return {
    async start() {
      const channels = [...CHANNEL_REQUIREMENTS, parleyRequirements];
      const live = KnowledgeHolder.load([BUILTIN_KNOWLEDGE_DIR, OVERLAY_DIR], {}, channels);
      server = await startTestServer({}, { channels: [parleyStatus], live });
    },
    async stop() {
      await server?.stop();
    },
    ask: (text) => send({ type: 'message', from: 'ada', text }),
    ownMessage: (text) => send({ type: 'message', from: PARLEY_BOT, text }),
    unknownEvent: () => send({ type: 'reaction', from: 'ada', emoji: 'ship' }),
    async healthy() {
      const health = await fetch(`${server?.url}/healthz`);
      return (
        health.ok && (await send({ type: 'message', from: 'ada', text: 'what is a cgroup' })).replies === 1
      );
    },
  };
}

channelContract('a fourth channel (Parley, a test double)', parleyDriver());
