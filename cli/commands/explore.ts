// `txsim explore [--runs N] [--seed S] [--profile P] [--workers N] [--shard i/n] [--json] [--out DIR]
// [--runtime lean|xstate] [--cross-check N] [--scenario FILE] [--no-shrink] [--consumer FILE] [--producer FILE]`: random
// runs of a fault profile, every property checked. A live progress line on stderr (terminals only); for each
// failing run its one-line replay command and a replay file in --out; at the end a summary (runs, violations by
// property, simulated and wall time). Exit 0 when no run violates a property, 1 otherwise, 2 for bad flags.
// --workers N runs the seeds on N worker threads (cli/parallelExplore.ts; 1 runs them in this thread) and
// --shard i/n runs part i of n of the seed range (cli/shard.ts; `txsim merge` joins the parts). Neither changes
// a result: every run is a pure function of (profile, seed), and results are counted in seed order.
// --cross-check N also runs every seed divisible by N on both interpreters (properties/crossCheck.ts): different
// trace hashes exit 3 naming the seed and both hashes. --shard-count N takes the shard index from the environment
// (a Kubernetes Indexed Job, a CI matrix). Ctrl-C and --max-failures N stop early (cli/exploreStop.ts): the summary
// so far, and the command that runs the seeds left; Ctrl-C then exits 130.
// --profile also takes a profile file (properties/profiles/fileFormat.ts); --scenario draws the profile's faults
// around a scenario (properties/profiles/aroundScenario.ts); the first failure is shrunk (cli/shrinkStep.ts).
// --consumer / --producer run the user's own machines in every run (cli/roleFiles.ts; each worker loads the files
// itself): replay lines, replay files (`roles`) and the shrunk scenario's run line name the files.
import { randomInt } from 'node:crypto';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { RUN_DEFAULTS } from '../../model/defaults.ts';
import { MODEL_VERSION } from '../../model/modelVersion.ts';
import type { Coverage } from '../../properties/coverage/coverage.ts';
import { CrossCheckError } from '../../properties/crossCheck.ts';
import { exploreSeeds } from '../../properties/explore.ts';
import { DEFAULT_GENERATION } from '../../properties/guided/exploreGuided.ts';
import { checkXstateVersion } from '../../sim/lean/version.ts';
import type { FaultProfile } from '../../properties/types.ts';
import { checkGuidedOptions, runGuided, writeCoverageDiagram, type RunExtras } from '../exploreGuidedStep.ts';
import { guidedProfileName } from '../guidedSeedResult.ts';
import { replayLine, roleFlags, type ReplayRoles } from '../../properties/repro.ts';
import { ExploreTally, printFailure, printSummary, type ExploreReport, type FailureReport } from '../exploreSummary.ts';
import { EXIT, printJson, println, UsageError, type CliIo, type CommandContext } from '../io.ts';
import type { RunSpec, UserRoles } from '../../model/runSpec.ts';
import type { ActorRuntime } from '../../sim/node.ts';
import { integerArg, profileOption, runtimeOption, seedOption } from '../options.ts';
import { exploreInWorkers, RunCrashError } from '../parallelExplore.ts';
import { profileArgs, type ProfileArgs } from '../profileArgs.ts';
import { printShrunk, shrinkToScenario } from '../shrinkStep.ts';
import { REPLAY_FORMAT, writeReplayFile } from '../replayFile.ts';
import { toSeedResult, type SeedResult } from '../seedResult.ts';
import { exploreStop, interruptible, StopExploring, type ExploreStop } from '../exploreStop.ts';
import { loadRoleFiles } from '../roleFiles.ts';
import { printInterpreterNotes, profileWithRoles, roleFileOptions, roleFilesOf, roleProtocolUsage, withRoleObjects, type RoleFileFlags } from '../roleRuns.ts';
import { K8S_INDEX_VARIABLE, MAX_SHARDS, shardArg, shardFromEnv, shardRange, shardText, type SeedRange, type Shard } from '../shard.ts';

