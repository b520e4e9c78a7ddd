import { describe, expect, it } from 'vitest';
import { readServerConfig } from '../../adapters/server/config.ts';
import { ConfigError, describeUrl, readCoreConfig } from '../../src/config.ts';

/** The settings for more than one replica: REDIS_URL and DATABASE_URL with their companions. */
describe('configuration for shared stores', () => {
  it('unset: no Redis and no PostgreSQL, exactly one replica as before', () => {
    expect(readServerConfig({}).redis).toBeUndefined();
    expect(readCoreConfig({}).recording.postgres).toBeUndefined();
  });

  it('reads REDIS_URL with the default key prefix, or the configured one', () => {
    expect(readServerConfig({ REDIS_URL: 'redis://redis:6379' }).redis).toEqual({
      url: 'redis://redis:6379',
      keyPrefix: 'berth:',
    });
    expect(
      readServerConfig({ REDIS_URL: 'rediss://:pw@cache:6380/2', REDIS_KEY_PREFIX: 'team-a:berth:' }).redis,
    ).toEqual({ url: 'rediss://:pw@cache:6380/2', keyPrefix: 'team-a:berth:' });
  });

  it('reads DATABASE_URL with the default schema and queue bound, or the configured ones', () => {
    expect(readCoreConfig({ DATABASE_URL: 'postgres://berth:pw@db:5432/berth' }).recording.postgres).toEqual({
      url: 'postgres://berth:pw@db:5432/berth',
      schema: 'public',
      queueLimit: 10_000,
    });
    const env = {
      DATABASE_URL: 'postgresql://db/berth',
      DATABASE_SCHEMA: 'berth_prod',
      RECORDING_QUEUE_LIMIT: '500',
    };
    expect(readCoreConfig(env).recording.postgres).toEqual({
      url: 'postgresql://db/berth',
      schema: 'berth_prod',
      queueLimit: 500,
    });
  });

  it.each([
    [{ REDIS_URL: 'http://user:hunter2@cache:6379' }, 'REDIS_URL', /a URL like redis:\/\/host:6379/],
    [{ REDIS_URL: 'redis://cache', REDIS_KEY_PREFIX: 'has space' }, 'REDIS_KEY_PREFIX', /letters, digits/],
    [{ DATABASE_URL: 'mysql://root:hunter2@db/berth' }, 'DATABASE_URL', /postgres:\/\/user:password@host/],
    [
      { DATABASE_URL: 'postgres://db/berth', DATABASE_SCHEMA: 'Robert"; DROP' },
      'DATABASE_SCHEMA',
      /lower-case name/,
    ],
    [
      { DATABASE_URL: 'postgres://db/berth', RECORDING_QUEUE_LIMIT: 'lots' },
      'RECORDING_QUEUE_LIMIT',
      /integer/,
    ],
  ])('names the malformed variable %#, and never echoes a password', (env, variable, expected) => {
    let error: unknown;
    try {
      readServerConfig(env);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as ConfigError).message).toMatch(expected);
    expect((error as ConfigError).message).not.toContain('hunter2');
  });

  it('shows a connection URL without its user name and password', () => {
    expect(describeUrl('postgres://berth:s3cret@db.internal:5432/berth?sslmode=require')).toBe(
      'postgres://db.internal:5432/berth',
    );
    expect(describeUrl('redis://:s3cret@cache:6379')).toBe('redis://cache:6379');
    expect(describeUrl('not a url')).toBe('(unparseable URL)');
  });
});
