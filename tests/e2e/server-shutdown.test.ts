import { type IncomingMessage, request } from 'node:http';
import type { Express } from 'express';
import { describe, expect, it } from 'vitest';
import type { ChannelContext, ChannelStatus } from '../../adapters/channel/contract.ts';
import { spawnBerth, urlOf } from './berth-process.ts';
import { KNOWN_QUESTION, startTestServer } from './harness.ts';

/** Reads a whole response body. */
function bodyOf(res: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      text += chunk;
    });
    res.on('end', () => resolve(text));
    res.on('error', reject);
  });
}

describe('graceful shutdown of `berth serve`', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'on %s: stops accepting, finishes the request in flight, exits 0',
    async (signal) => {
      const berth = spawnBerth({});
      const url = await urlOf(berth);

      // A question whose body is still arriving when the signal comes.
      const body = JSON.stringify({ text: KNOWN_QUESTION });
      const slow = request(new URL('/api/ask', url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      });
      const answered = new Promise<IncomingMessage>((resolve, reject) => {
        slow.on('response', resolve);
        slow.on('error', reject);
      });
      slow.write(body.slice(0, 5));
      // The server has seen the slow request once it has answered a later one.
      expect((await fetch(new URL('/healthz', url))).status).toBe(200);

      berth.child.kill(signal);
      await berth.waitForLog((l) => String(l.msg).startsWith('shutting down'));
      await expect(fetch(new URL('/healthz', url))).rejects.toThrow();

      slow.end(body.slice(5));
      const response = await answered;
      expect(response.statusCode).toBe(200);
      expect(JSON.parse(await bodyOf(response))).toMatchObject({
        outcome: 'answer',
        title: 'What is a cgroup?',
      });

      expect(await berth.exited).toEqual({ code: 0, signal: null });
      expect(berth.logs.map((l) => l.msg)).toContain('stopped');
      expect(berth.logs.some((l) => l.msg === 'shutdown timeout: abandoning work in flight')).toBe(false);
    },
  );
});

describe('replies sent after the ack', () => {
  it('stop() waits for work a channel tracked, then finishes', async () => {
    let release: () => void = () => {};
    const work = new Promise<void>((resolve) => {
      release = resolve;
    });
    let delivered = false;
    const lateReplies: ChannelStatus = {
      name: 'late',
      on: true,
      reason: 'test channel',
      create: (context: ChannelContext) => ({
        name: 'late',
        mount(app: Express) {
          app.post('/late', (_req, res) => {
            // Ack now, reply later (like Slack and Teams do).
            context.track(work.then(() => (delivered = true)));
            res.status(200).json({ ok: true });
          });
        },
      }),
    };
    const server = await startTestServer({}, { channels: [lateReplies] });
    const ack = await fetch(new URL('/late', server.url), { method: 'POST' });
    expect(ack.status).toBe(200);

    let stopped = false;
    const stopping = server.stop().then(() => (stopped = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(delivered).toBe(true);
    expect(stopped).toBe(true);
  });
});