export type { ExploreReport } from '../exploreSummary.ts';

/** Runs of `npm start`: a few seconds with the default profile on a 2-core machine (`npm run bench` measures runs/s). */
export const DEFAULT_RUNS = 600;
export const DEFAULT_OUT = '.txsim/failures';
export const MAX_WORKERS = 64;

/** Workers when --workers is not given: one per core the process may use. */
export function defaultWorkers(): number {
  return Math.max(1, Math.min(MAX_WORKERS, availableParallelism()));
}

/** The flags of `txsim explore` (the CLI layer; properties/explore.ts's ExploreOptions is the library's). */
export interface ExploreCommandOptions extends RoleFileFlags {
  runs?: number;
  seed?: number;
  profile?: string;
  /** Worker threads (default: defaultWorkers()); 1 runs in this thread. */
  workers?: number;
  /** Run only this part of the seed range. */
  shard?: Shard;
  json?: boolean;
  out?: string;
  /** The machines' interpreter (default RUN_DEFAULTS.runtime). */
  runtime?: ActorRuntime;
  /** Write the statecharts with this exploration's coverage to this file (PlantUML for .puml, else Markdown + Mermaid). */
  coverageDiagram?: string;
  /** Coverage-guided exploration (properties/guided/): mutate the runs that reached something new. One thread. */
  guided?: boolean;
  /** Runs per generation of --guided (default DEFAULT_GENERATION). */
  generation?: number;
  /** Run every seed divisible by N on both interpreters too; a trace difference exits 3 naming the seed. */
  crossCheck?: number;
  /** Stop after this many failing runs (the summary then says how to run the seeds left). */
  maxFailures?: number;
  /** Run one of this many shards, the index taken from the environment (a Kubernetes Indexed Job, a CI matrix). */
  shardCount?: number;
  /**
   * Users' machines as objects (the API's, when txsim knows no file of them): the runs stay in this thread, and
   * replay lines name a placeholder for the file (`--consumer '<your consumer file>'`), which fails loudly if run.
   */
  roles?: UserRoles;
  /** The variable holding the shard index (default JOB_COMPLETION_INDEX). */
  shardIndexEnv?: string;
  /** The index of the first shard in that variable: 0 (default) or 1. */
  shardIndexBase?: 0 | 1;
  /** Draw the profile's faults around this scenario (a name or a .json file): its config, orders and scripted faults. */
  scenario?: string;
  /** Shrink the first failing run and keep it as a scenario file (default true; cli/shrinkStep.ts). */
  shrink?: boolean;
}

/** The shard to run: --shard i/n, or --shard-count n with the index from the environment. */
function chosenShard(options: ExploreCommandOptions, io: CliIo): Shard | undefined {
  if (options.shardCount === undefined) {
    if (options.shardIndexEnv !== undefined || options.shardIndexBase !== undefined) {
      throw new UsageError("--shard-index-env and --shard-index-base need --shard-count n (the number of shards, e.g. the Job's completions)");
    }
    return options.shard;
  }
  if (options.shard !== undefined) throw new UsageError(`give --shard ${shardText(options.shard)} or --shard-count ${options.shardCount} (the index from the environment), not both`);
  const source = { count: options.shardCount, variable: options.shardIndexEnv ?? K8S_INDEX_VARIABLE, base: options.shardIndexBase ?? 0 };
  return shardFromEnv(io.env ?? process.env, source);
}

/** A progress line that rewrites itself on a terminal, at most ten times a second. */
class Progress {
  private lastDraw = 0;
  private drawn = false;
  constructor(
    private readonly io: CliIo,
    private readonly total: number,
  ) {}

  update(done: number, failing: number, seed: number, startedAt: number): void {
    if (!this.io.isTTY) return;
    const now = Date.now();
    if (now - this.lastDraw < 100 && done < this.total) return;
    this.lastDraw = now;
    const pct = Math.floor((100 * done) / this.total);
    this.io.stderr.write(`\r\x1b[K  explore ${done}/${this.total} runs (${pct}%)  ${failing} failing  seed ${seed}  ${((now - startedAt) / 1000).toFixed(1)} s`);
    this.drawn = true;
  }

