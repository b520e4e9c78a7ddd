import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../adapters/server/logger.ts';
import { BerthService } from '../../src/service/berth-service.ts';
import { overFixtures } from './fixture-knowledge.ts';

function capture() {
  let raw = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      raw += chunk.toString();
      done();
    },
  });
  const log = createLogger({ logLevel: 'debug', logFormat: 'json' }, sink);
  return {
    log,
    raw: () => raw,
    lines: () =>
      raw
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
  };
}

describe('structured logs', () => {
  it('never write tokens, secrets or authorization headers', () => {
    const { log, raw } = capture();
    log.info({ req: { headers: { authorization: 'Bearer sekrit-1', cookie: 'berth_visitor=sekrit-2' } } });
    log.info({ headers: { authorization: 'Basic sekrit-3' } });
    log.info({ slack: { botToken: 'xoxb-sekrit-4', signingSecret: 'sekrit-5', appToken: 'xapp-sekrit-6' } });
    log.info({ teams: { appPassword: 'sekrit-7' }, token: 'sekrit-8', password: 'sekrit-9' });
    expect(raw()).not.toMatch(/sekrit/);
    expect(raw()).toContain('[redacted]');
  });

  it('write one line per question with channel, outcome, entry, confidence and latency, CR/LF stripped', async () => {
    const { log, lines } = capture();
    const { answerer } = overFixtures();
    const service = new BerthService({ answerer: () => answerer, log });
    await service.ask('what is a\r\ncgroup', {
      channel: 'web',
      conversation: 'web',
      user: 'v:visitor-secret-id',
    });
    const logged = lines();
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      channel: 'web',
      outcome: 'answer',
      entry: 'what-is-a-cgroup',
      msg: 'question',
    });
    expect(typeof logged[0].confidence).toBe('number');
    expect(typeof logged[0].latencyMs).toBe('number');
    expect(logged[0].question).not.toMatch(/[\r\n]/);
    expect(JSON.stringify(logged)).not.toContain('visitor-secret-id');
  });
});

describe('scrubSecrets, the last line of defence', () => {
  it('redacts secret-named keys at any depth and in any case, and keeps the line valid JSON', () => {
    const { log, lines } = capture();
    const error = Object.assign(new Error('request failed'), {
      config: { headers: { Authorization: 'Bearer abcdefghijklmnop', 'X-Api-Key': 'sekrit-key' } },
      response: { headers: { 'Set-Cookie': ['session=sekrit-cookie'] } },
    });
    log.error({ err: error }, 'request failed');
    const [line] = lines();
    expect(JSON.stringify(line)).not.toMatch(/sekrit|abcdefghijklmnop/);
    expect(line.err.config.headers.Authorization).toBe('[redacted]');
    expect(line.err.response.headers['Set-Cookie']).toBe('[redacted]');
    expect(line.err.message).toBe('request failed');
  });

  it('redacts credentials by their shape, even in a question', () => {
    const { log, raw } = capture();
    log.info({ question: 'why does xoxb-1234-5678-abcdefgh fail with Bearer eyJhbGciOiJIUzI1NiJ9.x.y' });
    expect(raw()).not.toMatch(/xoxb-1234|eyJhbGci/);
    expect(raw()).toContain('why does [redacted] fail with [redacted]');
  });

  it('leaves JSON quoted inside user text alone, so the line still parses', () => {
    const { log, lines } = capture();
    log.info({ question: 'what does {"token":[]} or ,"password":"x" mean' });
    expect(lines()[0].question).toBe('what does {"token":[]} or ,"password":"x" mean');
  });
});
