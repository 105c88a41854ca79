// The static check of a user's machine for a role (issue 14): before any run, the value given for `consumer` or
// `producer` must be an XState machine whose initial state takes every call of the role (model/protocol.ts
// ROLE_CALLS). Each failure is a RoleMachineError naming the role, where the machine came from, the event when
// one is missing, and the fix; the CLI prints it and exits 2, the API throws it. What a machine emits can only be
// judged while it runs: the runtime's RoleProtocolError catches an unknown or misplaced emit.
import { initialTransition, type AnyStateMachine } from 'xstate';
import { ROLE_CALLS, USER_ROLES, type RoleCallType, type UserRole } from '../model/protocol.ts';
import { UsageError } from './io.ts';

/** The machine a user writes for a role, as examples/correct-consumer.ts does. */
export const MACHINE_SHAPE = 'export default setup({ ... }).createMachine({ ... })';

/** A user's machine that cannot fill its role: bad input (exit 2), with the fix. */
export class RoleMachineError extends UsageError {
  constructor(
    readonly role: UserRole,
    /** Where the machine came from: a file path as the user gave it, or `roles.consumer` for an API object. */
    readonly source: string,
    readonly problem: string,
    readonly fix: string,
    /** The call event the machine cannot take, when that is the problem. */
    readonly event?: RoleCallType,
  ) {
    super(`${role} machine ${source}: ${problem}; fix: ${fix} (docs/roles.md)`);
    this.name = 'RoleMachineError';
  }
}

interface StateNodeLike {
  parent?: StateNodeLike;
  ownEvents: readonly string[];
  key: string;
}

/** Is it an XState machine (not a StateNode, an actor, a setup() result or a function)? Checked by shape, so a user's own copy of xstate passes. */
function isMachine(value: unknown): value is AnyStateMachine {
  const m = value as Partial<AnyStateMachine> | null;
  return typeof m === 'object' && m !== null && typeof m.getInitialSnapshot === 'function' && typeof m.transition === 'function' && typeof m.root === 'object';
}

/** What the value is instead of a machine, and how to make it one. */
function notAMachine(value: unknown): { problem: string; fix: string } {
  const v = value as Record<string, unknown> | null;
  if (typeof value === 'function') return { problem: 'the default export is a function, not an XState machine', fix: `export the machine itself: ${MACHINE_SHAPE}` };
  if (typeof v === 'object' && v !== null && typeof v.createMachine === 'function') {
    return { problem: 'the default export is the result of setup(...), not a machine', fix: `call .createMachine({ ... }) on it: ${MACHINE_SHAPE}` };
  }
  if (typeof v === 'object' && v !== null && typeof v.send === 'function' && typeof v.getSnapshot === 'function') {
    return { problem: 'the default export is an actor (createActor(...)), not a machine', fix: `export the machine, not an actor: txsim starts one actor per call itself (${MACHINE_SHAPE})` };
  }
  const what = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
  return { problem: `the default export is ${what}, not an XState machine`, fix: MACHINE_SHAPE };
}

/** The state nodes of the initial state, leaves and their ancestors: whoever may take an event there. */
function initialNodes(machine: AnyStateMachine): StateNodeLike[] {
  const [snapshot] = initialTransition(machine);
  // XState keeps an error of the initial state (a context factory that throws) in the snapshot.
  if (snapshot.status === 'error') throw snapshot.error;
  const leaves = ((snapshot as unknown as { _nodes?: StateNodeLike[] })._nodes ?? [machine.root]) as StateNodeLike[];
  const nodes = new Set<StateNodeLike>();
  for (const leaf of leaves) for (let n: StateNodeLike | undefined = leaf; n !== undefined; n = n.parent) nodes.add(n);
  return [...nodes];
}

/** The initial state's name, as a user would write it in their config. */
function initialStateName(machine: AnyStateMachine): string {
  const [snapshot] = initialTransition(machine);
  return typeof snapshot.value === 'string' ? `"${snapshot.value}"` : JSON.stringify(snapshot.value);
}

/**
 * Check that `value` can fill `role`: an XState machine whose initial state has a transition for every call of
 * the role (guards are not run: a guarded transition counts). Returns the machine; throws a RoleMachineError.
 *
 * @example
 * import correctConsumer from '../examples/correct-consumer.ts';
 * checkRoleMachine('consumer', correctConsumer, 'examples/correct-consumer.ts'); // the machine
 */
export function checkRoleMachine(role: UserRole, value: unknown, source: string): AnyStateMachine {
  if (!isMachine(value)) {
    const { problem, fix } = notAMachine(value);
    throw new RoleMachineError(role, source, problem, fix);
  }
  let nodes: StateNodeLike[];
  try {
    nodes = initialNodes(value);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new RoleMachineError(role, source, `its initial state cannot be computed without input (${why})`, 'give the context initial values; the call arrives as an event, not as input');
  }
  const handled = new Set(nodes.flatMap((n) => n.ownEvents));
  const calls = ROLE_CALLS[role];
  for (const call of calls) {
    if (handled.has(call) || handled.has('*')) continue;
    const all = calls.length > 1 ? ` (a ${role} must handle ${calls.join(' and ')})` : '';
    const other = USER_ROLES.find((r) => r !== role && ROLE_CALLS[r].every((c) => handled.has(c)));
    const swapped = other === undefined ? '' : `; it handles ${ROLE_CALLS[other].join(' and ')}, so it looks like a ${other} machine: give it as --${other} (roles.${other})`;
    throw new RoleMachineError(
      role,
      source,
      `its initial state ${initialStateName(value)} has no transition for the call event "${call}"${all}${swapped}`,
      `add on: { ${call}: { target: ..., actions: ... } } to the initial state`,
      call,
    );
  }
  return value;
}