  clear(): void {
    if (this.drawn) this.io.stderr.write('\r\x1b[K');
    this.drawn = false;
  }
}

/** --out must be a directory we can create or write to; checked before any run, without creating it. */
function checkWritableDir(path: string, given: string): void {
  let at = path;
  while (!existsSync(at)) {
    const parent = dirname(at);
    if (parent === at) break;
    at = parent;
  }
  try {
    if (!statSync(at).isDirectory()) throw new Error(`${at} is not a directory`);
    accessSync(at, constants.W_OK);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new UsageError(`--out ${given}: cannot write replay files there (${why}); give a writable directory`);
  }
}

/** What an explore command will do, its flags checked: the profile, the seeds, where results go. */
interface ExplorePlan {
  readonly profile: FaultProfile;
  /** The whole exploration (--seed, --runs) and the part of it this command runs (its shard, or all of it). */
  readonly exploration: SeedRange;
  readonly part: SeedRange;
  readonly shard: Shard | undefined;
  readonly workers: number;
  readonly runtime: ActorRuntime;
  readonly crossCheck: number;
  readonly outDir: string;
  readonly cwd: string;
  readonly json: boolean;
  readonly maxFailures: number | undefined;
  /** The environment variable the shard index came from (--shard-count), else undefined. */
  readonly shardIndexFrom: string | undefined;
  /** The profile as data for the workers, and what replay lines name (cli/profileArgs.ts). */
  readonly drawFrom: ProfileArgs;
  readonly scenario: string | undefined;
  readonly shrink: boolean;
  /** --guided: the generation size (undefined: uniform random runs of the profile). */
  readonly guidedGeneration: number | undefined;
  /** --coverage-diagram FILE, as given. */
  readonly coverageDiagram: string | undefined;
  /** Users' machines (--consumer / --producer files, or the API's machine objects): their files as replay lines name them, and the machines. */
  readonly roles: { files: ReplayRoles; machines: UserRoles } | undefined;
}

/** Check the flags (UsageError naming the flag and the fix) and fill in the defaults. */
function planExploration(options: ExploreCommandOptions, io: CliIo, roles: ExplorePlan['roles']): ExplorePlan {
  const cwd = io.cwd ?? process.cwd();
  const drawn = profileArgs(options.profile ?? 'default', options.scenario, cwd);
  const drawFrom = roles === undefined ? drawn : { ...drawn, replayAs: { ...drawn.replayAs, roles: roles.files } };
  const profile = profileWithRoles(drawFrom.profile, roles?.machines);
  const runs = options.runs ?? DEFAULT_RUNS;
  const shard = chosenShard(options, io);
  if (shard !== undefined && options.seed === undefined) {
    throw new UsageError(`--shard ${shardText(shard)} needs --seed: every shard of an exploration must start from the same seed (e.g. --seed 1 --runs ${runs} --shard ${shardText(shard)})`);
  }
  if (shard !== undefined && shard.count > runs) {
    throw new UsageError(`--shard ${shardText(shard)} with --runs ${runs}: more shards than runs, so some would have no seeds; give at most ${runs} shards or more --runs`);
  }
  const fromSeed = options.seed ?? randomInt(1, 2 ** 31);
  if (fromSeed > Number.MAX_SAFE_INTEGER - (runs - 1)) {
    throw new UsageError(`--seed ${fromSeed} with --runs ${runs} goes past the largest seed ${Number.MAX_SAFE_INTEGER}; give a smaller --seed`);
  }
  const exploration = { fromSeed, runs };
  const part = shard === undefined ? exploration : shardRange(exploration, shard);
  const runtime = options.runtime ?? RUN_DEFAULTS.runtime;
  checkGuidedOptions(options, shard, drawFrom, runtime);
  if (roles !== undefined && options.guided === true) throw new UsageError('--guided cannot run your own machines yet (--consumer, --producer): explore them without --guided');
  // Before any worker starts: a lean runtime on an unverified xstate stops here, with the fix, not as a crash.
  if (runtime === 'lean' || options.crossCheck !== undefined) checkXstateVersion();
  const outDir = options.out ?? DEFAULT_OUT;
  checkWritableDir(resolve(cwd, outDir), outDir);
  const guidedGeneration = options.guided === true ? (options.generation ?? DEFAULT_GENERATION) : undefined;
  // A guided exploration runs in this thread (its runs do not depend on it: see properties/guided/exploreGuided.ts).
  // Machine objects cannot be sent to worker threads (a worker loads a machine from its file): they stay in this thread.
  const workers = guidedGeneration !== undefined || options.roles !== undefined ? 1 : Math.min(options.workers ?? defaultWorkers(), part.runs);
  const shardIndexFrom = options.shardCount === undefined ? undefined : (options.shardIndexEnv ?? K8S_INDEX_VARIABLE);
  const flags = { json: options.json === true, maxFailures: options.maxFailures, scenario: options.scenario, shrink: options.shrink !== false, coverageDiagram: options.coverageDiagram };
  return { profile, exploration, part, shard, workers, runtime, crossCheck: options.crossCheck ?? 0, outDir, cwd, shardIndexFrom, drawFrom, guidedGeneration, roles, ...flags };
}

