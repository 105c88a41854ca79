// Helpers for the CLI tests: run the command in-process with captured output, spawn the real bin in a fresh
// process, and temporary directories.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../cli/runCli.ts';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = join(REPO_ROOT, 'bin/txsim.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run txsim in-process (cwd defaults to the repo root) and capture its output. */
export async function cli(argv: string[], options: { cwd?: string; isTTY?: boolean } = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    isTTY: options.isTTY ?? false,
    cwd: options.cwd ?? REPO_ROOT,
  });
  return { code, stdout, stderr };
}

/** Run `node bin/txsim.js ...` in a fresh process. */
export function spawnCli(argv: string[], cwd = REPO_ROOT): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...argv], { cwd, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh temporary directory. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'txsim-cli-'));
}

/** Write a JSON (or raw text) file into a fresh temporary directory; returns its path. */
export function writeTemp(name: string, content: unknown): string {
  const path = join(tempDir(), name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}

/** A minimal valid scenario, with overrides. */
export function scenario(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: 'test', seed: 3, orders: [{ id: 'o1', amount: 100, walletBalance: 1000 }], ...overrides };
}
