// The server under test, alone in its own process (forked by e2e.ts): the real `berth serve` stack,
// started the way the end-to-end tests start it (tests/e2e/harness.ts), with the environment the
// parent sends. No recorder is passed, so nothing is recorded (RECORDING=off).
import { startTestServer, type TestServer } from '../../tests/e2e/harness.ts';

export type ServerMessage =
  | { type: 'start'; env: Record<string, string> }
  | { type: 'gc' }
  | { type: 'stop' };

export interface ServerReport {
  rssBytes: number;
  /** Log lines at warn level or above while under load (the server should have none worth reading). */
  problems: string[];
}

let server: TestServer | undefined;

async function handle(message: ServerMessage): Promise<void> {
  if (message.type === 'start') {
    server = await startTestServer(message.env);
    process.send?.({ type: 'ready', url: server.url });
    return;
  }
  if (message.type === 'gc') {
    // Forked with --expose-gc: each run starts from a collected heap, not the previous run's garbage.
    globalThis.gc?.();
    process.send?.({ type: 'collected' });
    return;
  }
  const rssBytes = process.memoryUsage().rss;
  const problems = (server?.logs ?? [])
    .filter((line) => typeof line.level === 'number' && line.level >= 40)
    .map((line) => String(line.msg))
    .filter((msg) => !msg.includes('LOCAL TRIAL MODE'));
  await server?.stop();
  const report: ServerReport = { rssBytes, problems: [...new Set(problems)].slice(0, 10) };
  process.send?.({ type: 'stopped', report }, () => process.exit(0));
}

process.on('message', (message: ServerMessage) => {
  handle(message).catch((error: unknown) => {
    process.send?.({ type: 'error', message: String(error) });
  });
});
process.on('disconnect', () => process.exit(0));
