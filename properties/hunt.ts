// Hunting a mutant: run a profile's seeds in order until the checkers catch it (bounded), then let fast-check
// shrink the failing run to a minimal counterexample with shrinkableSpec. This is how we measure the teeth of
// the checkers and the profile: runs and wall time to the first failure, and how small the failure gets.
import fc from 'fast-check';
import type { RunSpec, UserRoles } from '../model/runSpec.ts';
import { shrinkableSpec } from './arbitraries/shrinkable.ts';
import { specSize } from './arbitraries/runSpec.ts';
import { profileNamed } from './profiles/index.ts';
import { replayLine } from './repro.ts';
import { resolveMutant, runAndCheck } from './runAndCheck.ts';
import type { FaultProfile, Mutant, Violation } from './types.ts';

/** The first failing seed of a mutant, or how far the hunt went without one. */
export interface HuntResult {
  mutant: string;
  profile: string;
  /** Seeds run, the failing one included. */
  runs: number;
  wallMs: number;
  /** Undefined when no seed within maxRuns failed. */
  seed?: number;
  spec?: RunSpec;
  violations: Violation[];
  /** The line that replays the failure. */
  replay?: string;
}

/**
 * Run seeds fromSeed.. of a profile under a mutant until a violation (at most maxRuns seeds).
 *
 * @example
 * huntMutant('dlq-skipped', { maxRuns: 200 }); // { runs: 4, seed: 4, violations: [...], ... }
 */
export function huntMutant(
  mutant: string | Mutant,
  options: { profile?: string | FaultProfile; fromSeed?: number; maxRuns?: number } = {},
): HuntResult {
  const m = resolveMutant(mutant);
  const profile = typeof options.profile === 'object' ? options.profile : profileNamed(options.profile ?? 'default');
  const from = options.fromSeed ?? 1;
  const maxRuns = options.maxRuns ?? 200;
  const started = performance.now();
  for (let i = 0; i < maxRuns; i++) {
    const seed = from + i;
    const spec = profile.generate(seed);
    const { violations } = runAndCheck(spec, { mutant: m, trace: false });
    if (violations.length > 0) {
      return {
        mutant: m.name,
        profile: profile.name,
        runs: i + 1,
        wallMs: performance.now() - started,
        seed,
        spec,
        violations,
        replay: replayLine({ profile: profile.name, seed, mutant: m.name }),
      };
    }
  }
  return { mutant: m.name, profile: profile.name, runs: maxRuns, wallMs: performance.now() - started, violations: [] };
}

/** A counterexample after shrinking. */
export interface ShrinkResult {
  spec: RunSpec;
  size: number;
  originalSize: number;
  /** Successful shrink steps fast-check took. */
  shrinks: number;
  /** Runs made while shrinking (each candidate is one run). */
  runs: number;
  wallMs: number;
  violations: Violation[];
  /** fast-check's seed and counterexample path for fc.assert(..., { seed, path }). */
  fcSeed: number;
  fcPath: string | null;
}

/**
 * Shrink a failing spec with fast-check: the smallest sub-run (fewer orders, scripted faults, fault rates) that
 * still violates some property under the mutant (or under the model when `mutant` is undefined).
 *
 * @example
 * const hunt = huntMutant('check-back-skipped');
 * if (hunt.spec) shrinkFailure(hunt.spec, 'check-back-skipped').size; // e.g. 1
 */
export function shrinkFailure(spec: RunSpec, mutant?: string | Mutant, options: { fcSeed?: number; maxShrinks?: number; roles?: UserRoles } = {}): ShrinkResult {
  const m = mutant === undefined ? undefined : resolveMutant(mutant);
  const roles = options.roles === undefined ? {} : { roles: options.roles };
  const fcSeed = options.fcSeed ?? 0;
  let runs = 0;
  const started = performance.now();
  const arb = options.maxShrinks === undefined ? shrinkableSpec(spec) : fc.limitShrink(shrinkableSpec(spec), options.maxShrinks);
  const details = fc.check(
    fc.property(arb, (candidate) => {
      runs++;
      return runAndCheck(candidate, { trace: false, ...(m === undefined ? {} : { mutant: m }), ...roles }).violations.length === 0;
    }),
    { numRuns: 1, seed: fcSeed },
  );
  const shrunk = details.counterexample?.[0] ?? spec;
  return {
    spec: shrunk,
    size: specSize(shrunk),
    originalSize: specSize(spec),
    shrinks: details.numShrinks,
    runs,
    wallMs: performance.now() - started,
    violations: details.failed ? runAndCheck(shrunk, { trace: false, ...(m === undefined ? {} : { mutant: m }), ...roles }).violations : [],
    fcSeed,
    fcPath: details.counterexamplePath,
  };
}
