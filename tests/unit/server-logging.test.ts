import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../adapters/server/logger.ts';
import { loggable } from '../../src/log.ts';
import { storedText } from '../../src/recording/privacy.ts';
import { BerthService } from '../../src/service/berth-service.ts';
import { cleanQuestion } from '../../src/text/normalize.ts';
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

describe('question text in the log follows RECORDING_QUESTION_TEXT', () => {
  const pasted = [
    'what is a cgroup? mail me at grace.hopper@example.com',
    'password=hunter2hunter2',
    'token ghp_abcdefghijklmnopqrstuvwxyz0123456789',
    'key AKIAIOSFODNN7EXAMPLE',
  ].join(' ');
  const secrets = ['grace.hopper@example.com', 'hunter2hunter2', 'ghp_abcdefghij', 'AKIAIOSFODNN7EXAMPLE'];
  const logged = async (questionText?: 'full' | 'redacted' | 'off') => {
    const { log, lines } = capture();
    const { answerer } = overFixtures();
    const service = new BerthService({
      answerer: () => answerer,
      log,
      ...(questionText ? { questionText } : {}),
    });
    await service.ask(pasted, { channel: 'web', conversation: 'web', user: 'v:1' });
    const [line] = lines();
    return line as Record<string, unknown>;
  };

  it('redacted by default, with the same redaction the recorder stores', async () => {
    const line = await logged();
    expect(line.question).toBe(loggable(storedText(cleanQuestion(pasted), 'redacted') ?? ''));
    for (const secret of secrets) expect(JSON.stringify(line)).not.toContain(secret);
    expect(line.question).toContain('[email]');
  });

  it('left out with off, verbatim only with full', async () => {
    const off = await logged('off');
    expect(off).toMatchObject({ msg: 'question', channel: 'web' });
    expect(off).not.toHaveProperty('question');
    for (const secret of secrets) expect(JSON.stringify(off)).not.toContain(secret);
    expect(String((await logged('full')).question)).toContain('grace.hopper@example.com');
  });
});
