// The fault-profile registry: each named way of drawing runs from a seed. `default` stays within the design's
// claims (its violations are bugs), `harsh` goes beyond them on purpose, `swarm` draws the fault mix itself per
// seed. The CLI (`txsim replay --seed S --profile P`), explore, the soak script and the tests read only this map.
import type { FaultProfile } from '../types.ts';
import { defaultProfile } from './defaultProfile.ts';
import { harsh } from './harsh.ts';
import { swarm } from './swarm.ts';

/** Every profile, by name. */
export const PROFILES: Readonly<Record<string, FaultProfile>> = Object.freeze({
  [defaultProfile.name]: defaultProfile,
  [harsh.name]: harsh,
  [swarm.name]: swarm,
});

/**
 * The profile of a name; throws for an unknown one (a usage error).
 *
 * @example
 * profileNamed('default').generate(17);
 */
export function profileNamed(name: string): FaultProfile {
  const profile = PROFILES[name];
  if (profile === undefined) throw new Error(`unknown profile '${name}' (known: ${Object.keys(PROFILES).join(', ')})`);
  return profile;
}