/** The two header lines: the profile, the seeds and how to repeat them. */
function printHeader(io: CliIo, plan: ExplorePlan): void {
  const { part, shard, exploration, profile } = plan;
  const { fromSeed, runs } = exploration;
  const seeds = `seeds ${part.fromSeed}..${part.fromSeed + part.runs - 1}`;
  const plural = `${part.runs} run${part.runs === 1 ? '' : 's'}`;
  const what =
    shard === undefined
      ? `${seeds} (${plural}; repeat with --seed ${fromSeed})`
      : `shard ${shardText(shard)}${plan.shardIndexFrom === undefined ? '' : ` (index from $${plan.shardIndexFrom})`}: ${seeds} of ${fromSeed}..${fromSeed + runs - 1} (${plural}; repeat with --seed ${fromSeed} --runs ${runs} --shard ${shardText(shard)})`;
  println(io.stdout, `txsim explore: profile ${profile.name}: ${profile.description}`);
  if (plan.scenario !== undefined) println(io.stdout, `  around the scenario ${plan.scenario}`);
  if (plan.roles !== undefined) println(io.stdout, `  your machines:${roleFlags(plan.roles.files)}`);
  const how = plan.guidedGeneration === undefined ? `workers ${plan.workers}` : `guided (generations of ${plan.guidedGeneration}, one thread)`;
  println(io.stdout, `  ${what}, ${how}, replay files in ${plan.outDir}`);
  println(io.stdout);
}

/** Write a failing seed's replay file; its path as the user wrote --out (relative stays relative to the cwd). */
function writeFailure(plan: ExplorePlan, result: SeedResult): string | undefined {
  if (result.failure === undefined) return undefined;
  const { report, spec, evidence } = result.failure;
  if (evidence === undefined) throw new Error(`seed ${result.seed}: a failing run came without its trace`);
  const path = writeReplayFile(resolve(plan.cwd, plan.outDir), {
    format: REPLAY_FORMAT,
    modelVersion: MODEL_VERSION,
    profile: plan.guidedGeneration === undefined ? plan.profile.name : guidedProfileName(plan.profile.name),
    seed: result.seed,
    runtime: plan.runtime,
    ...(plan.roles === undefined ? {} : { roles: plan.roles.files }),
    traceHash: report.traceHash,
    replay: report.replay,
    checkpoints: evidence.checkpoints,
    spec,
    report,
    ...(evidence.trace === undefined ? {} : { trace: evidence.trace }),
  });
  return join(plan.outDir, basename(path));
}

