// The `txsim/vitest` entry: testRuns declares a vitest test that runs checkRuns, with the test's own file and name
// in the FC_SEED replay line of its failure message. vitest is a peer dependency of this entry only.
import { expect, test } from 'vitest';
import { checkRuns, type CheckRunsOptions } from './property.ts';

/** Default time a testRuns test may take: exploring runs takes seconds, not vitest's default 5. */
export const DEFAULT_TEST_TIMEOUT_MS = 120_000;

/**
 * A vitest test that checks a property over txsim runs (default: no checker finds a violation in 100 runs of
 * the default profile). On failure the message prints the violations, `npx txsim run FILE` and the FC_SEED line.
 *
 * @example
 * import { testRuns } from 'txsim/vitest';
 * testRuns('the model survives the default profile', { profile: 'default', numRuns: 50 });
 */
export function testRuns(name: string, options: CheckRunsOptions = {}, timeoutMs = DEFAULT_TEST_TIMEOUT_MS): void {
  test(name, () => checkRuns({ testName: name, ...(expect.getState().testPath === undefined ? {} : { testFile: expect.getState().testPath as string }), ...options }), timeoutMs);
}
