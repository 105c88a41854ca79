// The one line that replays a failure exactly (style rule 9). A profile run of the model replays with the CLI,
// `npx txsim replay --seed S --profile P`; a mutant run with properties/scripts/replay.ts (the CLI has no mutant
// flag); a fast-check run with its seed and path, which the property tests read back from FC_SEED and FC_PATH.

/** What identifies a profile run. */
export interface ProfileRun {
  profile: string;
  seed: number;
  mutant?: string;
  /** The interpreter the run was found with (`--runtime`); omitted from the line when not given. */
  runtime?: string;
  /** User machine files the run used (`--consumer FILE`, `--producer FILE`). */
  roles?: ReplayRoles;
  /** The scenario the profile's faults were drawn around (`txsim explore --scenario FILE`), shell-quoted. */
  scenario?: string;
}

/** User machine files of a run, by role: the `roles` field of a replay file. */
export interface ReplayRoles {
  consumer?: string;
  producer?: string;
}

/**
 * ` --consumer my.ts --producer p.ts`: the flags of a run's machine files (shell-quoted), for any replay line.
 *
 * @example
 * roleFlags({ consumer: './my consumer.ts' }); // " --consumer './my consumer.ts'"
 */
export function roleFlags(roles: ReplayRoles | undefined): string {
  const quote = (arg: string) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);
  let flags = '';
  if (roles?.consumer !== undefined) flags += ` --consumer ${quote(roles.consumer)}`;
  if (roles?.producer !== undefined) flags += ` --producer ${quote(roles.producer)}`;
  return flags;
}

/** ` --runtime xstate --consumer my.ts`: the flags a run's interpreter and machine files add to its replay line. */
function runFlags(run: ProfileRun): string {
  let flags = run.scenario === undefined ? '' : ` --scenario ${run.scenario}`;
  if (run.runtime !== undefined) flags += ` --runtime ${run.runtime}`;
  return flags + roleFlags(run.roles);
}

/**
 * The command line that replays one profile seed (of the model, or of a mutant).
 *
 * @example
 * replayLine({ profile: 'default', seed: 17 }); // 'npx txsim replay --seed 17 --profile default'
 * replayLine({ profile: 'default', seed: 17, runtime: 'xstate' }); // 'npx txsim replay --seed 17 --profile default --runtime xstate'
 */
export function replayLine(run: ProfileRun): string {
  if (run.mutant === undefined) return `npx txsim replay --seed ${run.seed} --profile ${run.profile}${runFlags(run)}`;
  return `node --import tsx properties/scripts/replay.ts --seed ${run.seed} --profile ${run.profile} --mutant ${run.mutant}`;
}

/**
 * The command line that replays one fast-check counterexample of a property test.
 *
 * @example
 * fastCheckLine('test/properties/runSpec.test.ts', 'no violation', 42, '3:1:0');
 * // 'FC_SEED=42 FC_PATH=3:1:0 npx vitest run test/properties/runSpec.test.ts -t "no violation"   # fc.assert(..., { seed: 42, path: "3:1:0" })'
 */
export function fastCheckLine(file: string, test: string, seed: number, path: string | null | undefined): string {
  const pathEnv = path ? ` FC_PATH=${path}` : '';
  const pathOpt = path ? `, path: "${path}"` : '';
  return `FC_SEED=${seed}${pathEnv} npx vitest run ${file} -t "${test}"   # fc.assert(..., { seed: ${seed}${pathOpt} })`;
}
