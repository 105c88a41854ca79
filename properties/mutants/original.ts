// The model's own implementation of a named action, so a mutant can wrap it (`enqueue(original)` inside an
// `enqueueActions`, or a call with a doctored context for a plain action) and change one thing, instead of
// copying the action's body. Uses only XState's public `machine.implementations`.
import type { AnyStateMachine } from 'xstate';

/**
 * The named action of a machine, as the machine was built (before any `.provide()`).
 *
 * @example
 * const receive = originalAction(consumerMachine, 'receive');
 * consumerMachine.provide({ actions: { receive: enqueueActions(({ enqueue }) => { enqueue(receive); }) } });
 */
export function originalAction(machine: AnyStateMachine, name: string): never {
  const action: unknown = machine.implementations.actions[name];
  if (action === undefined) throw new Error(`originalAction: machine '${machine.id}' has no action named '${name}'`);
  // `never` lets the caller hand it to `enqueue` (typed per machine) or cast it to the plain function it is.
  return action as never;
}
