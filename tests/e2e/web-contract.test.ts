import { readFileSync } from 'node:fs';
import type { ReplyView } from '../../adapters/web/view.ts';
import { type ContractDriver, channelContract, type Seen } from './contract.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { readableText, WebVisitor } from './web-visitor.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/web/${name}`, import.meta.url), 'utf8');

/**
 * The web chat's protocol is the page's JSON calls. A reply is a 200 with a reply view; Berth
 * staying silent is anything else (204 for its own reply posted back, 400 for an unknown event).
 */
function webDriver(): ContractDriver {
  let server: TestServer | undefined;
  let visitor: WebVisitor | undefined;
  const running = () => {
    if (!server || !visitor) throw new Error('the driver has not started');
    return { server, visitor };
  };
  const seen = async (response: Response): Promise<Seen> => {
    if (response.status !== 200) return { replies: 0, text: await response.text() };
    const view = (await response.json()) as ReplyView;
    return { replies: view.kind === 'reply' ? 1 : 0, text: readableText(view) };
  };
  return {
    async start() {
      server = await startTestServer();
      visitor = new WebVisitor(server.url);
      await visitor.open();
    },
    async stop() {
      await server?.stop();
    },
    async ask(question) {
      return seen(await running().visitor.send('POST', '/api/ask', { text: question }));
    },
    async ownMessage() {
      // The page never posts Berth's replies back; a script echoing one is ignored, not answered.
      return seen(await running().visitor.send('POST', '/api/ask', fixture('own-reply.json')));
    },
    async unknownEvent() {
      return seen(await running().visitor.send('POST', '/api/ask', fixture('unknown-event.json')));
    },
    async healthy() {
      const response = await running().visitor.send('POST', '/api/ask', { text: 'what is a cgroup' });
      const view = (await response.json()) as ReplyView;
      return response.status === 200 && view.outcome === 'answer';
    },
  };
}

channelContract('web', webDriver());
