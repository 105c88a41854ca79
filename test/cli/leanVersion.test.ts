// An install with another xstate than the verified one: every lean run stops at start with exit 3 and the fix;
// XState's own interpreter still runs. The installed version is faked through the version module.
import { describe, expect, test, vi } from 'vitest';
import { cli, tempDir } from './support.ts';

vi.mock('../../sim/lean/version.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../sim/lean/version.ts')>();
  return { ...actual, checkXstateVersion: () => actual.checkXstateVersion('5.99.0') };
});

describe('the lean runtime on an unverified xstate', () => {
  test('run, replay and explore exit 3 naming the verified and the installed version', async () => {
    for (const argv of [['run', 'happy-path'], ['replay', '--seed', '1'], ['explore', '--runs', '2', '--seed', '1', '--workers', '2', '--out', tempDir()]]) {
      const r = await cli(argv);
      expect(r.code, argv.join(' ')).toBe(3);
      expect(r.stderr, argv.join(' ')).toContain('txsim: the lean runtime was verified against xstate 5.33.3, but xstate 5.99.0 is installed: run `npm ci`');
      expect(r.stderr).not.toContain('internal error');
    }
  });

  test('--runtime xstate still runs', async () => {
    const r = await cli(['run', 'happy-path', '--runtime', 'xstate']);
    expect(r.code).toBe(0);
  });
});
