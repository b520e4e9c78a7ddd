import { describe, expect, it } from 'vitest';
import { readServerConfig } from '../../adapters/server/config.ts';
import { ConfigError } from '../../src/config.ts';
import { spawnBerth, urlOf } from './berth-process.ts';

describe('configuration errors stop start-up, naming the variable', () => {
  it.each([
    ['PORT', 'banana', 'PORT: expected an integer from 0 to 65535, got "banana"'],
    ['RATE_LIMIT_BURST', '0', 'RATE_LIMIT_BURST: expected an integer from 1 to 10000, got "0"'],
    ['LOG_FORMAT', 'xml', 'LOG_FORMAT: expected one of auto, json, pretty, got "xml"'],
    ['KNOWLEDGE_WATCH', 'sometimes', 'KNOWLEDGE_WATCH: expected true or false, got "sometimes"'],
  ])('%s=%s', async (variable, value, message) => {
    const berth = spawnBerth({ [variable]: value });
    const { code } = await berth.exited;
    expect(code).toBe(2);
    expect(berth.stderr()).toBe(`berth: ${message}\n`);
    expect(berth.logs.some((l) => l.msg === 'Berth is listening')).toBe(false);
  });

  it('a port already in use is named too, with a way out', async () => {
    const first = spawnBerth({});
    const url = new URL(await urlOf(first));
    const second = spawnBerth({ PORT: url.port });
    const { code } = await second.exited;
    first.child.kill('SIGTERM');
    await first.exited;
    expect(code).toBe(2);
    expect(second.stderr()).toContain(`berth: PORT: expected a port no other program is using`);
    expect(second.stderr()).toContain(`got "${url.port}"`);
  });
});

describe('readServerConfig', () => {
  it('has defaults that need no configuration at all: loopback port 3978', () => {
    const config = readServerConfig({}, '/srv/berth');
    expect(config).toMatchObject({
      port: 3978,
      host: '127.0.0.1',
      bodyLimitBytes: 256 * 1024,
      rateLimit: { perMinute: 20, burst: 5 },
      watchKnowledge: true,
    });
    expect(config.knowledgeDirs).toHaveLength(1);
  });

  it('throws a ConfigError that names the variable', () => {
    expect(() => readServerConfig({ BODY_LIMIT_BYTES: '12kb' })).toThrow(ConfigError);
    expect(() => readServerConfig({ BODY_LIMIT_BYTES: '12kb' })).toThrow(
      /^BODY_LIMIT_BYTES: expected an integer/,
    );
  });
});
