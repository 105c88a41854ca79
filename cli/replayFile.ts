// Replay files: what `txsim explore` writes for each failing run, and `txsim replay FILE` reads back. A replay
// file holds the exact RunSpec (so it replays even if the profile's generator changes later), the profile and
// seed it came from, the trace hash the run produced, and the run report. Replay compares the hashes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { RunSpec } from '../model/runSpec.ts';
import { formatIssues, txsimErrorMap } from '../scenarios/issues.ts';
import { readJsonFile, ScenarioError } from '../scenarios/load.ts';
import type { RunReport } from './report.ts';

/** The format tag at the top of every replay file. */
export const REPLAY_FORMAT = 'txsim-replay/1';

export interface ReplayFile {
  format: typeof REPLAY_FORMAT;
  profile?: string;
  seed: number;
  /** The trace hash the run produced when the file was written. */
  traceHash: string;
  /** The one-line command that replays the run from its profile and seed. */
  replay: string;
  spec: RunSpec;
  report: RunReport;
}

const seed = z.number({ error: 'must be a non-negative integer' }).int({ error: 'must be a non-negative integer' }).min(0, { error: 'must be a non-negative integer' });

/** Structure only: the spec came from a profile and is checked again by running it. */
const replayFileSchema = z.looseObject({
  format: z.literal(REPLAY_FORMAT, { error: `must be "${REPLAY_FORMAT}" (is this a txsim replay file?)` }),
  profile: z.string().optional(),
  seed,
  traceHash: z.string({ error: 'must be a sha256 hex string' }).regex(/^[0-9a-f]{64}$/, { error: 'must be 64 lowercase hex digits' }),
  replay: z.string().optional(),
  spec: z.looseObject({
    name: z.string(),
    seed,
    config: z.record(z.string(), z.unknown()),
    orders: z.array(z.looseObject({ id: z.string(), amount: z.number() })).min(1),
    faults: z.looseObject({ options: z.record(z.string(), z.unknown()), script: z.array(z.looseObject({ type: z.string(), at: z.number() })) }),
  }),
});

/** The file name of a failing run: `<profile>-seed-<seed>.json`. */
export function replayFileName(profile: string, seedValue: number): string {
  return `${profile}-seed-${seedValue}.json`;
}

/**
 * Write a replay file into `dir` (created if needed); returns its path.
 *
 * @example
 * writeReplayFile('.txsim/failures', { format: REPLAY_FORMAT, profile: 'default', seed: 17, traceHash, replay, spec, report });
 */
export function writeReplayFile(dir: string, file: ReplayFile): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, replayFileName(file.profile ?? file.spec.name.replace(/[^\w.-]/g, '_'), file.seed));
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`);
  return path;
}

/** Read and check a replay file; a ScenarioError names each problem. */
export function readReplayFile(path: string): ReplayFile {
  const parsed = replayFileSchema.safeParse(readJsonFile(path, 'give the path of a replay file written by `txsim explore` (in .txsim/failures/), or use --seed S --profile P'), { error: txsimErrorMap, reportInput: true });
  if (!parsed.success) throw new ScenarioError(path, formatIssues(parsed.error.issues).map((p) => `${p}; this does not look like a replay file written by \`txsim explore\``));
  return parsed.data as unknown as ReplayFile;
}
