import { type ChildProcess, spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const BERTH = fileURLToPath(new URL('../../bin/berth.js', import.meta.url));

export interface BerthProcess {
  child: ChildProcess;
  /** Parsed JSON log lines written so far. */
  logs: Record<string, unknown>[];
  stderr(): string;
  /** Resolves with the first log line `match` accepts (rejects if the process exits first). */
  waitForLog(match: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  /** Resolves with the exit code (or the signal that killed it). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Runs `node bin/berth.js serve` as a child process, the way `npm start` does, with JSON logs. It
 * runs in the temp directory with only `env`, so a developer's `.env` cannot change the outcome.
 */
export function spawnBerth(env: Record<string, string>): BerthProcess {
  const child = spawn(process.execPath, [BERTH, 'serve'], {
    cwd: tmpdir(),
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
      KNOWLEDGE_WATCH: 'false',
      RECORDING: 'off',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  const waiters: {
    match: (line: Record<string, unknown>) => boolean;
    resolve: (line: Record<string, unknown>) => void;
  }[] = [];
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    const lines = stdout.split('\n');
    stdout = lines.pop() ?? '';
    for (const text of lines) {
      if (!text.trim()) continue;
      const line = JSON.parse(text) as Record<string, unknown>;
      logs.push(line);
      for (const w of waiters.filter((w) => w.match(line))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    logs,
    stderr: () => stderr,
    exited,
    waitForLog(match) {
      const seen = logs.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        waiters.push({ match, resolve });
        void exited.then(({ code }) =>
          reject(new Error(`berth exited (${code}) before the log line; stderr: ${stderr}`)),
        );
      });
    },
  };
}

/** The URL a spawned server listens on, from its start-up log line. */
export async function urlOf(berth: BerthProcess): Promise<string> {
  const line = await berth.waitForLog((l) => l.msg === 'Berth is listening');
  return String(line.url);
}
