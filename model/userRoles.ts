// Users' machines in a role (model/protocol.ts "Role calls"): which interpreter runs them, and the error a machine
// gets when it breaks the call protocol at run time. A protocol error is the user's, not txsim's: it names the
// role, the event and the fix, and the CLI turns it into exit 2. The lean runtime runs a user's machine when it
// supports every feature the machine uses; otherwise XState's own interpreter runs that role (same traces), and
// the reason is kept so the command can say so once.
import type { AnyStateMachine } from 'xstate';
import { unsupportedFeature, type ActionRef, type GuardRef, type StateNode } from '../sim/lean/stateNodes.ts';
import type { ActorRuntime } from '../sim/node.ts';
import type { UserRole } from './protocol.ts';

/**
 * A user's machine broke the role-call protocol at run time: an unknown emit, an answer that does not fit the
 * call, a result it asked for and cannot take, or an exception. `fix` says what to change.
 *
 * @example
 * try { runModel({ ...spec, roles: { consumer } }); } catch (e) { if (e instanceof RoleProtocolError) console.error(e.message); }
 */
export class RoleProtocolError extends Error {
  constructor(
    readonly role: UserRole,
    /** The event at fault: what the machine emitted, or the result it could not take. */
    readonly event: string,
    /** What went wrong, in a few words. */
    readonly problem: string,
    readonly fix: string,
  ) {
    super(`${role} machine: ${problem} (event '${event}'); fix: ${fix}`);
    this.name = 'RoleProtocolError';
  }
}

/** The lean runtime refused a feature at run time (inside an action body): the run is made again on XState's. */
export class LeanRefusal extends Error {
  constructor(
    readonly role: UserRole,
    readonly reason: string,
  ) {
    super(`${role} machine: ${reason}`);
    this.name = 'LeanRefusal';
  }
}

/** Which interpreter runs a role's machine, and why not the lean one when it does not. */
export interface RoleRuntime {
  readonly runtime: ActorRuntime;
  /** Why the lean runtime cannot run the machine (absent when it can, or when XState's was asked for). */
  readonly reason?: string;
}

/** The built-in XState actions the lean runtime runs. */
const LEAN_ACTIONS: ReadonlySet<string> = new Set([
  'xstate.assign',
  'xstate.raise',
  'xstate.cancel',
  'xstate.sendTo',
  'xstate.spawnChild',
  'xstate.stopChild',
  'xstate.enqueueActions',
  'xstate.emit',
]);

interface MachineParts {
  readonly root?: StateNode;
  readonly implementations: { readonly actions: Record<string, unknown>; readonly guards: Record<string, unknown>; readonly actors: Record<string, unknown> };
}

/** Why lean cannot run an action, or undefined. */
function actionRefusal(ref: ActionRef, machine: MachineParts): string | undefined {
  const resolved = typeof ref === 'function' ? ref : machine.implementations.actions[typeof ref === 'string' ? ref : ref.type];
  if (typeof resolved !== 'function' || !('resolve' in resolved)) return undefined;
  const type = String((resolved as { type?: unknown }).type);
  return LEAN_ACTIONS.has(type) ? undefined : `the ${type} action`;
}

/** Why lean cannot run a guard, or undefined. */
function guardRefusal(ref: GuardRef | undefined, machine: MachineParts): string | undefined {
  if (ref === undefined) return undefined;
  const resolved = typeof ref === 'function' ? ref : machine.implementations.guards[typeof ref === 'string' ? ref : ref.type];
  return typeof resolved === 'function' && 'check' in resolved ? 'built-in guards (and, or, not, stateIn)' : undefined;
}

/** Why lean cannot run one state node's own actions, guards and invocations, or undefined. */
function nodeRefusal(node: StateNode, machine: MachineParts): string | undefined {
  const transitions = [...node.transitions.values()].flat().concat(node.always ?? []);
  const actions = [...node.entry, ...node.exit, ...node.initial.actions, ...transitions.flatMap((t) => t.actions)];
  for (const action of actions) {
    const refusal = actionRefusal(action, machine);
    if (refusal !== undefined) return refusal;
  }
  for (const t of transitions) {
    const refusal = guardRefusal(t.guard, machine);
    if (refusal !== undefined) return refusal;
  }
  for (const invoked of node.invoke) {
    const src = typeof invoked.src === 'string' ? machine.implementations.actors[invoked.src] : invoked.src;
    if (typeof src !== 'object' || src === null || !('root' in src)) return `invoked actors that are not machines (${node.id})`;
  }
  return undefined;
}

/**
 * Which interpreter runs a user's machine in a run on `runtime` (default 'lean'): lean when it supports every
 * feature the machine declares, else XState's own with the reason. A refusal only an action body reveals (an
 * `enqueue.log` inside enqueueActions) is found at run time: runModel then runs again on XState's.
 *
 * @example
 * roleRuntimeFor(myConsumer); // { runtime: 'lean' }, or { runtime: 'xstate', reason: 'the lean runtime does not support parallel state ...' }
 */
export function roleRuntimeFor(machine: AnyStateMachine, runtime: ActorRuntime = 'lean'): RoleRuntime {
  if (runtime === 'xstate') return { runtime: 'xstate' };
  const parts = machine as unknown as MachineParts;
  if (parts.root === undefined) return { runtime: 'xstate', reason: 'the lean runtime runs state machines only' };
  const feature = unsupportedFeature(parts.root);
  if (feature !== undefined) return { runtime: 'xstate', reason: `the lean runtime does not support ${feature}` };
  const stack: StateNode[] = [parts.root];
  while (stack.length > 0) {
    const node = stack.pop() as StateNode;
    const refusal = nodeRefusal(node, parts);
    if (refusal !== undefined) return { runtime: 'xstate', reason: `the lean runtime does not support ${refusal}` };
    stack.push(...Object.values(node.states));
  }
  return { runtime: 'lean' };
}
