import { readFileSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { AskContext, RecordedEvent } from '../../src/recording/events.ts';
import { hashUser, redact, type TextMode } from '../../src/recording/privacy.ts';
import { toRow } from '../../src/recording/rows.ts';
import { SqliteRecorder } from '../../src/recording/sqlite-recorder.ts';
import { tempDir } from './knowledge-helpers.ts';

const SECRETS = {
  slackBot: 'xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx',
  slackApp: 'xapp-1-A0123456789-1234567890123-abcdef0123456789',
  github: 'ghp_abcdefghijklmnopqrstuvwxyz0123456789',
  jwt: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
  awsKeyId: 'AKIAIOSFODNN7EXAMPLE',
  awsSecret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  hex: '3f786850e387550fdab836ed7e6dc881de23001b3f786850e387550f',
  apiKey: 'sk_live_51HxYzAbCdEfGh12345678IjKlMnOpQr',
  urlPassword: 'hunter2pass',
  email: 'jane.doe@corp.example',
};
const LEAKY_QUESTION =
  `why does ${SECRETS.slackBot} fail, also ${SECRETS.slackApp}, ${SECRETS.github}, ${SECRETS.jwt}, ` +
  `${SECRETS.awsKeyId} ${SECRETS.awsSecret} ${SECRETS.hex} ${SECRETS.apiKey} ` +
  `pulling from https://jane:${SECRETS.urlPassword}@registry.corp.example/v2/ asks ${SECRETS.email}`;
const RAW_USER = 'U07RAWSLACKID';
const who: AskContext = { channel: 'slack', conversation: 'dm', user: RAW_USER };

function question(text: string, at = new Date('2024-05-01T10:00:00Z')): RecordedEvent {
  return {
    type: 'question',
    at,
    context: who,
    question: text,
    outcome: 'fallback',
    entryId: null,
    confidence: 0.1,
    latencyMs: 1,
  };
}

describe('redaction', () => {
  it('removes every kind of obvious secret and personal data', () => {
    const out = redact(LEAKY_QUESTION);
    for (const [kind, secret] of Object.entries(SECRETS)) expect(out, kind).not.toContain(secret);
    expect(out).toBe(
      'why does [token] fail, also [token], [token], [token], [token] [secret] [secret] [secret] ' +
        'pulling from https://[credentials]@registry.corp.example/v2/ asks [email]',
    );
  });

  it('keeps what makes a container question useful', () => {
    for (const text of [
      'docker run -p 8080:80 -v /var/lib/docker/volumes:/data nginx:1.25-alpine',
      'why is my-very-long-service-name-2024-Production restarting',
      'kubernetes_io_hostname_label_value_2024_production_ready',
      'pull registry.example.com/team/app:1.2.3 behind https://proxy.corp.example:3128/',
      'pull nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef fails',
    ])
      expect(redact(text)).toBe(text);
  });

  it('removes password assignments and private keys', () => {
    expect(redact('docker login --password s3cr3t! -u me')).toBe('docker login --password [secret] -u me');
    expect(redact('DB_PASSWORD=hunter2 in compose')).toBe('DB_PASSWORD=[secret] in compose');
    expect(redact('-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY----- why')).toBe(
      '[private key] why',
    );
  });
});

describe('what is stored, per RECORDING_QUESTION_TEXT', () => {
  const policy = (textMode: TextMode) => ({ salt: 'salt-0123456789abcdef', textMode });
  const feedback: RecordedEvent = {
    type: 'feedback',
    at: new Date(),
    context: who,
    entryId: 'what-is-a-cgroup',
    helpful: false,
    comment: `wrong, ask ${SECRETS.email}`,
  };

  it('full: the text verbatim', () => {
    expect(toRow(question(LEAKY_QUESTION), policy('full')).values.question).toBe(LEAKY_QUESTION);
    expect(toRow(feedback, policy('full')).values.comment).toBe(`wrong, ask ${SECRETS.email}`);
  });

  it('redacted: the text without secrets, comments too', () => {
    expect(toRow(question(LEAKY_QUESTION), policy('redacted')).values.question).toBe(redact(LEAKY_QUESTION));
    expect(toRow(feedback, policy('redacted')).values.comment).toBe('wrong, ask [email]');
  });

  it('off: no text at all, the outcome still', () => {
    const row = toRow(question(LEAKY_QUESTION), policy('off'));
    expect(row.values).toMatchObject({ question: null, outcome: 'fallback' });
    expect(toRow(feedback, policy('off')).values).toMatchObject({ comment: null, helpful: 0 });
  });

  it('user ids only as salted hashes: stable per salt, different across salts and channels', () => {
    const a = toRow(question('x'), policy('full')).values.asker;
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(a).toBe(hashUser('salt-0123456789abcdef', 'slack', RAW_USER));
    expect(hashUser('another-salt-0123456789', 'slack', RAW_USER)).not.toBe(a);
    expect(hashUser('salt-0123456789abcdef', 'teams', RAW_USER)).not.toBe(a);
    expect(hashUser('salt-0123456789abcdef', 'web', '')).toBeNull();
  });
});

describe('the database file', () => {
  async function recordAll(textMode: TextMode, salt?: string) {
    const file = path.join(tempDir('berth-privacy-'), 'berth.db');
    const recorder = SqliteRecorder.open({ file, textMode, retentionDays: 90, salt });
    recorder.record(question(LEAKY_QUESTION, new Date()));
    recorder.record({
      type: 'choice',
      at: new Date(),
      context: who,
      question: LEAKY_QUESTION,
      entryId: 'what-is-a-cgroup',
    });
    recorder.record({
      type: 'feedback',
      at: new Date(),
      context: who,
      entryId: 'what-is-a-cgroup',
      helpful: false,
      comment: LEAKY_QUESTION,
    });
    await recorder.flush();
    recorder.close();
    return { file, bytes: readFileSync(file).toString('latin1') };
  }

  it.each(['redacted', 'off'] as const)('%s: holds no token, secret, e-mail or raw user id', async (mode) => {
    const { bytes, file } = await recordAll(mode);
    for (const secret of [...Object.values(SECRETS), RAW_USER]) expect(bytes).not.toContain(secret);
    const db = new BetterSqlite3(file, { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM questions').get()).toEqual({ n: 1 });
    const stored = db.prepare('SELECT question FROM choices').get() as { question: string | null };
    expect(stored.question).toBe(mode === 'off' ? null : redact(LEAKY_QUESTION));
    db.close();
  });

  it('generates a salt once, keeps it in the database, and reuses it', async () => {
    const { file } = await recordAll('off');
    const db = new BetterSqlite3(file);
    const salt = (db.prepare("SELECT value FROM meta WHERE key = 'asker_salt'").get() as { value: string })
      .value;
    expect(salt).toMatch(/^[0-9a-f]{64}$/);
    const asker = (db.prepare('SELECT asker FROM questions').get() as { asker: string }).asker;
    expect(asker).toBe(hashUser(salt, 'slack', RAW_USER));
    db.close();
    const again = SqliteRecorder.open({ file, textMode: 'off', retentionDays: 90 });
    again.record(question('again', new Date()));
    again.close();
    const check = new BetterSqlite3(file, { readonly: true });
    const askers = check.prepare('SELECT DISTINCT asker FROM questions').all();
    expect(askers).toEqual([{ asker }]);
    check.close();
  });

  it('a configured RECORDING_SALT is used and never written to the database', async () => {
    const salt = 'configured-salt-which-stays-outside';
    const { bytes, file } = await recordAll('off', salt);
    expect(bytes).not.toContain(salt);
    const db = new BetterSqlite3(file, { readonly: true });
    expect(db.prepare('SELECT asker FROM questions').get()).toEqual({
      asker: hashUser(salt, 'slack', RAW_USER),
    });
    db.close();
  });
});
