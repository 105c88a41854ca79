// Runs with users' machines: a RunSpec carries the machines themselves (`roles`, objects with functions), which
// neither JSON nor a worker message can hold. So the machines join a spec just before it runs (withRoles,
// profileWithRoles) and leave it before it is written or sent (withoutRoles); what a file or a replay line keeps
// is the machine FILES (`roles` of a replay file, `--consumer FILE`), loaded again wherever the run is replayed.
import { Option } from 'commander';
import type { RunSpec } from '../model/runSpec.ts';
import { USER_ROLES, type UserRole } from '../model/protocol.ts';
import { roleRuntimeFor, type RoleRuntime } from '../model/userRoles.ts';
import type { ActorRuntime } from '../sim/node.ts';
import type { ReplayRoles } from '../properties/repro.ts';
import { profileWithStepCrashes } from '../properties/profiles/stepCrashes.ts';
import type { FaultProfile } from '../properties/types.ts';
import { println, UsageError, type CliIo } from './io.ts';
import type { RoleMachines } from './roleFiles.ts';

/** The flags of the machine files, as run, explore and replay take them. */
export interface RoleFileFlags {
  consumer?: string;
  producer?: string;
}

/** A spec that may carry machines (model/runSpec.ts `roles`). */
type SpecWithRoles = RunSpec & { roles?: RoleMachines };

/**
 * `--consumer FILE` and `--producer FILE`.
 *
 * @example
 * for (const option of roleFileOptions()) command.addOption(option);
 */
export function roleFileOptions(): Option[] {
  return [
    new Option('--consumer <file>', 'your own consumer: a .ts/.js file whose default export is an XState machine speaking the role protocol (docs/roles.md)'),
    new Option('--producer <file>', 'your own producer (local transaction and check-back), likewise (docs/roles.md)'),
  ];
}

/** The files the flags name, or undefined when none. */
export function roleFilesOf(flags: RoleFileFlags): ReplayRoles | undefined {
  const files: ReplayRoles = {};
  for (const role of USER_ROLES) if (flags[role] !== undefined) files[role] = flags[role];
  return Object.keys(files).length === 0 ? undefined : files;
}

/** The spec with the machines to run (none: the spec unchanged). */
export function withRoles(spec: RunSpec, machines: RoleMachines | undefined): RunSpec {
  if (machines === undefined || Object.keys(machines).length === 0) return spec;
  return { ...spec, roles: machines } as SpecWithRoles;
}

/** The spec as data: without its machines (for a replay file, a worker message, a scenario file). */
export function withoutRoles(spec: RunSpec): RunSpec {
  if ((spec as SpecWithRoles).roles === undefined) return spec;
  const { roles: _roles, ...data } = spec as SpecWithRoles;
  return data;
}

/** The roles the machines fill, in USER_ROLES order. */
export function filledRoles(machines: Partial<Record<UserRole, unknown>> | undefined): UserRole[] {
  return USER_ROLES.filter((role) => machines?.[role] !== undefined);
}

/** A profile whose every run uses the machines, and crashes their instances at their steps (profiles/stepCrashes.ts). */
export function profileWithRoles(profile: FaultProfile, machines: RoleMachines | undefined): FaultProfile {
  if (machines === undefined || Object.keys(machines).length === 0) return profile;
  const stepped = profileWithStepCrashes(profile, filledRoles(machines));
  return { ...stepped, generate: (seed: number) => withRoles(stepped.generate(seed), machines) };
}

/**
 * Say on stderr which machine files a command runs (a replay file's, which may have changed since it was recorded).
 *
 * @example
 * printRoleFiles(io, { consumer: 'examples/correct-consumer.ts' }, 'replaying with');
 */
export function printRoleFiles(io: CliIo, files: ReplayRoles | undefined, what: string): void {
  if (files === undefined) return;
  const list = USER_ROLES.filter((role) => files[role] !== undefined).map((role) => `${role} ${files[role] ?? ''}`);
  println(io.stderr, `txsim: ${what} ${list.join(', ')}`);
}

/** The name of the runtime's error for a machine that broke the call protocol (model/userRoles.ts RoleProtocolError). */
const PROTOCOL_ERROR = 'RoleProtocolError';

/**
 * A user's machine broke the call protocol while it ran (in this thread, or in a worker, where the error arrives
 * by name only): that is bad input, exit 2, with the file of the machine at fault. Undefined for any other error.
 *
 * @example
 * const usage = roleProtocolUsage(error, { consumer: 'my-consumer.ts' }); if (usage !== undefined) throw usage;
 */
