// `--shard-count n`: the shard index from the environment, as a Kubernetes Indexed Job (JOB_COMPLETION_INDEX,
// 0-based) or a CI matrix (--shard-index-env NAME, --shard-index-base 0|1) gives it. The shard run is exactly
// `--shard i/n`; a missing, malformed or out-of-range index exits 2 naming the variable and the fix.
import { describe, expect, test } from 'vitest';
import { runCli } from '../../cli/runCli.ts';
import { shardFromEnv } from '../../cli/shard.ts';
import { cli, REPO_ROOT, tempDir } from './support.ts';

async function withEnv(argv: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, isTTY: false, cwd: REPO_ROOT, env });
  return { code, stdout, stderr };
}

const EXPLORE = ['explore', '--seed', '1', '--runs', '40', '--workers', '1', '--json'];

describe('--shard-count with the index from the environment', () => {
  test('JOB_COMPLETION_INDEX=2 of 4 runs shard 3/4, the same as --shard 3/4', async () => {
    const out = tempDir();
    const fromEnv = await withEnv([...EXPLORE, '--out', out, '--shard-count', '4'], { JOB_COMPLETION_INDEX: '2' });
    const explicit = await cli([...EXPLORE, '--out', out, '--shard', '3/4']);
    const strip = (stdout: string) => {
      const { wallMs: _w, ...rest } = JSON.parse(stdout);
      return rest;
    };
    expect(fromEnv.code).toBe(explicit.code);
    expect(strip(fromEnv.stdout)).toEqual(strip(explicit.stdout));
    expect(JSON.parse(fromEnv.stdout)).toMatchObject({ shard: { index: 3, count: 4 }, seeds: [{ from: 21, to: 30 }] });
    const text = await withEnv(['explore', '--seed', '1', '--runs', '40', '--workers', '1', '--out', out, '--shard-count', '4'], { JOB_COMPLETION_INDEX: '2' });
    expect(text.stdout).toContain('shard 3/4 (index from $JOB_COMPLETION_INDEX): seeds 21..30 of 1..40 (10 runs; repeat with --seed 1 --runs 40 --shard 3/4)');
  });

  test('another variable, 1-based (GitLab CI_NODE_INDEX)', async () => {
    const r = await withEnv([...EXPLORE, '--out', tempDir(), '--shard-count', '4', '--shard-index-env', 'CI_NODE_INDEX', '--shard-index-base', '1'], { CI_NODE_INDEX: '4' });
    expect(JSON.parse(r.stdout).shard).toEqual({ index: 4, count: 4 });
    expect(shardFromEnv({ SHARD: ' 0 ' }, { count: 2, variable: 'SHARD', base: 0 })).toEqual({ index: 1, count: 2 });
  });

  test.each([
    [{}, [], 'takes the shard index from $JOB_COMPLETION_INDEX, which is not set; run it as a Kubernetes Indexed Job, set JOB_COMPLETION_INDEX to 0 to 3, or give --shard i/4'],
    [{ JOB_COMPLETION_INDEX: '4' }, [], '$JOB_COMPLETION_INDEX is "4", but with --shard-count 4 it must be a shard index from 0 to 3 (0-based; --shard-index-base 1 for 1-based)'],
    [{ JOB_COMPLETION_INDEX: 'two' }, [], '$JOB_COMPLETION_INDEX is "two"'],
    [{ CI_NODE_INDEX: '0' }, ['--shard-index-env', 'CI_NODE_INDEX', '--shard-index-base', '1'], '$CI_NODE_INDEX is "0", but with --shard-count 4 it must be a shard index from 1 to 4'],
    [{ JOB_COMPLETION_INDEX: '1' }, ['--shard', '1/4'], 'give --shard 1/4 or --shard-count 4 (the index from the environment), not both'],
  ])('bad index %j %j exits 2', async (env, flags, message) => {
    const r = await withEnv([...EXPLORE, '--out', tempDir(), '--shard-count', '4', ...flags], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });

  test('bad flags exit 2', async () => {
    expect((await withEnv([...EXPLORE, '--shard-index-env', 'X'], { X: '1' })).stderr).toContain('need --shard-count n');
    expect((await withEnv([...EXPLORE, '--shard-count', '2', '--shard-index-env', 'not a name'], {})).stderr).toContain('It must be an environment variable name');
    expect((await withEnv([...EXPLORE, '--shard-count', '2', '--shard-index-base', '2'], {})).code).toBe(2);
  });
});
