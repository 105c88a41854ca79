// The lean runtime mirrors one XState version's interpreter (its macrostep, action order and deferral), so it
// runs only on the version it was verified against: package.json pins xstate to it exactly, and the first lean
// actor of a process checks the installed one. Another version gets a clear error, never a silent divergence.
import { createRequire } from 'node:module';

/** The xstate version the lean runtime was verified against (test/model/runtimeConformance.test.ts). */
export const VERIFIED_XSTATE_VERSION = '5.33.3';

/** The lean runtime cannot run on the installed xstate. */
export class LeanRuntimeVersionError extends Error {
  constructor(readonly installed: string) {
    super(
      `the lean runtime was verified against xstate ${VERIFIED_XSTATE_VERSION}, but xstate ${installed} is installed: ` +
        `run \`npm ci\` (package.json pins xstate ${VERIFIED_XSTATE_VERSION}), or give --runtime xstate to run XState's own interpreter`,
    );
    this.name = 'LeanRuntimeVersionError';
  }
}

/** The version of the xstate package this process imports. */
export function installedXstateVersion(): string {
  const pkg = createRequire(import.meta.url)('xstate/package.json') as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : 'of unknown version';
}

let verified = false;

/**
 * Throw LeanRuntimeVersionError unless `installed` is the verified version; once per process by default.
 *
 * @example
 * checkXstateVersion(); // passes on the pinned install
 * checkXstateVersion('5.34.0'); // throws: verified against xstate 5.33.3, but xstate 5.34.0 is installed
 */
export function checkXstateVersion(installed?: string): void {
  if (installed === undefined && verified) return;
  const version = installed ?? installedXstateVersion();
  if (version !== VERIFIED_XSTATE_VERSION) throw new LeanRuntimeVersionError(version);
  if (installed === undefined) verified = true;
}
