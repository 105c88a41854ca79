// Users' machines through the API (docs/api.md "Your own consumer or producer"): `roles` as machine objects for
// the functions that run in this thread (runScenario, checkRuns), checked like a machine file; for explore, file
// paths or machines loadRoleMachine loaded (its worker threads load each machine from its file), or any machine
// object (the exploration then stays in this thread). Wherever txsim knows a machine's file, the replay lines it
// prints name it (`--consumer FILE`); else they name a placeholder that `txsim replay` refuses loudly.
import type { AnyStateMachine } from 'xstate';
import { USER_ROLES, type UserRole } from '../model/protocol.ts';
import type { ReplayRoles } from '../properties/repro.ts';
import { roleFileOf, type RoleMachines } from '../cli/roleFiles.ts';
import { checkRoleMachine } from '../cli/roleMachineCheck.ts';

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
 * `roles` for explore, split: the files (a path as given, or the file loadRoleMachine loaded a machine from),
 * which worker threads load and replay lines name; and the machine objects txsim knows no file of, which keep
 * the exploration in this thread (checked first: a RoleMachineError names the role and the fix).
 *
 * @example
 * exploreRoles({ consumer: './my-consumer.ts' }); // { flags: { consumer: './my-consumer.ts' }, objects: undefined }
 */
export function exploreRoles(roles: Partial<Record<UserRole, RoleFileOrMachine>> | undefined): { flags: ReplayRoles; objects: RoleMachines | undefined } {
  const flags: ReplayRoles = {};
  const objects: RoleMachines = {};
  for (const role of USER_ROLES) {
    const given = roles?.[role];
    if (given === undefined) continue;
    if (typeof given === 'string') {
      flags[role] = given;
      continue;
    }
    const machine = checkRoleMachine(role, given, `roles.${role}`);
    const file = roleFileOf(machine);
    if (file === undefined) objects[role] = machine;
    else flags[role] = file;
  }
  return { flags, objects: Object.keys(objects).length === 0 ? undefined : objects };
}
