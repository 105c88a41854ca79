// One explored seed as plain data: what `txsim explore` needs of a run to count it, and for a failing run its
// report and exact spec (for the replay file). An Outcome holds the live trace and cannot cross a worker_threads
// boundary; a SeedResult is structured-cloneable, so the in-process path and the worker path hand the command
// the same thing and the summary cannot depend on where a seed ran.
import type { RunSpec } from '../model/runSpec.ts';
import type { ActorRuntime } from '../sim/node.ts';
import type { TraceCheckpoints } from '../sim/trace.ts';
import type { ExploreResult } from '../properties/explore.ts';
import { replayLine, type ProfileRun } from '../properties/repro.ts';
import { buildRunReport, type RunReport } from './report.ts';
import { withoutRoles } from './roleRuns.ts';

export interface SeedResult {
  seed: number;
  simTimeMs: number;
  /** Violations of this run in all (a run may violate a property several times). */
  violations: number;
  /**
   * A failing run: its report (with the replay line and trace hash), the spec that replays it, and its trace as
   * checkpoint hashes and rendered lines (for the replay file; absent when the run was judged without a trace).
   */
  failure?: { report: RunReport; spec: RunSpec; evidence?: TraceEvidence };
}

/** What a replay file keeps of a failing run's trace, so a diverging replay can name the first differing event. */
export interface TraceEvidence {
  checkpoints: TraceCheckpoints;
  /** The trace, one compact line per event (sim/trace.ts compactTraceEvent); omitted beyond MAX_RECORDED_EVENTS. */
  trace?: string[];
}

/** Events per checkpoint window of a replay file. */
export const CHECKPOINT_EVERY = 32;
/** Longest trace a replay file keeps line by line (a default-profile run has about 220 events, harsh about 500). */
export const MAX_RECORDED_EVENTS = 5_000;

/** The trace evidence of a finished, traced run. */
export function traceEvidence(outcome: ExploreResult['outcome']): TraceEvidence | undefined {
  if (!outcome.trace.enabled) return undefined;
  const checkpoints = outcome.trace.checkpoints(CHECKPOINT_EVERY);
  return outcome.trace.size > MAX_RECORDED_EVENTS ? { checkpoints } : { checkpoints, trace: outcome.trace.compactLines() };
}

/**
 * The SeedResult of one run of exploreSeeds; `replayAs` is what its replay line names (default: the profile).
 *
 * @example
 * await exploreSeeds({ profile: 'default', fromSeed: 1, runs: 10, onResult: (run) => results.push(toSeedResult(run, 'default', 'lean')) });
 */
export function toSeedResult(
  run: Pick<ExploreResult, 'seed' | 'spec' | 'outcome' | 'violations'>,
  profile: string,
  runtime?: ActorRuntime,
  replayAs: Omit<ProfileRun, 'seed' | 'runtime'> = { profile },
): SeedResult {
  if (run.violations.length === 0) return { seed: run.seed, simTimeMs: run.outcome.simTimeMs, violations: 0 };
  return seedResultWithReplay(run.seed, run, profile, replayLine({ ...replayAs, seed: run.seed, ...(runtime === undefined ? {} : { runtime }) }));
}

/**
 * The SeedResult of a run numbered `seed` whose replay command is `replay` (a guided run's names its replay file).
 *
 * @example
 * seedResultWithReplay(7, run, 'default', 'npx txsim replay .txsim/failures/default-guided-seed-7.json');
 */
export function seedResultWithReplay(seed: number, run: Pick<ExploreResult, 'spec' | 'outcome' | 'violations'>, profile: string, replay: string): SeedResult {
  const result: SeedResult = { seed, simTimeMs: run.outcome.simTimeMs, violations: run.violations.length };
  if (run.violations.length > 0) {
    const evidence = traceEvidence(run.outcome);
    result.failure = {
      report: buildRunReport({ outcome: run.outcome, violations: run.violations, profile, replay }),
      // The spec as data: a worker posts it, a replay file keeps it (users' machines are named by file instead).
      spec: withoutRoles(run.spec),
      ...(evidence === undefined ? {} : { evidence }),
    };
  }
  return result;
}
