// The one way to run and judge a RunSpec: runModel, then every checker. Used by the CLI (run, replay), explore,
// the soak script and the property tests. Optionally with a mutant's machines, without the trace (verdict-only
// runs are faster), or with only some checkers.
import type { RunSpec } from '../model/runSpec.ts';
import { runModel, type Outcome, type RunOptions } from '../model/world.ts';
import { checkOutcome, CHECKER_NAMES } from './index.ts';
import { MUTANTS } from './mutants/index.ts';
import type { Mutant, Violation } from './types.ts';

/** A finished run and its violations (safety first, then liveness). */
export interface RunResult {
  outcome: Outcome;
  violations: Violation[];
}

/** How to run: the model's RunOptions, plus a mutant (by name or value) and a subset of checkers. */
export interface RunAndCheckOptions extends RunOptions {
  /** Run a broken variant of the model (a name from MUTANTS, or a Mutant); its machines win over `machines`. */
  mutant?: string | Mutant;
  /** Checker names to run (default: all). */
  checkers?: readonly string[];
}

/** The Mutant a name or value stands for; throws for an unknown name (a usage error, not a run outcome). */
export function resolveMutant(mutant: string | Mutant): Mutant {
  if (typeof mutant !== 'string') return mutant;
  const found = MUTANTS[mutant];
  if (found === undefined) throw new Error(`unknown mutant '${mutant}' (known: ${Object.keys(MUTANTS).join(', ')})`);
  return found;
}

/**
 * Run a spec and check every property.
 *
 * @example
 * const { outcome, violations } = runAndCheck(PROFILES.default.generate(17));
 * const broken = runAndCheck(spec, { mutant: 'consumer-not-idempotent', trace: false });
 */
export function runAndCheck(spec: RunSpec, options: RunAndCheckOptions = {}): RunResult {
  const { mutant, checkers, ...run } = options;
  if (mutant !== undefined) run.machines = { ...run.machines, ...resolveMutant(mutant).machines };
  const outcome = runModel(spec, run);
  return { outcome, violations: checkOutcome(outcome, checkers ?? CHECKER_NAMES) };
}
