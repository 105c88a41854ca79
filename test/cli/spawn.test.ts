// The real command in fresh processes (each spawn costs about half a second, so only a few): help, a shared
// example file, a bad flag without a stack trace. The fresh-process replay test is in exploreFailures.test.ts.
import { describe, expect, test } from 'vitest';
import { spawnCli } from './support.ts';

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
});
