// The real command in fresh processes (each spawn costs about half a second, so only a few): help, a shared
// example file, a bad flag without a stack trace, and explore on every core, which bin/txsim.js starts again
// without V8's helper threads: the same summary as with them, and Ctrl-C still stops it. The fresh-process replay test is in exploreFailures.test.ts.
import { spawn, spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { BIN, REPO_ROOT, spawnCli, tempDir } from './support.ts';

describe('node bin/txsim.js', () => {
  test('--help', () => {
    const r = spawnCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: txsim');
  });

  test('run an example scenario file', () => {
    const r = spawnCli(['run', 'scenarios/examples/lost-rollback.json', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ name: 'lost-rollback', ok: true, seed: 21 });
  });

  test('a bad flag exits 2 with one clear line', () => {
    const r = spawnCli(['explore', '--runs', 'abc']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("txsim: option '--runs <n>' argument 'abc' is invalid. It must be an integer from 1 to 10000000.");
    expect(r.stderr).not.toMatch(/\bat .*:\d+:\d+/);
    expect(r.stdout).toBe('');
  });

  test('explore on every core: the same summary with and without V8 helper threads', () => {
    const args = ['explore', '--runs', '6', '--seed', '11', '--profile', 'harsh', '--workers', '2', '--json', '--out', tempDir()];
    const strip = (stdout: string) => {
      const { wallMs: _w, ...rest } = JSON.parse(stdout);
      return rest;
    };
    const restarted = spawnCli(args);
    const helpers = spawnSync(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, TXSIM_V8_HELPERS: '1' } });
    expect([0, 1]).toContain(restarted.code);
    expect(helpers.status).toBe(restarted.code);
    expect(strip(restarted.stdout)).toEqual(strip(helpers.stdout));
  });

  test('Ctrl-C stops an exploration started again without helper threads', async () => {
    const child = spawn(process.execPath, [BIN, 'explore', '--runs', '1000000', '--seed', '1', '--workers', '2', '--out', tempDir()], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'ignore'] });
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    // Once the header is out the command is running (before that, Ctrl-C ends a node still loading, as it should).
    await new Promise((resolve) => child.stdout.once('data', resolve));
    await new Promise((resolve) => setTimeout(resolve, 500));
    child.kill('SIGINT');
    child.stdout.resume();
    // The restarted command prints its summary so far and exits 130 itself (test/cli/exitCodes.test.ts).
    expect(await exited).toEqual({ code: 130, signal: null });
  });
});