export function roleProtocolUsage(error: unknown, files: ReplayRoles | undefined, errorName?: string): UsageError | undefined {
  if (!(error instanceof Error) || (error.name !== PROTOCOL_ERROR && errorName !== PROTOCOL_ERROR)) return undefined;
  const role = USER_ROLES.find((r) => error.message.startsWith(`${r} machine`));
  const file = role === undefined ? undefined : files?.[role];
  return new UsageError(`${error.message}${file === undefined ? '' : `\n  the ${role ?? ''} machine is ${file} (docs/roles.md)`}`);
}

/**
 * Run `judge` (one run, in this thread); a protocol error of a user's machine becomes a UsageError naming its file.
 *
 * @example
 * const { outcome } = judgeRolesRun(() => runAndCheck(spec), { consumer: 'my-consumer.ts' });
 */
export function judgeRolesRun<T>(judge: () => T, files: ReplayRoles | undefined): T {
  try {
    return judge();
  } catch (error) {
    throw roleProtocolUsage(error, files) ?? error;
  }
}

/**
 * Say once, on stderr, which of the user's machines run on XState's own interpreter instead of the lean one, and
 * why (issue 9's differential contract: the same results, only slower). `ran` is what a run reports
 * (Outcome.userRoleRuntime); without it the machines are looked at before running.
 *
 * @example
 * printInterpreterNotes(io, { consumer: 'my-consumer.ts' }, { machines, runtime: 'lean' });
 */
export function printInterpreterNotes(io: CliIo, files: ReplayRoles | undefined, from: { machines?: RoleMachines; runtime: ActorRuntime; ran?: Partial<Record<UserRole, RoleRuntime>> }): void {
  if (from.runtime === 'xstate') return;
  for (const role of USER_ROLES) {
    const machine = from.machines?.[role];
    const ran = from.ran?.[role] ?? (machine === undefined ? undefined : roleRuntimeFor(machine, from.runtime));
    if (ran?.reason === undefined) continue;
    const file = files?.[role] === undefined ? '' : ` (${files[role]})`;
    println(io.stderr, `txsim: your ${role} machine${file} runs on XState's own interpreter, not the lean one: ${ran.reason}; the results are the same, the runs slower`);
  }
}

/**
 * The machine files loaded from --consumer/--producer, joined by machine objects the API was given without a
 * file: such a role's "file" in replay lines is a placeholder (`<your consumer file>`), which `txsim replay`
 * refuses loudly (no such file) rather than silently replaying txsim's own machine in its place.
 *
 * @example
 * withRoleObjects(undefined, { consumer: myMachine }); // { files: { consumer: '<your consumer file>' }, machines: { consumer: myMachine } }
 */
export function withRoleObjects(loaded: { files: ReplayRoles; machines: RoleMachines } | undefined, objects: RoleMachines | undefined): { files: ReplayRoles; machines: RoleMachines } | undefined {
  if (objects === undefined || Object.keys(objects).length === 0) return loaded;
  const files: ReplayRoles = { ...loaded?.files };
  const machines: RoleMachines = { ...loaded?.machines };
  for (const role of USER_ROLES) {
    const machine = objects[role];
    if (machine === undefined) continue;
    machines[role] = machine;
    files[role] = `<your ${role} file>`;
  }
  return { files, machines };
}

/** The role whose machine a node runs when the role is filled: `producer-N` and `consumer-N` (the target group). */
function roleOfNode(node: string): UserRole | undefined {
  if (/^producer-\d+$/.test(node)) return 'producer';
  if (/^consumer-\d+$/.test(node)) return 'consumer';
  return undefined;
}

/**
 * A scenario's step crashes (`onStep`) must be on a node whose role runs a user machine: the steps are that
 * machine's database requests, so anywhere else the crash would silently never fire.
 *
 * @example
 * checkStepCrashTargets([{ at: 0, type: 'crash', node: 'consumer-1', onStep: { nth: 1, when: 'issued' } }], undefined); // throws UsageError
 */
export function checkStepCrashTargets(faults: readonly unknown[], files: ReplayRoles | undefined): void {
  faults.forEach((fault, i) => {
    const f = fault as { type?: string; node?: string; onStep?: unknown };
    if (f.type !== 'crash' || f.onStep === undefined || f.node === undefined) return;
    const role = roleOfNode(f.node);
    if (role !== undefined && files?.[role] !== undefined) return;
    const fix = role === undefined ? 'put it on a producer-N or consumer-N node, or remove onStep' : `give --${role} FILE, or remove onStep`;
    throw new UsageError(`faults[${i}].onStep: ${f.node} runs no user machine, so it makes no database requests and this crash would never fire; ${fix}`);
  });
}
