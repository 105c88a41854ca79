// fast-check arbitraries of runs for property tests: the runs a profile draws (each shrinking toward fewer orders
// and faults, properties/arbitraries/shrinkable.ts) and runs composed from scratch (runSpecArb: config, workload
// and fault plan shrunk part by part).
import fc from 'fast-check';
import type { RunSpec } from '../model/runSpec.ts';
import { runSpecArb, type RunSpecArbOptions } from '../properties/arbitraries/runSpec.ts';
import { shrinkableSpec } from '../properties/arbitraries/shrinkable.ts';
import { aroundScenario } from '../properties/profiles/aroundScenario.ts';
import type { UserRole } from '../model/protocol.ts';
import { profileOf } from '../properties/profiles/choice.ts';
import { profileWithStepCrashes } from '../properties/profiles/stepCrashes.ts';
import type { ProfileFile } from '../properties/profiles/fileFormat.ts';
import { resolveProfile } from '../properties/profiles/loadProfile.ts';
import type { Scenario } from '../scenarios/format.ts';
import { parseScenario } from '../scenarios/load.ts';

/** Which runs profileRuns draws. */
export interface ProfileRunsOptions {
  /** Draw the profile's faults around this scenario (an object; load a file with loadScenarioFile). */
  scenario?: Scenario;
  /** Directory a profile path is relative to (default process.cwd()). */
  cwd?: string;
  /** The roles your machines fill: their instances also crash at your machines' steps (docs/roles.md). */
  roles?: readonly UserRole[];
}

/**
 * The runs of a profile (a name, a profile file path or a profile object) as a fast-check arbitrary: a seed
 * drawn, its run generated, and a failing run shrunk toward fewer orders, scripted faults and fault kinds.
 *
 * @example
 * import fc from 'fast-check';
 * import { profileRuns, runAndCheck } from 'txsim';
 * fc.assert(fc.property(profileRuns('default'), (spec) => runAndCheck(spec, { trace: false }).violations.length === 0), { numRuns: 20 });
 */
export function profileRuns(profile: string | ProfileFile = 'default', options: ProfileRunsOptions = {}): fc.Arbitrary<RunSpec> {
  const base = typeof profile === 'string' ? resolveProfile(profile, options.cwd ?? process.cwd()) : profileOf({ profile });
  const around = options.scenario === undefined ? base : aroundScenario(base, parseScenario(options.scenario, `scenario ${options.scenario.name}`));
  const drawn = profileWithStepCrashes(around, options.roles ?? []);
  return fc.integer({ min: 1, max: 0x7fffffff }).chain((seed) => shrinkableSpec(drawn.generate(seed)));
}

/**
 * Runs composed from scratch by fast-check (config, workload, fault plan), within the design by default.
 *
 * @example
 * import fc from 'fast-check';
 * import { generatedRuns, runAndCheck } from 'txsim';
 * fc.assert(fc.property(generatedRuns({ maxOrders: 3 }), (spec) => runAndCheck(spec, { trace: false }).violations.length === 0), { numRuns: 10 });
 */
export function generatedRuns(options: RunSpecArbOptions = {}): fc.Arbitrary<RunSpec> {
  return runSpecArb(options);
}
