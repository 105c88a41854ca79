// `txsim explore --shard i/n` and `txsim merge`: shards split the seeds into contiguous, disjoint, complete parts;
// the merged summaries of shards 1/3, 2/3 and 3/3 are the unsharded summary; a missing shard exits 2 (unless --allow-partial);
// bad --shard values and inconsistent shard files exit 2 with a message naming the problem.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { shardArg, shardRange } from '../../cli/shard.ts';
import { cli, tempDir, writeTemp } from './support.ts';

/** The summary without the fields that say how (and on how many machines) it was run, and the shrunk first failure (merge does not shrink). */
function results(stdout: string): Record<string, unknown> {
  const { wallMs: _wall, workers: _workers, merged: _merged, shrunk: _shrunk, ...rest } = JSON.parse(stdout) as Record<string, unknown>;
  return rest;
}

const EXPLORATION = ['--profile', 'harsh', '--runs', '30', '--seed', '41'];

/** Run each shard of EXPLORATION in this thread; returns the paths of their --json summaries. */
async function shardFiles(count: number, indexes: number[]): Promise<string[]> {
  const dir = tempDir();
  const files: string[] = [];
  for (const index of indexes) {
    const r = await cli(['explore', ...EXPLORATION, '--shard', `${index}/${count}`, '--workers', '1', '--json', '--out', join(dir, 'failures')]);
    expect(r.stderr).toBe('');
    const file = join(dir, `shard-${index}.json`);
    writeFileSync(file, r.stdout);
    files.push(file);
  }
  return files;
}

describe('shard ranges', () => {
  test('the shards of a range are contiguous, disjoint and complete, their sizes within one seed', () => {
    for (const runs of [1, 2, 7, 30, 100, 1001]) {
      for (let count = 1; count <= Math.min(runs, 9); count++) {
        let next = 10;
        const sizes: number[] = [];
        for (let index = 1; index <= count; index++) {
          const part = shardRange({ fromSeed: 10, runs }, { index, count });
          expect(part.fromSeed).toBe(next);
          next += part.runs;
          sizes.push(part.runs);
        }
        expect(next).toBe(10 + runs);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }
    }
  });

  test('--shard parses i/n', () => {
    expect(shardArg('2/8')).toEqual({ index: 2, count: 8 });
    expect(shardArg('1/1')).toEqual({ index: 1, count: 1 });
  });
});

describe('explore --shard', () => {
  test('a shard runs its part and says which; the JSON names the part, the whole and the shard', async () => {
    const r = await cli(['explore', ...EXPLORATION, '--shard', '2/3', '--workers', '1', '--json', '--out', tempDir()]);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({ fromSeed: 51, runs: 10, seeds: [{ from: 51, to: 60 }], exploration: { fromSeed: 41, runs: 30 }, shard: { index: 2, count: 3 } });
    for (const { seed, replay } of summary.failingSeeds) {
      expect(seed).toBeGreaterThanOrEqual(51);
      expect(seed).toBeLessThanOrEqual(60);
      expect(replay).toBe(`npx txsim replay --seed ${seed} --profile harsh --runtime lean`);
    }
    const text = await cli(['explore', ...EXPLORATION, '--shard', '2/3', '--workers', '1', '--out', tempDir()]);
    expect(text.stdout).toContain('shard 2/3: seeds 51..60 of 41..70 (10 runs; repeat with --seed 41 --runs 30 --shard 2/3)');
    expect(text.stdout).toMatch(/ {2}runs +10 \(seeds 51\.\.60, shard 2\/3 of seeds 41\.\.70\)\n/);
  });

  test.each([['0/2'], ['3/2'], ['a/b'], ['1/0'], ['2'], ['1/2/3'], ['-1/2'], ['1.5/2']])('--shard %s exits 2 naming the flag', async (value) => {
    const r = await cli(['explore', '--runs', '4', '--seed', '1', '--shard', value]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`option '--shard <i/n>' argument '${value}' is invalid. It must be i/n with 1 <= i <= n`);
  });

  test('--shard needs --seed, and no more shards than runs', async () => {
    const noSeed = await cli(['explore', '--runs', '4', '--shard', '1/2']);
    expect(noSeed.code).toBe(2);
    expect(noSeed.stderr).toContain('--shard 1/2 needs --seed');
    const tooMany = await cli(['explore', '--runs', '4', '--seed', '1', '--shard', '5/5']);
    expect(tooMany.code).toBe(2);
    expect(tooMany.stderr).toContain('--shard 5/5 with --runs 4: more shards than runs');
  });
});