/** A --cross-check that found the interpreters disagreeing, in this thread or in a worker. */
function isCrossCheckFailure(error: unknown): error is Error {
  return error instanceof CrossCheckError || (error instanceof RunCrashError && error.errorName === 'CrossCheckError');
}

/** Run the seeds, in this thread or on workers. A crashing run is rethrown naming its seed; a failed cross-check as it is. */
async function runSeeds(plan: ExplorePlan, onResult: (result: SeedResult) => void, lastSeed: () => number, signal: AbortSignal | undefined): Promise<RunExtras> {
  const { profile, runtime, crossCheck, part, workers } = plan;
  const { choice, replayAs } = plan.drawFrom;
  try {
    if (plan.guidedGeneration !== undefined) return await runGuided({ profile, part, outDir: plan.outDir, generation: plan.guidedGeneration }, interruptible(onResult, signal));
    if (workers <= 1) {
      const inThread = interruptible(onResult, signal);
      const summary = await exploreSeeds({ profile, runtime, crossCheck, coverage: true, fromSeed: part.fromSeed, runs: part.runs, onResult: (run) => inThread(toSeedResult(run, profile.name, runtime, replayAs)) });
      return summary.coverage === undefined ? {} : { coverage: summary.coverage };
    }
    let coverage: Coverage | undefined;
    const roleFiles = plan.roles === undefined ? {} : { roles: plan.roles.files, cwd: plan.cwd };
    await exploreInWorkers({ profile: profile.name, choice, replayAs, runtime, crossCheck, fromSeed: part.fromSeed, runs: part.runs, workers, onResult, onCoverage: (c) => (coverage = c), ...roleFiles });
    return coverage === undefined ? {} : { coverage };
  } catch (error) {
    if (isCrossCheckFailure(error) || error instanceof StopExploring) throw error;
    const protocol = roleProtocolUsage(error, plan.roles?.files, error instanceof RunCrashError ? error.errorName : undefined);
    if (protocol !== undefined) throw protocol;
    const message = error instanceof Error ? error.message : String(error);
    if (workers > 1 && !(error instanceof RunCrashError)) throw new Error(`explore stopped: ${message}`, { cause: error });
    // In a worker the crashing seed is known; in this thread it is the one after the last result.
    const seed = error instanceof RunCrashError ? error.seed : lastSeed() + 1;
    const wrapped = new Error(`explore stopped, a run crashed (${error instanceof RunCrashError ? '' : 'most likely '}seed ${seed}: ${replayLine({ ...replayAs, seed, runtime })}): ${message}`, { cause: error });
    if (error instanceof RunCrashError && error.workerStack !== undefined) wrapped.stack = `${wrapped.stack ?? ''}\nin the worker: ${error.workerStack}`;
    throw wrapped;
  }
}

/** The summary of the seeds run. */
function exploreReport(plan: ExplorePlan, tally: ExploreTally, wallMs: number, stopped: ExploreStop | undefined, extras: RunExtras): ExploreReport {
  const fields = tally.fields();
  return {
    profile: plan.profile.name,
    beyondDesign: plan.profile.beyondDesign,
    fromSeed: plan.part.fromSeed,
    runs: fields.runs,
    seeds: [{ from: plan.part.fromSeed, to: plan.part.fromSeed + fields.runs - 1 }],
    exploration: plan.exploration,
    shard: plan.shard ?? null,
    workers: plan.workers,
    ok: fields.ok,
    failingRuns: fields.failingRuns,
    violationsByProperty: fields.violationsByProperty,
    violations: fields.violations,
    simTimeMs: fields.simTimeMs,
    wallMs,
    failingSeeds: fields.failingSeeds,
    failures: fields.failures,
    ...extras,
    ...(stopped === undefined ? {} : { stopped }),
  };
}

