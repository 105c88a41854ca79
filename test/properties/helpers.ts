// Shared by the property tests: the fast-check seed (pinned under CI, random otherwise, always printed, and
// overridable with FC_SEED / FC_PATH to replay a counterexample exactly) and an fc.assert wrapper whose failure
// message starts with the one line that replays it.
import fc from 'fast-check';
import { fastCheckLine } from '../../properties/repro.ts';

/** The seed CI pins (any fixed value; changing it explores a different slice). */
export const CI_FC_SEED = 20_261_125;

let announced = false;

/** FC_SEED if given, the pinned seed under CI, else a fresh random seed; printed once per test file. */
export function fcSeed(): number {
  const fromEnv = process.env.FC_SEED;
  const seed = fromEnv !== undefined && fromEnv !== '' ? Number(fromEnv) : process.env.CI ? CI_FC_SEED : Math.floor(Math.random() * 0x7fffffff);
  if (!announced) {
    announced = true;
    console.log(`fast-check seed ${seed}${process.env.CI ? ' (pinned by CI)' : ''}; replay with FC_SEED=${seed}`);
  }
  return seed;
}

/**
 * fc.assert with the seed from fcSeed(), FC_PATH when given, and a failure whose first line replays it.
 *
 * @example
 * assertProperty('test/properties/arbitraries.test.ts', 'no violation', fc.property(runSpecArb(), check), { numRuns: 50 });
 */
export function assertProperty<Ts>(file: string, testName: string, property: fc.IProperty<Ts>, params: { numRuns: number }): void {
  const seed = fcSeed();
  const path = process.env.FC_PATH;
  fc.assert(property, {
    seed,
    numRuns: params.numRuns,
    ...(path !== undefined && path !== '' ? { path } : {}),
    reporter: (details) => {
      if (!details.failed) return;
      const line = fastCheckLine(file, testName, details.seed, details.counterexamplePath);
      throw new Error(`${line}\n${fc.defaultReportMessage(details) ?? ''}`);
    },
  });
}
