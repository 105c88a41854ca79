// What an exploration draws its runs from, as plain data that crosses a worker_threads boundary: a registered
// profile name or a validated profile file, and optionally the scenario the profile's faults are drawn around.
// Every worker rebuilds the same FaultProfile from it, so where a seed runs cannot change its run.
import type { Scenario } from '../../scenarios/format.ts';
import type { FaultProfile } from '../types.ts';
import { aroundScenario } from './aroundScenario.ts';
import type { ProfileFile } from './fileFormat.ts';
import { profileFromData } from './fromData.ts';
import { profileNamed } from './index.ts';

/** A profile by name or as a validated file, and the scenario to explore around. */
export interface ProfileChoice {
  profile: string | ProfileFile;
  scenario?: Scenario;
}

/**
 * The FaultProfile a choice stands for.
 *
 * @example
 * profileOf({ profile: 'default', scenario }).generate(5); // the scenario with seed 5's default-profile faults
 */
export function profileOf(choice: ProfileChoice): FaultProfile {
  const profile = typeof choice.profile === 'string' ? profileNamed(choice.profile) : profileFromData(choice.profile);
  return choice.scenario === undefined ? profile : aroundScenario(profile, choice.scenario);
}
