// checkRuns: a fast-check property over txsim runs - by default "no checker finds a violation" over a profile's
// runs - whose failure message is what a user needs to act: the violations of the shrunk run, the one line that
// runs it again (`npx txsim run FILE`, the counterexample kept as a scenario file) and fast-check's seed and path
// (also read back from FC_SEED / FC_PATH, so the failing case is the first one tried).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import fc from 'fast-check';
import { DEFAULT_OUT } from '../cli/commands/explore.ts';
import { shellQuote } from '../cli/io.ts';
import type { RunSpec } from '../model/runSpec.ts';
import type { Outcome } from '../model/world.ts';
import { formatViolation } from '../properties/index.ts';
import type { ProfileFile } from '../properties/profiles/fileFormat.ts';
import { fastCheckLine, roleFlags } from '../properties/repro.ts';
import { filledRoles, withRoles } from '../cli/roleRuns.ts';
import { runAndCheck } from '../properties/runAndCheck.ts';
import type { Violation } from '../properties/types.ts';
import type { Scenario } from '../scenarios/format.ts';
import { scenarioFromRunSpec } from '../scenarios/fromRunSpec.ts';
import { profileRuns } from './arbitraries.ts';
import type { MutantOption, RunnerOptions } from './options.ts';
import { checkedRoles, type CheckedRoles } from './roles.ts';

/** One run as a property sees it. */
export interface CheckedRun {
  spec: RunSpec;
  outcome: Outcome;
  violations: Violation[];
}

/** Options of checkRuns. */
export interface CheckRunsOptions extends RunnerOptions, MutantOption {
  /** The runs to check (default: profileRuns(profile, { scenario })). */
  runs?: fc.Arbitrary<RunSpec>;
  /** Profile of the default runs: a name, a profile file path or a profile object (default 'default'). */
  profile?: string | ProfileFile;
  /** Draw the default runs around this scenario. */
  scenario?: Scenario;
  /** Runs fast-check tries (default 100). */
  numRuns?: number;
  /** fast-check seed and path (default: FC_SEED and FC_PATH from the environment, else a random seed). */
  seed?: number;
  path?: string;
  /** What must hold of each run (return false or throw to fail); default: no checker finds a violation. */
  property?: (run: CheckedRun) => boolean | void;
  /** Where the shrunk counterexample is written as a scenario file (default '.txsim/failures'). */
  out?: string;
  /** Directory out is relative to (default process.cwd()). */
  cwd?: string;
  /** The test file and name, for the FC_SEED replay line (txsim/vitest fills them in). */
  testFile?: string;
  testName?: string;
}

/** A failed checkRuns: the message says it all; the fields are there for tools. */
export class TxsimPropertyError extends Error {
  constructor(
    message: string,
    readonly scenarioFile: string,
    readonly scenario: Scenario,
    readonly violations: readonly Violation[],
    readonly fcSeed: number,
    readonly fcPath: string,
  ) {
    super(message);
    this.name = 'TxsimPropertyError';
  }
}

/** A note for machines given as objects txsim knows no file of: the run line needs their --consumer/--producer FILE. */
function unnamedRoles(roles: CheckedRoles | undefined): string {
  const unnamed = Object.keys(roles?.machines ?? {}).filter((role) => roles?.files?.[role as keyof CheckedRoles['machines']] === undefined);
  return unnamed.length === 0 ? '' : `   (add ${unnamed.map((role) => `--${role} FILE`).join(' ')}: your machine's file; loadRoleMachine remembers it)`;
}

function fromEnv(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : value;
}

/**
 * Check a property over many runs with fast-check; throws a TxsimPropertyError when a run breaks it.
 *
 * @example
 * import { checkRuns } from 'txsim';
 * checkRuns({ profile: 'default', numRuns: 20, seed: 42 }); // passes: txsim's model survives its own profile
 * try { checkRuns({ mutant: 'consumer-not-idempotent', numRuns: 200, seed: 1 }); } catch (e) { console.log((e as Error).message); }
 */
export function checkRuns(options: CheckRunsOptions = {}): void {
  const roles = checkedRoles(options.roles);
  const drawFor = { roles: filledRoles(roles?.machines), ...(options.scenario === undefined ? {} : { scenario: options.scenario }), ...(options.cwd === undefined ? {} : { cwd: options.cwd }) };
  const runs = options.runs ?? profileRuns(options.profile ?? 'default', drawFor);
  const judge = options.property ?? ((run: CheckedRun) => run.violations.length === 0);
  const only = { runtime: options.runtime ?? 'lean', ...(options.mutant === undefined ? {} : { mutant: options.mutant }) } as const;
  const run = (spec: RunSpec, trace: boolean) => runAndCheck(withRoles(spec, roles?.machines), { trace, ...only });
  const envSeed = fromEnv('FC_SEED');
  const seed = options.seed ?? (envSeed === undefined ? undefined : Number(envSeed));
  const path = options.path ?? fromEnv('FC_PATH');
  const details = fc.check(
    fc.property(runs, (spec) => judge({ spec, ...run(spec, false) }) !== false),
    { numRuns: options.numRuns ?? 100, ...(seed === undefined ? {} : { seed }), ...(path === undefined ? {} : { path }) },
  );
  if (!details.failed || details.counterexample === null) return;
  const spec = details.counterexample[0];
  const { violations } = run(spec, false);
  const cwd = options.cwd ?? process.cwd();
  const name = `property-seed-${details.seed}`;
  const scenario = scenarioFromRunSpec(spec, { name, description: violations.map(formatViolation).join(' | ') });
  const file = join(options.out ?? DEFAULT_OUT, `${name}.json`);
  mkdirSync(resolve(cwd, options.out ?? DEFAULT_OUT), { recursive: true });
  writeFileSync(resolve(cwd, file), `${JSON.stringify(scenario, null, 2)}\n`);
  const testFile = options.testFile === undefined ? '<test file>' : relative(cwd, options.testFile);
  const why = details.errorInstance instanceof Error ? details.errorInstance.message : 'the property returned false';
  const lines = [
    `txsim property failed after ${details.numRuns} run(s), shrunk ${details.numShrinks} time(s): ${spec.orders.length} order(s), ${spec.faults.script.length} scripted fault(s)`,
    ...(violations.length > 0 ? violations.map((v) => `  violates ${formatViolation(v)}`) : [`  ${why}`]),
    `  run it:   npx txsim run ${shellQuote(file)}${roleFlags(roles?.files)}${options.mutant === undefined ? '' : `   (under the mutant ${options.mutant}: the CLI runs txsim's model)`}${unnamedRoles(roles)}`,
    `  diagram:  npx txsim run ${shellQuote(file)}${roleFlags(roles?.files)} --diagram mermaid`,
    `  replay:   ${fastCheckLine(testFile, options.testName ?? '<test name>', details.seed, details.counterexamplePath)}`,
  ];
  throw new TxsimPropertyError(lines.join('\n'), file, scenario, violations, details.seed, details.counterexamplePath ?? '');
}
