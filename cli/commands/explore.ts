// `txsim explore [--runs N] [--seed S] [--profile P] [--workers N] [--json] [--out DIR]`: random runs of a fault
// profile, every property checked. A live progress line on stderr (terminals only); for each failing run its
// one-line replay command and a replay file in --out; at the end a summary (runs, violations by property,
// simulated and wall time). Exit 0 when no run violates a property, 1 otherwise, 2 for bad flags.
// --workers is validated but runs stay in-process for now (parallel workers are a later issue); results never
// depend on it, because every run is a pure function of (profile, seed).
import { randomInt } from 'node:crypto';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import type { RunSpec } from '../../model/runSpec.ts';
import type { Outcome } from '../../model/world.ts';
import { exploreSeeds } from '../../properties/explore.ts';
import { PROFILES } from '../../properties/profiles/index.ts';
import { replayLine } from '../../properties/repro.ts';
import type { Violation } from '../../properties/types.ts';
import { EXIT, printJson, println, UsageError, type CliIo, type CommandContext } from '../io.ts';
import { duration } from '../narrate.ts';
import { integerArg, profileOption, seedOption } from '../options.ts';
import { REPLAY_FORMAT, writeReplayFile } from '../replayFile.ts';
import { table } from '../render.ts';
import { buildRunReport, type RunReport } from '../report.ts';

/** Runs of `npm start`: 10-20 s of wall time with the default profile on a 2-core machine (30-65 runs/s measured). */
export const DEFAULT_RUNS = 600;
export const DEFAULT_OUT = '.txsim/failures';
export const MAX_WORKERS = 64;

export interface ExploreOptions {
  runs?: number;
  seed?: number;
  profile?: string;
  workers?: number;
  json?: boolean;
  out?: string;
}

/** What explore's onResult hands over for each run (the fields the command reads). */
interface ExploredRun {
  seed: number;
  spec: RunSpec;
  outcome: Outcome;
  violations: Violation[];
}

/** The JSON printed by `txsim explore --json`. */
export interface ExploreReport {
  profile: string;
  beyondDesign: boolean;
  fromSeed: number;
  runs: number;
  workers: number;
  ok: boolean;
  failingRuns: number;
  violationsByProperty: Record<string, number>;
  simTimeMs: number;
  wallMs: number;
  failures: Array<RunReport & { replayFile: string }>;
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

/**
 * Explore seeds of a profile and report failures; returns the exit code.
 *
 * @example
 * const code = await explore({ runs: 50, seed: 1, profile: 'default' }, io);
 */
export async function explore(options: ExploreOptions, io: CliIo): Promise<number> {
  const profileName = options.profile ?? 'default';
  const profile = PROFILES[profileName];
  if (profile === undefined) throw new UsageError(`unknown profile "${profileName}"; the profiles are ${Object.keys(PROFILES).join(', ')}`);
  const runs = options.runs ?? DEFAULT_RUNS;
  const fromSeed = options.seed ?? randomInt(1, 2 ** 31);
  if (fromSeed > Number.MAX_SAFE_INTEGER - (runs - 1)) {
    throw new UsageError(`--seed ${fromSeed} with --runs ${runs} goes past the largest seed ${Number.MAX_SAFE_INTEGER}; give a smaller --seed`);
  }
  const workers = options.workers ?? 1;
  const outDir = options.out ?? DEFAULT_OUT;
  const cwd = io.cwd ?? process.cwd();
  checkWritableDir(resolve(cwd, outDir), outDir);
  const json = options.json === true;

  if (!json) {
    println(io.stdout, `txsim explore: profile ${profile.name}: ${profile.description}`);
    println(io.stdout, `  seeds ${fromSeed}..${fromSeed + runs - 1} (${runs} run${runs === 1 ? '' : 's'}; repeat with --seed ${fromSeed}), workers ${workers}, replay files in ${outDir}`);
    println(io.stdout);
  }

  const startedAt = Date.now();
  const progress = new Progress(io, runs);
  const failures: ExploreReport['failures'] = [];
  const byProperty: Record<string, number> = {};
  let done = 0;
  let simTimeMs = 0;
  let lastSeed = fromSeed - 1;

  const onResult = (run: ExploredRun): void => {
    done++;
    lastSeed = run.seed;
    simTimeMs += run.outcome.simTimeMs;
    if (run.violations.length > 0) {
      // Failing runs per property (a run counts once per property), as exploreSeeds' own summary counts them.
      for (const p of new Set(run.violations.map((v) => v.property))) byProperty[p] = (byProperty[p] ?? 0) + 1;
      const command = replayLine({ profile: profile.name, seed: run.seed });
      const report = buildRunReport({ outcome: run.outcome, violations: run.violations, profile: profile.name, replay: command });
      const path = writeReplayFile(resolve(cwd, outDir), {
        format: REPLAY_FORMAT,
        profile: profile.name,
        seed: run.seed,
        traceHash: run.outcome.traceHash,
        replay: command,
        spec: run.spec,
        report,
      });
      // As the user wrote --out: relative stays relative (to the cwd), absolute stays absolute.
      const replayFile = join(outDir, basename(path));
      failures.push({ ...report, replayFile });
      if (!json) {
        progress.clear();
        const what = run.violations.map((v) => `${v.property}${v.order === undefined ? '' : ` (${v.order})`}: ${v.detail}`);
        println(io.stdout, `FAIL seed ${run.seed}: ${what.slice(0, 3).join('; ')}${what.length > 3 ? `; and ${what.length - 3} more` : ''}`);
        println(io.stdout, `  ${command}`);
        println(io.stdout, `  replay file: ${replayFile}`);
      }
    }
    progress.update(done, failures.length, run.seed, startedAt);
  };

  try {
    await exploreSeeds({ profile: profile.name, fromSeed, runs, onResult });
  } catch (error) {
    progress.clear();
    const seed = lastSeed + 1;
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`explore stopped, a run crashed (most likely seed ${seed}: ${replayLine({ profile: profile.name, seed })}): ${message}`, { cause: error });
  }
  progress.clear();
  const wallMs = Date.now() - startedAt;

