// --cross-check on the real interpreters: the seeds it picks, and both interpreters agreeing on them, on every
// worker layout (the choice depends on the seed only).
import { describe, expect, test } from 'vitest';
import { CrossCheckError, crossCheck, crossChecks } from '../../properties/crossCheck.ts';
import { exploreSeeds } from '../../properties/explore.ts';
import { PROFILES } from '../../properties/profiles/index.ts';
import { cli, tempDir } from '../cli/support.ts';

describe('cross-check', () => {
  test('picks every seed divisible by N, none for 0 or undefined', () => {
    expect([1, 2, 3, 4, 5, 6].filter((s) => crossChecks(s, 3))).toEqual([3, 6]);
    expect([1, 2, 3].filter((s) => crossChecks(s, 1))).toEqual([1, 2, 3]);
    expect(crossChecks(3, 0) || crossChecks(3, undefined)).toBe(false);
  });

  test('the real lean runtime agrees with XState on every profile', async () => {
    for (const profile of Object.keys(PROFILES)) {
      const summary = await exploreSeeds({ profile, fromSeed: 1, runs: 3, crossCheck: 1, trace: false });
      expect(summary.runs, profile).toBe(3);
    }
    expect(() => crossCheck(PROFILES.default!.generate(5), 5, 'npx txsim replay --seed 5')).not.toThrow();
  });

  test('the error names the seed and both hashes', () => {
    const error = new CrossCheckError(7, 'a'.repeat(64), 'b'.repeat(64), 'npx txsim replay --seed 7 --profile default');
    expect(error.message).toBe(
      `cross-check failed: seed 7 gives trace hash ${'a'.repeat(64)} on the lean runtime and ${'b'.repeat(64)} on XState's interpreter; ` +
        "the lean runtime departs from XState (a txsim bug, please report it); `npx txsim replay --seed 7 --profile default --runtime xstate` runs XState's",
    );
  });

  test('explore --cross-check on workers passes on the real runtime', async () => {
    const r = await cli(['explore', '--runs', '4', '--seed', '1', '--cross-check', '2', '--workers', '2', '--out', tempDir()]);
    expect(r.code).toBe(0);
  });
});
