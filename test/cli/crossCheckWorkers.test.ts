// A failed --cross-check inside a worker reaches the command as a RunCrashError carrying the error's name; explore
// reports it as the cross-check it is (exit 3, its message), not as a crashed run. The pool is replaced by one
// whose worker "found" a difference, since a module mock cannot reach real worker threads.
import { describe, expect, test, vi } from 'vitest';
import { cli, tempDir } from './support.ts';

vi.mock('../../cli/parallelExplore.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../cli/parallelExplore.ts')>();
  const message = `cross-check failed: seed 4 gives trace hash ${'a'.repeat(64)} on the lean runtime and ${'b'.repeat(64)} on XState's interpreter`;
  return {
    ...actual,
    exploreInWorkers: async (options: { crossCheck?: number }) => {
      if (options.crossCheck === 2) throw new actual.RunCrashError(4, message, undefined, 'CrossCheckError');
      throw new actual.RunCrashError(5, 'boom', undefined, 'Error');
    },
  };
});

describe('--cross-check on workers', () => {
  test('a worker\'s failed cross-check exits 3 with its message', async () => {
    const r = await cli(['explore', '--runs', '4', '--seed', '1', '--workers', '2', '--cross-check', '2', '--out', tempDir()]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`txsim: cross-check failed: seed 4 gives trace hash ${'a'.repeat(64)} on the lean runtime and ${'b'.repeat(64)}`);
    expect(r.stderr).not.toContain('a run crashed');
  });

  test('any other worker crash is still a crashed run naming its seed', async () => {
    const r = await cli(['explore', '--runs', '6', '--seed', '1', '--workers', '2', '--out', tempDir()]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/explore stopped, a run crashed \(seed 5: npx txsim replay --seed 5 --profile default[^)]*\): boom/);
  });
});
