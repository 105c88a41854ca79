// `txsim explore --cross-check N`: every seed divisible by N is run again on both interpreters with its trace
// kept, and the two trace hashes must be equal. The lean runtime (sim/lean/) exists only for speed; this keeps
// it honest on the seeds users actually explore, beyond the conformance test's fixed ones. A difference is a txsim
// bug (exit 3) and names the seed and both hashes.
import type { RunSpec } from '../model/runSpec.ts';
import { runModel, type ModelMachines } from '../model/world.ts';

/** The lean runtime and XState's interpreter gave different traces for one seed. */
export class CrossCheckError extends Error {
  constructor(
    readonly seed: number,
    readonly leanHash: string,
    readonly xstateHash: string,
    replay: string,
  ) {
    super(
      `cross-check failed: seed ${seed} gives trace hash ${leanHash} on the lean runtime and ${xstateHash} on XState's interpreter; ` +
        `the lean runtime departs from XState (a txsim bug, please report it); \`${replay} --runtime xstate\` runs XState's`,
    );
    this.name = 'CrossCheckError';
  }
}

/** Whether `--cross-check every` checks this seed: every seed divisible by it (0: none), however seeds are split among workers. */
export function crossChecks(seed: number, every: number | undefined): boolean {
  return every !== undefined && every > 0 && seed % every === 0;
}

/**
 * Run a spec on both interpreters with the trace kept; throw CrossCheckError when the hashes differ.
 *
 * @example
 * crossCheck(PROFILES.default.generate(17), 17, 'npx txsim replay --seed 17 --profile default');
 */
export function crossCheck(spec: RunSpec, seed: number, replay: string, machines?: Partial<ModelMachines>): void {
  const options = { trace: true, ...(machines === undefined ? {} : { machines }) };
  const lean = runModel(spec, { ...options, runtime: 'lean' }).traceHash;
  const xstate = runModel(spec, { ...options, runtime: 'xstate' }).traceHash;
  if (lean !== xstate) throw new CrossCheckError(seed, lean, xstate, replay);
}
