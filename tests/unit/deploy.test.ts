import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { readServerConfig } from '../../adapters/server/config.ts';
import { startTestServer, type TestServer } from '../e2e/harness.ts';

/**
 * The deployment examples cannot run here (no Docker engine, no cluster), so they are checked as
 * data: the structure, and that every name they use exists in Berth (variables the configuration
 * module reads, probe paths the server answers).
 */
const root = path.resolve(import.meta.dirname, '../..');
const deploy = (...parts: string[]) => path.join(root, 'deploy', ...parts);

type Json = Record<string, unknown>;
const at = (value: unknown, ...keys: Array<string | number>): unknown =>
  keys.reduce<unknown>((node, key) => (node as Record<string | number, unknown> | undefined)?.[key], value);

/** Every variable readServerConfig reads, found by watching it read (with the shared stores on, so their companions are read too). */
function configVariables(): Set<string> {
  const names = new Set<string>();
  for (const env of [{}, { REDIS_URL: 'redis://r:6379', DATABASE_URL: 'postgres://p/b' }]) {
    const watched = new Proxy<Record<string, string | undefined>>(env, {
      get(target, name) {
        if (typeof name === 'string') names.add(name);
        return target[name as string];
      },
    });
    readServerConfig(watched, '/srv/berth');
  }
  return names;
}

const VARIABLES = configVariables();

describe('the configuration module', () => {
  it('reads the shared-store variables, and .env.example documents every variable it reads', () => {
    for (const name of [
      'REDIS_URL',
      'REDIS_KEY_PREFIX',
      'DATABASE_URL',
      'DATABASE_SCHEMA',
      'RECORDING_QUEUE_LIMIT',
    ])
      expect(VARIABLES).toContain(name);
    const example = readFileSync(path.join(root, '.env.example'), 'utf8');
    const documented = [...VARIABLES].filter((name) => new RegExp(`^# ${name}=`, 'm').test(example));
    expect([...VARIABLES].filter((name) => !documented.includes(name))).toEqual([]);
  });
});

describe('deploy/compose.yaml', () => {
  const compose = parse(readFileSync(deploy('compose.yaml'), 'utf8')) as Json;
  const services = compose.services as Record<string, Json>;
  const berth = services.berth as Json;
  const environment = berth.environment as Record<string, string>;

  it('runs two Berth replicas built from this repository', () => {
    expect(at(berth, 'deploy', 'replicas')).toBe(2);
    expect(berth.build).toBe('..');
    expect(berth.image).toBe('berth');
  });

  it('uses only variables Berth reads, and points them at the Redis and PostgreSQL services', () => {
    expect(Object.keys(environment).filter((name) => !VARIABLES.has(name))).toEqual([]);
    expect(readServerConfig(environment).redis).toEqual({ url: 'redis://redis:6379', keyPrefix: 'berth:' });
    const database = new URL(environment.DATABASE_URL ?? '');
    const postgres = services.postgres as Json;
    expect(String(postgres.image)).toMatch(/^postgres:\d+/);
    expect(database.hostname).toBe('postgres');
    expect(database.username).toBe(at(postgres, 'environment', 'POSTGRES_USER'));
    expect(database.pathname).toBe(`/${at(postgres, 'environment', 'POSTGRES_DB')}`);
    expect(decodeURIComponent(database.password)).toBe(at(postgres, 'environment', 'POSTGRES_PASSWORD'));
    expect(String(at(services, 'redis', 'image'))).toMatch(/^redis:\d+/);
    for (const dependency of ['redis', 'postgres'])
      expect(at(berth, 'depends_on', dependency, 'condition')).toBe('service_healthy');
  });

  it('puts a load balancer in front of both replicas, on the port Berth listens on', () => {
    const nginx = services.nginx as Json;
    expect(String(nginx.image)).toMatch(/^nginx:/);
    const [published, target] = String((nginx.ports as string[])[0]).split(':');
    const mount = String((nginx.volumes as string[])[0]);
    expect(mount).toBe('./nginx.conf:/etc/nginx/nginx.conf:ro');
    const conf = readFileSync(deploy('nginx.conf'), 'utf8');
    expect(conf).toContain(`listen ${target};`);
    expect(published).toBe(target);
    expect(conf).toMatch(new RegExp(`server berth:${environment.PORT}\\b`));
    expect(conf).toContain('proxy_pass http://berth;');
  });
});

describe('deploy/kubernetes', () => {
  const files = readdirSync(deploy('kubernetes')).filter((f) => f.endsWith('.yaml'));
  const documents = files.flatMap((file) =>
    parseAllDocuments(readFileSync(deploy('kubernetes', file), 'utf8')).map((d) => d.toJS() as Json),
  );
  const ofKind = (kind: string) => documents.filter((d) => d.kind === kind);
  const [deployment] = ofKind('Deployment');
  const container = at(deployment, 'spec', 'template', 'spec', 'containers', 0) as Json;
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('lists every manifest in the kustomization', () => {
    const [kustomization] = ofKind('Kustomization');
    expect([...((kustomization?.resources as string[] | undefined) ?? [])].sort()).toEqual(
      files.filter((f) => f !== 'kustomization.yaml').sort(),
    );
  });

  it('runs two replicas of the Berth image, its environment from the Secret', () => {
    expect(ofKind('Deployment')).toHaveLength(1);
    expect(at(deployment, 'spec', 'replicas')).toBe(2);
    expect(String(container.image)).toMatch(/\/berth:[\w.-]+$/);
    const secretName = at(container, 'envFrom', 0, 'secretRef', 'name');
    const secret = ofKind('Secret').find((s) => at(s, 'metadata', 'name') === secretName);
    expect(secret).toBeDefined();
    const names = [
      ...Object.keys(secret?.stringData as Json),
      ...(container.env as Array<{ name: string }>).map((e) => e.name),
    ];
    expect(names.filter((name) => !VARIABLES.has(name))).toEqual([]);
    expect(names).toEqual(expect.arrayContaining(['REDIS_URL', 'DATABASE_URL']));
  });

  it('probes /healthz for liveness and /readyz for readiness, on the port Berth listens on', async () => {
    expect(at(container, 'livenessProbe', 'httpGet', 'path')).toBe('/healthz');
    expect(at(container, 'readinessProbe', 'httpGet', 'path')).toBe('/readyz');
    const port = at(container, 'ports', 0) as Json;
    const env = Object.fromEntries(
      (container.env as Array<{ name: string; value: string }>).map((e) => [e.name, e.value]),
    );
    expect(String(port.containerPort)).toBe(env.PORT);
    for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe']) {
      expect(at(container, probe, 'httpGet', 'port')).toBe(port.name);
      const probePath = String(at(container, probe, 'httpGet', 'path'));
      expect((await fetch(`${server.url}${probePath}`)).status, probePath).toBe(200);
    }
  });

  it('exposes both replicas through one Service, and keeps one up through disruptions', () => {
    const labels = at(deployment, 'spec', 'template', 'metadata', 'labels') as Json;
    expect(at(deployment, 'spec', 'selector', 'matchLabels')).toEqual(labels);
    const [service] = ofKind('Service');
    expect(at(service, 'spec', 'selector')).toEqual(labels);
    expect(at(service, 'spec', 'ports', 0, 'targetPort')).toBe(at(container, 'ports', 0, 'name'));
    const [budget] = ofKind('PodDisruptionBudget');
    expect(at(budget, 'spec', 'selector', 'matchLabels')).toEqual(labels);
    expect(at(budget, 'spec', 'minAvailable')).toBe(1);
  });
});
