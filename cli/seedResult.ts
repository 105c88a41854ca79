// One explored seed as plain data: what `txsim explore` needs of a run to count it, and for a failing run its
// report and exact spec (for the replay file). An Outcome holds the live trace and cannot cross a worker_threads
// boundary; a SeedResult is structured-cloneable, so the in-process path and the worker path hand the command
// the same thing and the summary cannot depend on where a seed ran.
import type { RunSpec } from '../model/runSpec.ts';
import type { ExploreResult } from '../properties/explore.ts';
import { replayLine, type ProfileRun } from '../properties/repro.ts';
import { buildRunReport, type RunReport } from './report.ts';

export interface SeedResult {
  seed: number;
  simTimeMs: number;
  /** Violations of this run in all (a run may violate a property several times). */
  violations: number;
  /** A failing run: its report (with the replay line and trace hash) and the spec that replays it. */
  failure?: { report: RunReport; spec: RunSpec };
}

/**
 * The SeedResult of one run of exploreSeeds; `replayAs` is what its replay line names (default: the profile).
 *
 * @example
 * await exploreSeeds({ profile: 'default', fromSeed: 1, runs: 10, onResult: (run) => results.push(toSeedResult(run, 'default')) });
 */
export function toSeedResult(
  run: Pick<ExploreResult, 'seed' | 'spec' | 'outcome' | 'violations'>,
  profile: string,
  replayAs: Omit<ProfileRun, 'seed'> = { profile },
): SeedResult {
  const result: SeedResult = { seed: run.seed, simTimeMs: run.outcome.simTimeMs, violations: run.violations.length };
  if (run.violations.length > 0) {
    result.failure = {
      report: buildRunReport({ outcome: run.outcome, violations: run.violations, profile, replay: replayLine({ ...replayAs, seed: run.seed }) }),
      spec: run.spec,
    };
  }
  return result;
}
