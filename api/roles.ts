// Users' machines through the API (docs/api.md "Your own consumer or producer"): `roles` as machine objects for
// the functions that run in this thread (runScenario, checkRuns), checked like a machine file; `roles` as file
// paths, or machines that loadRoleMachine loaded, for explore, whose worker threads load each machine from its
// file. Wherever txsim knows a machine's file, the replay lines it prints name it (`--consumer FILE`).
import type { AnyStateMachine } from 'xstate';
import { USER_ROLES, type UserRole } from '../model/protocol.ts';
import type { ReplayRoles } from '../properties/repro.ts';
import { roleFileOf, type RoleMachines } from '../cli/roleFiles.ts';
import { checkRoleMachine, RoleMachineError } from '../cli/roleMachineCheck.ts';

/** A role's machine as explore takes it: the path of its file, or a machine loadRoleMachine loaded. */
export type RoleFileOrMachine = string | AnyStateMachine;

/** The machines to run and the files replay lines name (those txsim knows). */
export interface CheckedRoles {
  machines: RoleMachines;
  files: ReplayRoles | undefined;
}

/**
 * Check machine objects given as `roles` (a RoleMachineError names the role and the fix), and find their files.
 *
 * @example
 * const { machines, files } = checkedRoles({ consumer: await loadRoleMachine('consumer', './my-consumer.ts') });
 */
export function checkedRoles(roles: Partial<Record<UserRole, unknown>> | undefined): CheckedRoles | undefined {
  if (roles === undefined) return undefined;
  const machines: RoleMachines = {};
  const files: ReplayRoles = {};
  for (const role of USER_ROLES) {
    if (roles[role] === undefined) continue;
    const machine = checkRoleMachine(role, roles[role], `roles.${role}`);
    machines[role] = machine;
    const file = roleFileOf(machine);
    if (file !== undefined) files[role] = file;
  }
  return { machines, files: Object.keys(files).length === 0 ? undefined : files };
}

/**
 * The files of `roles` for explore: a path as given, or the file loadRoleMachine loaded a machine from; a machine
 * txsim cannot name a file of is refused (a RoleMachineError with the fix).
 *
 * @example
 * roleFilesFor({ consumer: './my-consumer.ts' }); // { consumer: './my-consumer.ts' }
 */
export function roleFilesFor(roles: Partial<Record<UserRole, RoleFileOrMachine>> | undefined): ReplayRoles | undefined {
  if (roles === undefined) return undefined;
  const files: ReplayRoles = {};
  for (const role of USER_ROLES) {
    const given = roles[role];
    if (given === undefined) continue;
    if (typeof given === 'string') {
      files[role] = given;
      continue;
    }
    const file = roleFileOf(checkRoleMachine(role, given, `roles.${role}`));
    if (file === undefined) {
      throw new RoleMachineError(
        role,
        `roles.${role}`,
        "explore runs on worker threads, which load each machine from its file, and this machine's file is unknown",
        `give its path (roles: { ${role}: './my-${role}.ts' }), or a machine from loadRoleMachine('${role}', './my-${role}.ts')`,
      );
    }
    files[role] = file;
  }
  return Object.keys(files).length === 0 ? undefined : files;
}
