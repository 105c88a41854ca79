// `--profile NAME|FILE [--scenario NAME|FILE]` as explore and replay take them: the profile choice (plain data the
// explore workers rebuild the profile from), the profile itself, and what a replay line names so it draws the same
// runs. A profile file or scenario that cannot be used is a ScenarioError naming each field (exit 2).
import { resolve } from 'node:path';
import type { ProfileChoice } from '../properties/profiles/choice.ts';
import { profileOf } from '../properties/profiles/choice.ts';
import { PROFILES } from '../properties/profiles/index.ts';
import { isProfilePath, loadProfileFile } from '../properties/profiles/loadProfile.ts';
import type { ProfileRun } from '../properties/repro.ts';
import type { FaultProfile } from '../properties/types.ts';
import { resolveScenario } from './commands/run.ts';
import { shellQuote, UsageError } from './io.ts';

/** A resolved `--profile` (and `--scenario`). */
export interface ProfileArgs {
  /** `--profile` as the user wrote it. */
  arg: string;
  choice: ProfileChoice;
  profile: FaultProfile;
  /** What the replay line of a run names: `--profile` and `--scenario` as the user wrote them. */
  replayAs: Omit<ProfileRun, 'seed' | 'runtime'>;
}

/**
 * Resolve `--profile` (a registered name or a profile file) and `--scenario` (a scenario name or file), relative to cwd.
 *
 * @example
 * profileArgs('./my-profile.json', 'scenarios/examples/lost-rollback.json', process.cwd()).profile.generate(1);
 */
export function profileArgs(value: string, scenario: string | undefined, cwd: string): ProfileArgs {
  let profile: ProfileChoice['profile'] = value;
  if (!Object.hasOwn(PROFILES, value)) {
    if (!isProfilePath(value)) throw new UsageError(`unknown profile "${value}"; the profiles are ${Object.keys(PROFILES).join(', ')}, or give the path of a profile .json file`);
    profile = loadProfileFile(resolve(cwd, value));
  }
  const choice: ProfileChoice = { profile };
  if (scenario !== undefined) choice.scenario = resolveScenario(scenario, cwd).scenario;
  const replayAs: Omit<ProfileRun, 'seed' | 'runtime'> = { profile: shellQuote(value) };
  if (scenario !== undefined) replayAs.scenario = shellQuote(scenario);
  return { arg: value, choice, profile: profileOf(choice), replayAs };
}
