// explore: random runs of a profile (a name, a profile file or a profile object), optionally around a scenario,
// on worker threads, every property checked - `txsim explore --json` as a function, returning the same summary
// (cli/exploreSummary.ts, a contract) and the shrunk first failure. It runs the command itself, so the two cannot
// differ; a profile or scenario given as an object is first written next to the replay files, so every replay
// line it prints works from a shell.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_OUT, explore as exploreCommand, MAX_WORKERS, type ExploreReport } from '../cli/commands/explore.ts';
import { EXIT, UsageError } from '../cli/io.ts';
import type { ShrunkReport } from '../cli/shrinkStep.ts';
import type { ProfileFile } from '../properties/profiles/fileFormat.ts';
import { parseProfileFile } from '../properties/profiles/loadProfile.ts';
import type { Scenario } from '../scenarios/format.ts';
import { parseScenario } from '../scenarios/load.ts';
import type { RunnerOptions } from './options.ts';
import { exploreRoles, type RoleFileOrMachine } from './roles.ts';

/** Options of explore; every field has the default of the matching `txsim explore` flag. */
export interface ExploreOptions extends Omit<RunnerOptions, 'roles'> {
  /**
   * Your own machines: a path (relative to cwd) or a machine loadRoleMachine loaded, which the worker threads load
   * from its file and replay lines name (`--consumer FILE`); or any machine object, which keeps the runs in this
   * thread (one worker) and leaves a placeholder for its file in replay lines.
   */
  roles?: { consumer?: RoleFileOrMachine; producer?: RoleFileOrMachine };
  /** A registered profile ('default', 'harsh', 'swarm'), the path of a profile file, or a profile object (default 'default'). */
  profile?: string | ProfileFile;
  /** Draw the profile's faults around this scenario: a scenario object, a registered name or a .json path. */
  scenario?: string | Scenario;
  /** Number of runs (default 600). */
  runs?: number;
  /** First seed (default: a random one; the summary's fromSeed repeats it). */
  seed?: number;
  /** Worker threads (default: one per core; 1 runs in this thread). Results never depend on it. */
  workers?: number;
  /** Shrink the first failure and keep it as a scenario file (default true). */
  shrink?: boolean;
  /** Directory of replay files and the shrunk scenario (default '.txsim/failures'). */
  out?: string;
  /** Directory relative paths are resolved against (default process.cwd()). */
  cwd?: string;
}

/** The summary of `txsim explore --json`, with the shrunk first failure when there was one. */
export type ExploreSummary = ExploreReport & { shrunk?: ShrunkReport };

/** The API's own check of what commander checks on the command line. */
function checkInteger(name: string, value: number | undefined, min: number, max: number): void {
  if (value !== undefined && (!Number.isSafeInteger(value) || value < min || value > max)) {
    throw new UsageError(`explore: ${name} must be an integer from ${min} to ${max} (got ${String(value)})`);
  }
}

/** Write a profile or scenario object as a file in the out directory; returns the path the replay lines name. */
function saved(out: string, cwd: string, name: string, kind: 'profile' | 'scenario', data: unknown): string {
  mkdirSync(resolve(cwd, out), { recursive: true });
  const path = join(out, `${name}.${kind}.json`);
  writeFileSync(resolve(cwd, path), `${JSON.stringify(data, null, 2)}\n`);
  return path.includes('/') || path.includes('\\') ? path : `./${path}`;
}

/**
 * Explore random runs; resolves to the summary (`ok` is false when some run violated a property). Bad input (an
 * invalid profile or scenario, a bad option) rejects with an error naming the field and the fix.
 *
 * @example
 * import { explore } from 'txsim';
 * const summary = await explore({ profile: 'harsh', runs: 20, seed: 1, workers: 2 });
 * console.log(summary.failingRuns, summary.failingSeeds[0]?.replay, summary.shrunk?.run);
 */
export async function explore(options: ExploreOptions = {}): Promise<ExploreSummary> {
  checkInteger('runs', options.runs, 1, 10_000_000);
  checkInteger('seed', options.seed, 0, Number.MAX_SAFE_INTEGER);
  checkInteger('workers', options.workers, 1, MAX_WORKERS);
  const cwd = options.cwd ?? process.cwd();
  const out = options.out ?? DEFAULT_OUT;
  let profile = typeof options.profile === 'string' || options.profile === undefined ? options.profile : undefined;
  if (typeof options.profile === 'object') profile = saved(out, cwd, options.profile.name, 'profile', parseProfileFile(options.profile, `profile ${options.profile.name}`));
  let scenario = typeof options.scenario === 'string' ? options.scenario : undefined;
  if (typeof options.scenario === 'object') scenario = saved(out, cwd, options.scenario.name, 'scenario', parseScenario(options.scenario, `scenario ${options.scenario.name}`));
  let stdout = '';
  let stderr = '';
  const io = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, isTTY: false, cwd };
  const roles = exploreRoles(options.roles);
  const { cwd: _cwd, profile: _p, scenario: _s, roles: _r, ...flags } = options;
  const code = await exploreCommand({ ...flags, ...roles.flags, ...(roles.objects === undefined ? {} : { roles: roles.objects }), out, json: true, ...(profile === undefined ? {} : { profile }), ...(scenario === undefined ? {} : { scenario }) }, io);
  if (code !== EXIT.ok && code !== EXIT.failed) throw new Error(`txsim explore exited ${code}: ${stderr.trim()}`);
  return JSON.parse(stdout) as ExploreSummary;
}