/** The stop record when the exploration ended before its last seed; undefined when it ran them all anyway. */
function stopRecord(plan: ExplorePlan, error: StopExploring, runsDone: number): ExploreStop | undefined {
  if (runsDone >= plan.part.runs) return undefined;
  const flags = { profile: plan.drawFrom.arg, ...(plan.scenario === undefined ? {} : { scenario: plan.scenario }), runtime: plan.runtime, out: plan.outDir, defaultOut: DEFAULT_OUT, json: plan.json, maxFailures: plan.maxFailures };
  const given = exploreStop(error.reason, plan.part, runsDone, flags);
  const stop = plan.roles === undefined ? given : { ...given, resume: `${given.resume}${roleFlags(plan.roles.files)}` };
  // A guided exploration cannot pick up where it stopped (its corpus is gone): the runs left are a new guided one.
  return plan.guidedGeneration === undefined ? stop : { ...stop, resume: `${stop.resume} --guided --generation ${plan.guidedGeneration}` };
}

/**
 * Explore seeds of a profile (or one shard of them) and report failures; returns the exit code.
 *
 * @example
 * const code = await explore({ runs: 50, seed: 1, profile: 'default', workers: 2 }, io);
 * await explore({ runs: 100_000, seed: 1, shard: { index: 3, count: 8 }, json: true }, io);
 */
export async function explore(options: ExploreCommandOptions, io: CliIo): Promise<number> {
  const roleFiles = roleFilesOf(options);
  const loaded = roleFiles === undefined ? undefined : await loadRoleFiles(roleFiles, io.cwd ?? process.cwd());
  const roles = withRoleObjects(loaded, options.roles);
  const plan = planExploration(options, io, roles);
  if (roles !== undefined) printInterpreterNotes(io, roles.files, { machines: roles.machines, runtime: plan.runtime });
  if (!plan.json) printHeader(io, plan);
  const startedAt = Date.now();
  const progress = new Progress(io, plan.part.runs);
  const tally = new ExploreTally();
  let lastSeed = plan.part.fromSeed - 1;
  let firstFailure: { seed: number; spec: RunSpec } | undefined;
  const onResult = (result: SeedResult): void => {
    lastSeed = result.seed;
    if (result.failure !== undefined) firstFailure ??= { seed: result.seed, spec: result.failure.spec };
    const replayFile = writeFailure(plan, result);
    tally.add(result, replayFile);
    if (replayFile !== undefined && !plan.json) {
      progress.clear();
      printFailure(io, tally.failures.at(-1) as FailureReport);
    }
    progress.update(tally.runs, tally.failures.length, result.seed, startedAt);
    if (plan.maxFailures !== undefined && tally.failures.length >= plan.maxFailures) throw new StopExploring('max-failures');
    if (io.signal?.aborted === true) throw new StopExploring('interrupted');
  };
  let stopped: ExploreStop | undefined;
  let extras: RunExtras = {};
  try {
    extras = await runSeeds(plan, onResult, () => lastSeed, io.signal);
  } catch (error) {
    progress.clear();
    if (error instanceof StopExploring) stopped = stopRecord(plan, error, tally.runs);
    else if (!isCrossCheckFailure(error)) throw error;
    else {
      println(io.stderr, `txsim: ${error.message}`);
      return EXIT.internal;
    }
  }
  progress.clear();
  const report = exploreReport(plan, tally, Date.now() - startedAt, stopped, extras);
  if (plan.coverageDiagram !== undefined) writeCoverageDiagram(resolve(plan.cwd, plan.coverageDiagram), report.coverage);
  const shrunk = firstFailure !== undefined && plan.shrink ? shrinkToScenario(firstFailure.spec, { profile: plan.profile.name, ...firstFailure, outDir: plan.outDir, cwd: plan.cwd, ...(plan.roles === undefined ? {} : { roles: plan.roles.machines, roleFiles: plan.roles.files }) }) : undefined;
  if (plan.json) printJson(io, shrunk === undefined ? report : { ...report, shrunk });
  else {
    if (report.failingRuns > 0) println(io.stdout);
    if (shrunk !== undefined) printShrunk(io, shrunk);
    if (shrunk !== undefined) println(io.stdout);
    printSummary(io, report);
  }
  if (stopped?.reason !== 'interrupted') return report.ok ? EXIT.ok : EXIT.failed;
  // stderr too: with --json > FILE the summary is in the file, the way on belongs on the terminal.
  println(io.stderr, `txsim: interrupted after ${report.runs} runs (seeds ${plan.part.fromSeed}..${stopped.nextSeed - 1}); the seeds left: ${stopped.resume}`);
  return EXIT.interrupted;
}

