// User machine files (`--consumer FILE`, `--producer FILE`, a replay file's `roles`): load a .ts, .mts, .js or
// .mjs file with tsx (so a user's TypeScript runs without a build step, in the checkout and in the installed
// package alike), take its default export and check it for the role (cli/roleMachineCheck.ts). Every failure is
// a RoleMachineError naming the role, the file and the fix: the CLI prints it and exits 2, with no stack trace.
import { existsSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import type { AnyStateMachine } from 'xstate';
import { USER_ROLES, type UserRole } from '../model/protocol.ts';
import type { ReplayRoles } from '../properties/repro.ts';
import { checkRoleMachine, MACHINE_SHAPE, RoleMachineError } from './roleMachineCheck.ts';

/** The file kinds a machine file may be. */
export const MACHINE_FILE_EXTENSIONS = Object.freeze(['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs']);

/** Machines by role, as a run takes them. */
export type RoleMachines = Partial<Record<UserRole, AnyStateMachine>>;

/** The first line of an import failure: esbuild's and Node's messages say what and where; the stack says nothing more. */
function firstLines(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n').filter((line) => line.trim() !== '').slice(0, 3).join(' / ');
}

/**
 * Load the machine file for `role` (a path as the user gave it, resolved against `cwd`) and check it.
 *
 * @example
 * const consumer = await loadRoleMachine('consumer', './examples/correct-consumer.ts');
 */
export async function loadRoleMachine(role: UserRole, path: string, cwd = process.cwd()): Promise<AnyStateMachine> {
  const at = resolve(cwd, path);
  if (!existsSync(at) || !statSync(at).isFile()) {
    throw new RoleMachineError(role, path, `no such file (looked at ${at})`, `give the path of a ${MACHINE_FILE_EXTENSIONS.join('/')} file, relative to the current directory`);
  }
  if (!MACHINE_FILE_EXTENSIONS.includes(extname(at))) {
    throw new RoleMachineError(role, path, `"${extname(at) || 'no extension'}" is not a machine file`, `give a ${MACHINE_FILE_EXTENSIONS.join(', ')} file that does ${MACHINE_SHAPE}`);
  }
  let module: Record<string, unknown>;
  try {
    module = (await tsImport(pathToFileURL(at).href, import.meta.url)) as Record<string, unknown>;
  } catch (error) {
    throw new RoleMachineError(role, path, `it could not be loaded: ${firstLines(error)}`, 'make the file run on its own (node --import tsx FILE), then try again');
  }
  // tsx gives a CommonJS or TypeScript-compiled file's exports as `default` too, sometimes nested once more.
  let machine = module.default;
  if (machine === undefined || (typeof machine === 'object' && machine !== null && 'default' in machine && Object.keys(machine).length === 1)) {
    machine = (machine as { default?: unknown } | undefined)?.default;
  }
  if (machine === undefined) {
    const named = Object.keys(module).filter((k) => k !== 'default' && k !== '__esModule');
    const hint = named.length === 0 ? '' : ` (it exports ${named.join(', ')}: make the machine the default export)`;
    throw new RoleMachineError(role, path, `the file has no default export${hint}`, MACHINE_SHAPE);
  }
  const checked = checkRoleMachine(role, machine, path);
  LOADED_FROM.set(checked, path);
  return checked;
}

/** The file each loaded machine came from, as given: so a machine object handed back to txsim can be named by file. */
const LOADED_FROM = new WeakMap<AnyStateMachine, string>();

/**
 * The file a machine was loaded from by loadRoleMachine (as the path was given), or undefined for any other machine.
 *
 * @example
 * roleFileOf(await loadRoleMachine('consumer', './my-consumer.ts')); // './my-consumer.ts'
 */
export function roleFileOf(machine: AnyStateMachine): string | undefined {
  return LOADED_FROM.get(machine);
}

/**
 * Load every role's machine file: the machines to run, and the files as given (for replay lines and files).
 *
 * @example
 * const { machines } = await loadRoleFiles({ consumer: 'examples/correct-consumer.ts' }, process.cwd());
 */
export async function loadRoleFiles(files: ReplayRoles, cwd: string): Promise<{ machines: RoleMachines; files: ReplayRoles }> {
  const machines: RoleMachines = {};
  for (const role of USER_ROLES) {
    const path = files[role];
    if (path !== undefined) machines[role] = await loadRoleMachine(role, path, cwd);
  }
  return { machines, files };
}

/** Are any machine files given? */
export function hasRoleFiles(files: ReplayRoles | undefined): files is ReplayRoles {
  return files !== undefined && (files.consumer !== undefined || files.producer !== undefined);
}
