// The lean runtime runs only on the xstate it was verified against: package.json and its lock pin that exact
// version, and any other installed version is refused with both versions named and the fix.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { checkXstateVersion, installedXstateVersion, LeanRuntimeVersionError, VERIFIED_XSTATE_VERSION } from '../../sim/lean/version.ts';

const json = (path: string) => JSON.parse(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8'));

describe('the xstate pin', () => {
  test('package.json and package-lock.json pin exactly the verified version, and it is the one installed', () => {
    expect(json('package.json').dependencies.xstate).toBe(VERIFIED_XSTATE_VERSION);
    const lock = json('package-lock.json');
    expect(lock.packages[''].dependencies.xstate).toBe(VERIFIED_XSTATE_VERSION);
    expect(lock.packages['node_modules/xstate'].version).toBe(VERIFIED_XSTATE_VERSION);
    expect(installedXstateVersion()).toBe(VERIFIED_XSTATE_VERSION);
    expect(() => checkXstateVersion()).not.toThrow();
  });

  test('another installed version is refused, naming both versions and the fix', () => {
    expect(() => checkXstateVersion('5.34.0')).toThrow(LeanRuntimeVersionError);
    expect(() => checkXstateVersion('5.34.0')).toThrow(
      'the lean runtime was verified against xstate 5.33.3, but xstate 5.34.0 is installed: run `npm ci` (package.json pins xstate 5.33.3), or give --runtime xstate',
    );
    expect(() => checkXstateVersion(VERIFIED_XSTATE_VERSION)).not.toThrow();
  });
});