/** A commander argParser for an environment variable name. */
function envNameArg(value: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(value)) throw new InvalidArgumentError('It must be an environment variable name such as JOB_COMPLETION_INDEX or CI_NODE_INDEX.');
  return value;
}

/** Register `txsim explore`. */
export function addExploreCommand(program: Command, ctx: CommandContext): void {
  program
    .command('explore')
    .description('random runs of a fault profile with every property checked; each failure prints its replay command')
    .addOption(new Option('--runs <n>', 'number of runs (with --shard: of the whole exploration)').argParser(integerArg(1, 10_000_000)).default(DEFAULT_RUNS))
    .addOption(seedOption('first seed (default: a random one, printed so the exploration can be repeated)'))
    .addOption(profileOption('fault profile').default('default'))
    .addOption(
      new Option('--workers <n>', 'worker threads running seeds in parallel; 1 runs them in this thread; results never depend on it')
        .argParser(integerArg(1, MAX_WORKERS))
        .default(defaultWorkers(), `all cores, ${defaultWorkers()} here`),
    )
    .addOption(new Option('--shard <i/n>', 'run only part i of n contiguous parts of the seeds (needs --seed); `txsim merge` joins the --json summaries').argParser(shardArg))
    .option('--json', 'print the summary and every failure report as JSON')
    .option('--out <dir>', 'directory for replay files of failing runs', DEFAULT_OUT)
    .addOption(runtimeOption())
    .addOption(
      new Option('--cross-check <n>', 'also run every seed divisible by n on both interpreters (lean and xstate); different traces exit 3 naming the seed and both hashes').argParser(
        integerArg(1, Number.MAX_SAFE_INTEGER),
      ),
    )
    .addOption(new Option('--shard-count <n>', `run one of N shards, the index taken from $${K8S_INDEX_VARIABLE} (a Kubernetes Indexed Job) or the variable --shard-index-env names; needs --seed`).argParser(integerArg(1, MAX_SHARDS)))
    .addOption(new Option('--shard-index-env <name>', `the environment variable holding the shard index (default ${K8S_INDEX_VARIABLE}), e.g. CI_NODE_INDEX`).argParser(envNameArg))
    .addOption(new Option('--shard-index-base <0|1>', 'the index of the first shard in that variable: 0 (default, as Kubernetes) or 1 (as GitLab CI_NODE_INDEX)').argParser(integerArg(0, 1)))
    .addOption(new Option('--max-failures <n>', 'stop after N failing runs; the summary gives the command that runs the seeds left').argParser(integerArg(1)))
    .option('--scenario <file>', "draw the profile's random faults around a scenario (a .json file or a name): keep its config, orders and scripted faults")
    .option('--no-shrink', 'do not shrink the first failing run (by default it is shrunk, printed and kept as a scenario file in --out)')
    .option('--guided', 'coverage-guided: keep the runs that reached a new spec or model transition and mutate their faults and workloads (one thread; a named profile; no --shard)')
    .addOption(new Option('--generation <n>', `runs per generation of --guided (default ${DEFAULT_GENERATION})`).argParser(integerArg(1, 100_000)))
    .addOption(roleFileOptions()[0] as Option)
    .addOption(roleFileOptions()[1] as Option)
    .option('--coverage-diagram <file>', 'write the specs and model machines as state diagrams with the transitions the runs took highlighted (PlantUML for .puml, else Markdown with Mermaid)')
    .action(async (options: ExploreCommandOptions) => ctx.exit(await explore(options, ctx.io)));
}
