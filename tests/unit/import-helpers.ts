import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { CHANNEL_REQUIREMENTS } from '../../adapters/server/requirements.ts';
import { exportCommand } from '../../src/cli/export.ts';
import { importCommand } from '../../src/cli/import.ts';
import type { CliIo } from '../../src/cli/io.ts';
import { BUILTIN_KNOWLEDGE_DIR } from '../../src/config.ts';

export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/import');

/** The date every test import stamps as `reviewed`. */
export const IMPORT_DATE = '2026-05-04';

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

function capture(): { io: CliIo; result: () => Pick<CommandResult, 'stdout' | 'stderr'> } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk.toString()));
  stderr.on('data', (chunk: Buffer) => err.push(chunk.toString()));
  const io: CliIo = { stdin: new PassThrough(), stdout, stderr };
  return { io, result: () => ({ stdout: out.join(''), stderr: err.join('') }) };
}

/** `berth import ...` in process, over the built-in knowledge, as of IMPORT_DATE. */
export async function berthImport(args: string[], cwd = process.cwd()): Promise<CommandResult> {
  const { io, result } = capture();
  const code = importCommand([BUILTIN_KNOWLEDGE_DIR], args, io, {
    cwd,
    today: IMPORT_DATE,
    channels: CHANNEL_REQUIREMENTS,
  });
  await new Promise((resolve) => setImmediate(resolve));
  return { code, ...result() };
}

/** `berth export ...` in process. */
export async function berthExport(args: string[], cwd = process.cwd()): Promise<CommandResult> {
  const { io, result } = capture();
  const code = exportCommand(args, io, cwd);
  await new Promise((resolve) => setImmediate(resolve));
  return { code, ...result() };
}

/** Every file under `dir` (relative path -> content), for comparing whole knowledge directories. */
export function filesUnder(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files[path.relative(dir, full)] = readFileSync(full, 'utf8');
  }
  return files;
}
