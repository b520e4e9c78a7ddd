import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { ChannelStatus } from '../../adapters/channel/contract.ts';
import { startTestServer } from './harness.ts';

/** A free loopback port, found by letting the OS pick one. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('start-up failure', () => {
  it('a channel that cannot start fails start-up and leaves the port free', async () => {
    const port = await freePort();
    let stopped = false;
    const broken: ChannelStatus = {
      name: 'broken',
      on: true,
      reason: 'test channel',
      create: () => ({
        name: 'broken',
        mount: () => {},
        start: async () => {
          throw new Error('cannot connect');
        },
        stop: async () => {
          stopped = true;
        },
      }),
    };
    await expect(startTestServer({ PORT: String(port) }, { channels: [broken] })).rejects.toThrow(
      'cannot connect',
    );
    expect(stopped).toBe(true);
    const again = await startTestServer({ PORT: String(port) }, { channels: [] });
    try {
      expect(again.port).toBe(port);
      expect((await fetch(new URL('/healthz', again.url))).status).toBe(200);
    } finally {
      await again.stop();
    }
  });
});
