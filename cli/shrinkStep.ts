// `txsim explore --shrink` (on by default): after the exploration, the first failing run is shrunk with fast-check
// (properties/hunt.ts shrinkFailure: fewer orders, scripted faults and fault kinds, as long as some property is
// still violated), printed, and kept as a scenario file next to the replay files. `txsim run FILE` runs it and
// fails the same way (exit 1, the same violations) until the bug is fixed. Shrinking costs one run per candidate;
// MAX_SHRINK_RUNS bounds it (measured in docs/api.md: typically tens of runs, well under a second). A run of
// users' machines shrinks with them, and its run line names their files (--consumer, --producer).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RunSpec, UserRoles } from '../model/runSpec.ts';
import { shrinkFailure } from '../properties/hunt.ts';
import { formatViolation } from '../properties/index.ts';
import type { Scenario } from '../scenarios/format.ts';
import { scenarioFromRunSpec } from '../scenarios/fromRunSpec.ts';
import { parseScenario } from '../scenarios/load.ts';
import { roleFlags, type ReplayRoles } from '../properties/repro.ts';
import { println, shellQuote, type CliIo } from './io.ts';
import { withoutRoles } from './roleRuns.ts';

/** Most shrink steps fast-check may take; each step tries candidates until one still fails. */
export const MAX_SHRINK_STEPS = 200;

/** What `--shrink` found: the `shrunk` field of `txsim explore --json` (a function of the run, like every field but wallMs). */
export interface ShrunkReport {
  /** The explored seed whose run was shrunk (the first failing one). */
  seed: number;
  /** Size (orders + scripted faults + random fault kinds on) before and after. */
  originalSize: number;
  size: number;
  /** Shrink steps taken and runs made while shrinking. */
  shrinks: number;
  runs: number;
  /** The scenario file written (as the user wrote --out), and the command that runs it. */
  scenarioFile: string;
  run: string;
  /** The properties the smallest run violates, one line each. */
  violations: string[];
  /** The scenario written to scenarioFile. */
  scenario: Scenario;
}

/**
 * Shrink a failing run, write it as a scenario file in `outDir` and describe it; undefined when the run, run again
 * on its own, violates nothing (only a test's injected failure does that).
 *
 * @example
 * const shrunk = shrinkToScenario(failure.spec, { profile: 'harsh', seed: 3, outDir: '.txsim/failures', cwd: process.cwd() });
 * shrunk.run; // 'npx txsim run .txsim/failures/harsh-seed-3.shrunk.json'
 */
export function shrinkToScenario(spec: RunSpec, at: { profile: string; seed: number; outDir: string; cwd: string; roles?: UserRoles | undefined; roleFiles?: ReplayRoles }): ShrunkReport | undefined {
  const result = shrinkFailure(spec, undefined, { maxShrinks: MAX_SHRINK_STEPS, ...(at.roles === undefined ? {} : { roles: at.roles }) });
  if (result.violations.length === 0) return undefined; // the run passes on its own: nothing to shrink
  const violations = result.violations.map(formatViolation);
  const name = `${at.profile}-seed-${at.seed}-shrunk`;
  const scenario = scenarioFromRunSpec(withoutRoles(result.spec), {
    name,
    title: `The smallest run txsim explore found from ${at.profile} seed ${at.seed}; it should pass once the bug is fixed`,
    description: `Shrunk from size ${result.originalSize} to ${result.size}. Violated: ${violations.join(' | ')}`,
  });
  parseScenario(scenario, name); // a file `txsim run` would refuse is a txsim bug: fail here, loudly
  const fileName = `${name}.json`;
  mkdirSync(resolve(at.cwd, at.outDir), { recursive: true });
  writeFileSync(resolve(at.cwd, at.outDir, fileName), `${JSON.stringify(scenario, null, 2)}\n`);
  const scenarioFile = join(at.outDir, fileName);
  return {
    seed: at.seed,
    originalSize: result.originalSize,
    size: result.size,
    shrinks: result.shrinks,
    runs: result.runs,
    scenarioFile,
    run: `npx txsim run ${shellQuote(scenarioFile)}${roleFlags(at.roleFiles)}`,
    violations,
    scenario,
  };
}

/** The text block of a shrunk run. */
export function printShrunk(io: CliIo, shrunk: ShrunkReport): void {
  const { orders, faults = [] } = shrunk.scenario;
  println(io.stdout, `SHRUNK seed ${shrunk.seed}: size ${shrunk.originalSize} -> ${shrunk.size} in ${shrunk.runs} runs`);
  if (shrunk.scenario.config !== undefined) println(io.stdout, `  config: ${JSON.stringify(shrunk.scenario.config)}`);
  const localTx = (answer: string | undefined): string => (answer === undefined || answer === 'commit' ? '' : ` ${answer}`);
  println(io.stdout, `  orders: ${orders.map((o) => `${o.id} at ${o.at ?? 0} ms, ${o.amount}${localTx(o.localTx)}`).join('; ')}`);
  for (const fault of faults) println(io.stdout, `  fault: ${JSON.stringify(fault)}`);
  const random = shrunk.scenario.randomFaults;
  if (random !== undefined) println(io.stdout, `  random faults until ${shrunk.scenario.faultWindowMs ?? 0} ms: ${JSON.stringify(random)}`);
  for (const v of shrunk.violations) println(io.stdout, `  violates ${v}`);
  println(io.stdout, `  kept as ${shrunk.scenarioFile}; run it (a diagram: add --diagram mermaid):`);
  println(io.stdout, `  ${shrunk.run}`);
}
