// Explore a profile: run seeds fromSeed .. fromSeed + runs - 1 in order, check each, and summarize - runs,
// violations by property, simulated time, wall time, failing seeds. Pure library code with no output of its own:
// the CLI (`txsim explore`), the soak script and the tests print what they need from onResult and the summary.
// Async only so a caller's onResult may await (write a replay file, update a progress bar); the runs themselves
// are synchronous and deterministic.
import type { UserRoles } from '../model/runSpec.ts';
import type { RunSpec } from '../model/runSpec.ts';
import type { Outcome } from '../model/world.ts';
import { RUN_DEFAULTS } from '../model/defaults.ts';
import type { ActorRuntime } from '../sim/node.ts';
import { crossCheck, crossChecks } from './crossCheck.ts';
import { SummaryTally, type ExploreSummary } from './exploreSummary.ts';
import { profileNamed } from './profiles/index.ts';
import { profileWithStepCrashes } from './profiles/stepCrashes.ts';
import { USER_ROLES } from '../model/protocol.ts';
import { replayLine } from './repro.ts';
import { CoverageCounter } from './coverage/coverage.ts';
import { resolveMutant, runAndCheck, type RunResult } from './runAndCheck.ts';
import { specRunOf } from './specs/runSpecs.ts';
import type { FaultProfile, Mutant, Violation } from './types.ts';

export type { ExploreSummary } from './exploreSummary.ts';

/** One explored seed. */
export interface ExploreResult {
  seed: number;
  spec: RunSpec;
  outcome: Outcome;
  violations: Violation[];
  /** Wall-clock time of this run and its checks. */
  wallMs: number;
  /** The one command line that replays this run. */
  replay: string;
}

/** What exploreSeeds was asked to do. */
export interface ExploreOptions {
  /** A profile name from PROFILES, or a profile. */
  profile: string | FaultProfile;
  fromSeed: number;
  runs: number;
  /** Explore a mutant instead of the model (a name from MUTANTS, or a Mutant). */
  mutant?: string | Mutant;
  /**
   * Give failing runs their trace (default RUN_DEFAULTS.trace: true, so onResult gets a failure's full outcome and real trace hash).
   * Every seed is first run without a trace; a failing one is run again with it, which determinism makes the same
   * run: passing runs, nearly all of them, never pay for recording.
   */
  trace?: boolean;
  /** The machines' interpreter (default RUN_DEFAULTS.runtime; both give the same results). */
  runtime?: ActorRuntime;
  /** Users' machines in the consumer and producer roles (model/runSpec.ts UserRoles); absent: txsim's own. */
  roles?: UserRoles;
  /** Also run every seed divisible by this on both interpreters and throw CrossCheckError if the traces differ (default: off). */
  crossCheck?: number;
  /** Stop after this many failing seeds (default: never stop early). */
  maxFailures?: number;
  /**
   * Count coverage (ExploreSummary.coverage): lifecycle-spec transitions always, model states and transitions
   * with the lean runtime (its probe sees them).
   */
  coverage?: boolean;
  /** Called after every run, in seed order; awaited when it returns a promise. */
  onResult?: (result: ExploreResult) => void | Promise<void>;
}

/**
 * Run and check `runs` seeds of a profile.
 *
 * @example
 * const summary = await exploreSeeds({ profile: 'default', fromSeed: 1, runs: 100 });
 * summary.failingSeeds; // [] for a correct model; else [{ seed, replay }, ...]
 */
export async function exploreSeeds(options: ExploreOptions): Promise<ExploreSummary> {
  const named = typeof options.profile === 'string' ? profileNamed(options.profile) : options.profile;
  // Users' machines given here (not already in the profile's specs): their instances also crash at their steps.
  const profile = options.roles === undefined ? named : profileWithStepCrashes(named, USER_ROLES.filter((role) => options.roles?.[role] !== undefined));
  const mutant = options.mutant === undefined ? undefined : resolveMutant(options.mutant);
  const started = performance.now();
  const tally = new SummaryTally();
  const runtime = options.runtime ?? RUN_DEFAULTS.runtime;
  const counter = options.coverage === true ? new CoverageCounter() : undefined;
  for (let seed = options.fromSeed; seed < options.fromSeed + options.runs; seed++) {
    const t0 = performance.now();
    const spec = profile.generate(seed);
    const only = { runtime, ...(mutant === undefined ? {} : { mutant }), ...(options.roles === undefined ? {} : { roles: options.roles }) };
    const first = (): RunResult => runAndCheck(spec, { trace: false, ...only });
    let { outcome, violations } = counter !== undefined && runtime === 'lean' ? counter.observe(first) : first();
    counter?.addSpecRun(specRunOf(outcome));
    if (violations.length > 0 && (options.trace ?? RUN_DEFAULTS.trace)) ({ outcome, violations } = runAndCheck(spec, { trace: true, ...only }));
    const wallMs = performance.now() - t0;
    const replay = replayLine({ profile: profile.name, seed, ...(mutant === undefined ? {} : { mutant: mutant.name }) });
    if (crossChecks(seed, options.crossCheck)) crossCheck(options.roles === undefined ? spec : { ...spec, roles: options.roles }, seed, replay, mutant?.machines);
    tally.count({ seed, simTimeMs: outcome.simTimeMs, violations: violations.length, properties: violations.map((v) => v.property), replay });
    await options.onResult?.({ seed, spec, outcome, violations, wallMs, replay });
    if (options.maxFailures !== undefined && tally.failingSeeds.length >= options.maxFailures) break;
  }
  const summary: ExploreSummary = { profile: profile.name, fromSeed: options.fromSeed, ...tally.counts(), wallMs: performance.now() - started };
  if (mutant !== undefined) summary.mutant = mutant.name;
  if (counter !== undefined) summary.coverage = counter.toJSON();
  return summary;
}
