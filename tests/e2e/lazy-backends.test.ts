import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../unit/knowledge-helpers.ts';
import { startReplicas, stopReplicas, webAsker } from './replicas.ts';
import { DATABASE_URL, dropRedisKeys, dropSchema, REDIS_URL, runId } from './shared-backends.ts';

/**
 * With REDIS_URL and DATABASE_URL unset, `berth serve` must not even load the Redis and PostgreSQL
 * clients (nor Berth's modules for them): a single replica pays nothing for them.
 */
const REGISTER = path.resolve(import.meta.dirname, '../fixtures/module-log/register.mjs');
const prefix = `${runId()}:`;
const schema = runId();

afterAll(async () => {
  await dropRedisKeys(prefix);
  await dropSchema(schema);
});

/** Every module URL `berth serve` imported while starting, answering one question and stopping. */
async function modulesLoadedBy(env: Record<string, string>): Promise<string[]> {
  const log = path.join(tempDir('berth-modules-'), 'modules.txt');
  const replicas = await startReplicas(
    { ...env, RECORDING: 'on', NODE_OPTIONS: `--import=${REGISTER}`, BERTH_MODULE_LOG: log },
    1,
  );
  try {
    const [replica] = replicas;
    if (!replica) throw new Error('no replica started');
    expect((await webAsker('lazy-modules').ask(replica, 'what is a cgroup')).status).toBe(200);
  } finally {
    await stopReplicas(replicas);
  }
  return readFileSync(log, 'utf8').split('\n').filter(Boolean);
}

const BACKENDS =
  /\/node_modules\/(?:pg|pg-[a-z-]+|redis|@redis\/[a-z-]+)\/|\/stores\/redis-|\/recording\/postgres-/;

describe('the shared stores are loaded only when configured', () => {
  it('unset: berth serve loads neither the Redis nor the PostgreSQL client', async () => {
    const modules = await modulesLoadedBy({ RECORDING_DB: path.join(tempDir('berth-lazy-'), 'berth.db') });
    expect(modules).toContainEqual(expect.stringMatching(/\/dist\/adapters\/server\/serve\.js$/));
    expect(modules).toContainEqual(expect.stringMatching(/\/node_modules\/better-sqlite3\//));
    expect(modules.filter((url) => BACKENDS.test(url))).toEqual([]);
  }, 60_000);

  it('set: it loads both (so the check above can fail)', async () => {
    const modules = await modulesLoadedBy({
      REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
      DATABASE_URL,
      DATABASE_SCHEMA: schema,
    });
    const loaded = modules.filter((url) => BACKENDS.test(url)).join('\n');
    expect(loaded).toMatch(/\/node_modules\/redis\//);
    expect(loaded).toMatch(/\/node_modules\/pg\//);
    expect(loaded).toMatch(/\/stores\/redis-state\.js/);
    expect(loaded).toMatch(/\/recording\/postgres-recorder\.js/);
  }, 60_000);
});
