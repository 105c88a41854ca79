// Options every API entry shares: how the machines run, and users' machines in the consumer and producer roles
// (`roles: { consumer, producer }`, machine objects; one place, so run, explore and the property helper take them).
import type { UserRoles } from '../model/runSpec.ts';
import type { ActorRuntime } from '../sim/node.ts';

/** How runs are made, for every API function. */
export interface RunnerOptions {
  /** The machines' interpreter: 'lean' (fast, the default) or 'xstate' (XState's own actors); the trace is the same. */
  runtime?: ActorRuntime;
  /**
   * Your own XState machines for the `consumer` role (the target-fund listener) and the `producer` role (the
   * business system's TransactionListener), speaking the protocol of model/protocol.ts "Role calls"; a role left
   * out runs txsim's own. Their runs are judged by the same checkers.
   */
  roles?: UserRoles;
}

/** A deliberately broken variant of txsim's own model, to see what a failure looks like. */
export interface MutantOption {
  /** A name from `MUTANTS`, e.g. 'consumer-not-idempotent'. */
  mutant?: string;
}