  const report: ExploreReport = {
    profile: profile.name,
    beyondDesign: profile.beyondDesign,
    fromSeed,
    runs: done,
    workers,
    ok: failures.length === 0,
    failingRuns: failures.length,
    violationsByProperty: byProperty,
    simTimeMs,
    wallMs,
    failures,
  };
  if (json) printJson(io, report);
  else {
    if (failures.length > 0) println(io.stdout);
    const violations = Object.entries(byProperty)
      .sort((a, b) => b[1] - a[1])
      .map(([p, n]) => `${p} ${n}`);
    println(io.stdout, 'Summary:');
    const rows = [
      ['profile', `${profile.name}${profile.beyondDesign ? ' (beyond the design: violations are expected)' : ''}`],
      ['runs', `${done} (seeds ${fromSeed}..${fromSeed + done - 1})`],
      ['failing runs', String(failures.length)],
      ['violations', violations.length === 0 ? 'none' : `${violations.join(', ')} (failing runs per property)`],
      ['simulated time', `${duration(simTimeMs)} in all, ${duration(Math.round(simTimeMs / Math.max(1, done)))} per run`],
      ['wall time', `${(wallMs / 1000).toFixed(1)} s (${Math.round((done * 1000) / Math.max(1, wallMs))} runs/s)`],
    ];
    for (const line of table(rows)) println(io.stdout, line);
    println(io.stdout, failures.length === 0 ? 'OK: no property violated' : `FAILED: ${failures.length} run(s) violated a property; each FAIL line above replays one`);
  }
  return failures.length === 0 ? EXIT.ok : EXIT.failed;
}

/** Register `txsim explore`. */
export function addExploreCommand(program: Command, ctx: CommandContext): void {
  program
    .command('explore')
    .description('random runs of a fault profile with every property checked; each failure prints its replay command')
    .addOption(new Option('--runs <n>', 'number of runs').argParser(integerArg(1, 10_000_000)).default(DEFAULT_RUNS))
    .addOption(seedOption('first seed (default: a random one, printed so the exploration can be repeated)'))
    .addOption(profileOption('fault profile').default('default'))
    .addOption(new Option('--workers <n>', 'worker processes (accepted; runs are in-process for now)').argParser(integerArg(1, MAX_WORKERS)).default(1))
    .option('--json', 'print the summary and every failure report as JSON')
    .option('--out <dir>', 'directory for replay files of failing runs', DEFAULT_OUT)
    .action(async (options: ExploreOptions) => ctx.exit(await explore(options, ctx.io)));
}
