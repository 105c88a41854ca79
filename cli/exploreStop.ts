// Stopping an exploration early: Ctrl-C (the command's abort signal) or --max-failures N. Results reach the
// command strictly in seed order (cli/parallelExplore.ts), so when it stops after counting seed s, every seed up
// to s is in the summary and none after it: resuming from s + 1 skips no seed. Workers may already have run a
// few seeds past s; those results are dropped and the resumed run repeats them (runs are pure, so they give the
// same result again).
import { shellQuote } from './io.ts';
import type { SeedRange } from './shard.ts';

/** Why an exploration stopped before its last seed. */
export type StopReason = 'interrupted' | 'max-failures';

/** The `stopped` field of an explore summary: why it stopped, and the command that runs the seeds left. */
export interface ExploreStop {
  reason: StopReason;
  /** The first seed not run. */
  nextSeed: number;
  /** Seeds left of the range this command was asked to run. */
  runsLeft: number;
  /** The command that explores exactly the seeds left. */
  resume: string;
}

/** Thrown from the result callback to end the exploration (caught by the command, never shown). */
export class StopExploring extends Error {
  constructor(readonly reason: StopReason) {
    super(`exploration stopped: ${reason}`);
    this.name = 'StopExploring';
  }
}

/** What the resume command must repeat of the stopped command (anything that changes a result or an output). */
export interface ResumeFlags {
  profile: string;
  runtime: string;
  out: string;
  defaultOut: string;
  json: boolean;
  maxFailures: number | undefined;
  /** `--scenario FILE` of an exploration around a scenario. */
  scenario?: string;
}

/**
 * The stop record of a command asked to run `part` that has counted `runsDone` of its seeds.
 *
 * @example
 * exploreStop('interrupted', { fromSeed: 1, runs: 100 }, 40, flags).resume;
 * // 'npx txsim explore --seed 41 --runs 60 --profile default'
 */
export function exploreStop(reason: StopReason, part: SeedRange, runsDone: number, flags: ResumeFlags): ExploreStop {
  const nextSeed = part.fromSeed + runsDone;
  const runsLeft = part.runs - runsDone;
  const args = ['npx txsim explore', `--seed ${nextSeed}`, `--runs ${runsLeft}`, `--profile ${shellQuote(flags.profile)}`];
  if (flags.scenario !== undefined) args.push(`--scenario ${shellQuote(flags.scenario)}`);
  if (flags.runtime !== 'lean') args.push(`--runtime ${flags.runtime}`);
  if (flags.out !== flags.defaultOut) args.push(`--out ${shellQuote(flags.out)}`);
  if (flags.maxFailures !== undefined) args.push(`--max-failures ${flags.maxFailures}`);
  if (flags.json) args.push('--json');
  return { reason, nextSeed, runsLeft, resume: args.join(' ') };
}

/**
 * The in-thread form of a result callback: it lets the event loop run now and then (so Ctrl-C is seen at all) and
 * stops the exploration once `signal` is aborted.
 *
 * @example
 * await exploreSeeds({ ..., onResult: interruptible((r) => tally.add(r), io.signal) });
 */
export function interruptible<T>(onResult: (result: T) => void, signal: AbortSignal | undefined): (result: T) => Promise<void> {
  const breathe = breather(50);
  return async (result: T) => {
    onResult(result);
    await breathe();
    if (signal?.aborted === true) throw new StopExploring('interrupted');
  };
}

/**
 * A promise that lets the event loop run (signal handlers, a closed pipe's error), at most every `everyMs` of
 * wall time; the in-thread exploration is otherwise synchronous and would never see Ctrl-C.
 *
 * @example
 * const breathe = breather(50);
 * await breathe();
 */
export function breather(everyMs: number): () => Promise<void> | undefined {
  let last = Date.now();
  return () => {
    const now = Date.now();
    if (now - last < everyMs) return undefined;
    last = now;
    return new Promise((resolve) => setImmediate(resolve));
  };
}
