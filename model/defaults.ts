// Every default of a model run in one place: the interpreter, the step bound, whether the trace is kept. The
// world, exploration, the CLI and the bench read them from here, so a default changes in one line. (The kernel's
// own Simulation, used bare by the design comparison and the kernel tests, runs XState's interpreter unless told:
// the designs use features the lean runtime refuses.)
import type { ActorRuntime } from '../sim/node.ts';

/** The defaults of a model run (RunOptions) and of everything that runs the model. */
export interface RunDefaults {
  /** The machines' interpreter: `lean` gives XState's traces several times faster (test/model/runtimeConformance). */
  readonly runtime: ActorRuntime;
  /** Bound on simulator steps for a whole run; past it the run is a livelock. */
  readonly maxSteps: number;
  /** Keep the trace records. */
  readonly trace: boolean;
}

/**
 * The defaults of a model run.
 *
 * @example
 * runModel(spec, { runtime: RUN_DEFAULTS.runtime });
 */
export const RUN_DEFAULTS: RunDefaults = Object.freeze({ runtime: 'lean', maxSteps: 5_000_000, trace: true });
