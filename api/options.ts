// Options every API entry shares: how the machines run. Issue 14's user machines will join RunnerOptions as
// `roles: { consumer, producer }` (one place, so run, explore and the property helper all take them, unrenamed).
import type { AnyStateMachine } from 'xstate';
import type { ActorRuntime } from '../sim/node.ts';

/** How runs are made, for every API function. */
export interface RunnerOptions {
  /** The machines' interpreter: 'lean' (fast, the default) or 'xstate' (XState's own actors); the trace is the same. */
  runtime?: ActorRuntime;
  /** Your own machines for the consumer and producer roles (docs/roles.md); a role left out runs txsim's own. */
  roles?: { consumer?: AnyStateMachine; producer?: AnyStateMachine };
}

/** A deliberately broken variant of txsim's own model, to see what a failure looks like. */
export interface MutantOption {
  /** A name from `MUTANTS`, e.g. 'consumer-not-idempotent'. */
  mutant?: string;
}
