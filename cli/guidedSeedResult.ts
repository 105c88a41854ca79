// A guided run as a SeedResult, so `txsim explore --guided` counts, prints and files it like any explored seed.
// A guided run that mutated a kept run has no profile seed that regenerates it: its replay line replays the run's
// replay file (which holds the exact spec), and its number is its position in the exploration (first seed + index),
// which also names that file (`<profile>-guided-seed-<n>.json`).
import type { GuidedResult } from '../properties/guided/exploreGuided.ts';
import { replayFileName } from './replayFile.ts';
import { seedResultWithReplay, type SeedResult } from './seedResult.ts';
import { join } from 'node:path';

/** The profile name a guided run's replay file is filed under. */
export const guidedProfileName = (profile: string): string => `${profile}-guided`;

/**
 * The SeedResult of one guided run.
 *
 * @example
 * await exploreGuided({ ..., onResult: (r) => tally.add(guidedSeedResult(r, 'default', 1, '.txsim/failures'), undefined) });
 */
export function guidedSeedResult(run: GuidedResult, profile: string, fromSeed: number, outDir: string): SeedResult {
  const seed = fromSeed + run.index;
  return seedResultWithReplay(seed, run, profile, `npx txsim replay ${join(outDir, replayFileName(guidedProfileName(profile), seed))}`);
}