describe('txsim merge', () => {
  test('shards 1/3, 2/3 and 3/3 merged, in any order, are the unsharded exploration', async () => {
    const files = await shardFiles(3, [1, 2, 3]);
    const whole = await cli(['explore', ...EXPLORATION, '--workers', '1', '--json', '--out', join(tempDir(), 'failures')]);
    const merged = await cli(['merge', files[2]!, files[0]!, files[1]!, '--json']);
    expect(merged.stderr).toBe('');
    const summary = JSON.parse(merged.stdout);
    expect(summary.merged).toMatchObject({ shardCount: 3, shards: [1, 2, 3], missingShards: [], files: [files[0], files[1], files[2]] });
    expect(summary.failingRuns, 'harsh fails often in 30 seeds').toBeGreaterThan(3);
    // Replay files live where each shard wrote them; everything else is the same.
    const withoutPaths = (s: Record<string, unknown>) => ({ ...s, failures: (s.failures as Array<Record<string, unknown>>).map(({ replayFile: _f, ...f }) => f) });
    expect(withoutPaths(results(merged.stdout))).toEqual(withoutPaths(results(whole.stdout)));
    expect(merged.code).toBe(whole.code);

    const text = await cli(['merge', ...files]);
    expect(text.code).toBe(merged.code);
    expect(text.stdout).toMatch(/Summary:\n {2}profile +harsh.*\n {2}runs +30 \(seeds 41\.\.70\)\n {2}merged +3 of 3 shards from 3 files\n {2}failing runs +\d+\n/);
    expect(text.stdout.match(/^FAIL seed /gm)?.length).toBe(summary.failingRuns);
  });

  test('a missing shard exits 2; the summary says which seeds it covers', async () => {
    const files = await shardFiles(3, [1, 3]);
    const r = await cli(['merge', ...files, '--json']);
    expect(r.stderr).toBe(
      'txsim merge: shard 2/3 (seeds 51..60) is missing\n' +
        'txsim merge: incomplete: 1 of 3 shards missing (exit 2); run them and merge again, or accept the gap with --allow-partial\n',
    );
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({ runs: 20, seeds: [{ from: 41, to: 50 }, { from: 61, to: 70 }], merged: { shards: [1, 3], missingShards: [2] } });
    expect(r.code).toBe(2);
  });

  test('--allow-partial merges with a gap, still says so, and exits on the runs merged', async () => {
    const files = await shardFiles(3, [1, 3]);
    const r = await cli(['merge', ...files, '--allow-partial']);
    expect(r.stderr).toBe('txsim merge: warning: shard 2/3 (seeds 51..60) is missing; the summary covers only the shards given (--allow-partial)\n');
    expect(r.stdout).toMatch(/merged +2 of 3 shards from 2 files; MISSING 2\/3 \(seeds 51\.\.60\)/);
    expect(r.code).toBe(r.stdout.includes('FAILED:') ? 1 : 0);
  });

  test('a shard stopped early (Ctrl-C, --max-failures) is refused with the way on', async () => {
    const out = tempDir();
    const stopped = await cli(['explore', '--profile', 'harsh', '--runs', '30', '--seed', '41', '--shard', '2/3', '--max-failures', '1', '--workers', '1', '--json', '--out', out]);
    expect(JSON.parse(stopped.stdout).stopped).toMatchObject({ reason: 'max-failures' });
    const [one] = await shardFiles(3, [1]);
    const r = await cli(['merge', one!, writeTemp('stopped.json', stopped.stdout)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/stopped\.json: this shard stopped early \(max-failures\) before seed \d+; run the shard again/);
  });

  test('inconsistent or unreadable files exit 2 with a clear message', async () => {
    const [one, two] = await shardFiles(3, [1, 2]);
    const other = await cli(['explore', '--profile', 'harsh', '--runs', '30', '--seed', '42', '--shard', '3/3', '--workers', '1', '--json', '--out', tempDir()]);
    const otherFile = writeTemp('other.json', other.stdout);
    const cases: Array<[string[], string]> = [
      [[one!, otherFile], 'txsim: merge: the files belong to different explorations'],
      [[one!, two!, one!], 'is given twice; give each shard once'],
      [[one!, writeTemp('edited.json', { ...JSON.parse(readFileSync(two!, 'utf8')), shard: { index: 1, count: 3 } })], 'shard 1/3 is in both'],
      [[writeTemp('short.json', { ...JSON.parse(other.stdout), runs: 3 })], 'was it cut short or edited?'],
      [[writeTemp('scenario.json', { name: 'x', orders: [] })], 'not fit the summary that `txsim explore --json` writes'],
      [[writeTemp('broken.json', '{"profile": ')], 'malformed JSON'],
      [[join(tempDir(), 'nope.json')], 'no such file'],
    ];
    for (const [files, message] of cases) {
      const r = await cli(['merge', ...files]);
      expect(r.code, message).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(message);
    }
    const different = await cli(['merge', one!, otherFile]);
    expect(different.stderr).toContain(`${one}: profile harsh, --seed 41 --runs 30, 3 shards`);
    expect(different.stderr).toContain(`${otherFile}: profile harsh, --seed 42 --runs 30, 3 shards`);
  });
});
