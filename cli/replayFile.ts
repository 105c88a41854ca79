// Replay files: what `txsim explore` writes for each failing run, and `txsim replay FILE` reads back. A replay
// file holds the exact RunSpec (so it replays even if the profile's generator changes later), the profile and
// seed it came from, the interpreter (`--runtime`) and any user machine files (`roles`) the run used, the model
// version that recorded it, the trace hash, checkpoints of the trace (a short hash every CHECKPOINT_EVERY events)
// with the rendered trace itself, and the run report. Replay compares the hashes; when they differ, the
// checkpoints and lines name the first differing event (cli/replayDivergence.ts).
//
// Format history: txsim-replay/1 had no modelVersion, runtime, roles, checkpoints or trace. Such a file is still
// read and replayed (its spec is the same); a match proves the run reproduced, a mismatch can only be reported as
// such, with the reason it cannot say more. A later format is refused with a clear message.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { MODEL_VERSION } from '../model/modelVersion.ts';
import type { RunSpec } from '../model/runSpec.ts';
import type { ReplayRoles } from '../properties/repro.ts';
import type { ActorRuntime } from '../sim/node.ts';
import type { TraceCheckpoints } from '../sim/trace.ts';
import { formatIssues, txsimErrorMap } from '../scenarios/issues.ts';
import { readJsonFile, ScenarioError, scenarioProblems } from '../scenarios/load.ts';
import { configSchema, orderSchema, scenarioSchema, type Scenario } from '../scenarios/format.ts';
import { expectFileKind } from './fileKinds.ts';
import { UsageError } from './io.ts';
import { RUNTIMES } from './options.ts';
import type { RunReport } from './report.ts';

/** The format tag at the top of every replay file this txsim writes. */
export const REPLAY_FORMAT = 'txsim-replay/2';
/** The first format, still read (see the file comment). */
export const REPLAY_FORMAT_V1 = 'txsim-replay/1';

export interface ReplayFile {
  format: typeof REPLAY_FORMAT;
  /** model/modelVersion.ts MODEL_VERSION of the txsim that recorded the run. */
  modelVersion: number;
  profile?: string;
  seed: number;
  /** The interpreter the run was found with. */
  runtime: ActorRuntime;
  /** User machine files the run used, by role (issue 14's `--consumer FILE`, `--producer FILE`). */
  roles?: ReplayRoles;
  /** The trace hash the run produced when the file was written. */
  traceHash: string;
  /** The one-line command that replays the run from its profile and seed. */
  replay: string;
  /** A short hash of every window of `checkpoints.every` events. */
  checkpoints: TraceCheckpoints;
  /** The rendered trace, one line per event (omitted for very long runs: then the checkpoints name the window). */
  trace?: string[];
  spec: RunSpec;
  report: RunReport;
}

/** A replay file as read: the current format, or a txsim-replay/1 file (without the fields format 2 added). */
export type ReadReplayFile =
  | (ReplayFile & { formatVersion: 2 })
  | (Omit<ReplayFile, 'format' | 'modelVersion' | 'runtime' | 'checkpoints'> & { format: typeof REPLAY_FORMAT_V1; formatVersion: 1 });

const MODEL_VERSION_ERROR = 'must be a model version (model/modelVersion.ts MODEL_VERSION, an integer >= 0)';
const SEED_ERROR = 'must be a non-negative integer up to 2^53 - 1 (9007199254740991)';
const seed = z.number({ error: SEED_ERROR }).int({ error: SEED_ERROR }).min(0, { error: SEED_ERROR }).max(Number.MAX_SAFE_INTEGER, { error: SEED_ERROR });
const hex = (digits: number) => z.string({ error: `must be ${digits} lowercase hex digits` }).regex(new RegExp(`^[0-9a-f]{${digits}}$`), { error: `must be ${digits} lowercase hex digits` });
const path = z.string({ error: 'must be the path of a machine file' }).min(1, { error: 'must be the path of a machine file' });

/** The run's spec: the scenario file's schemas (config, orders), so a replay file is validated as a scenario is. */
const specSchema = z.looseObject({
  name: z.string({ error: 'must be a string' }),
  seed,
  config: configSchema.required(),
  orders: z.array(orderSchema, { error: 'must be an array of orders' }).min(1, { error: 'must list at least one order' }),
  faults: z.looseObject({ options: z.record(z.string(), z.unknown()), script: z.array(z.looseObject({ type: z.string(), at: z.number() })) }),
});

const commonFields = {
  profile: z.string().optional(),
  seed,
  traceHash: hex(64),
  replay: z.string().optional(),
  spec: specSchema,
};

const v2Schema = z.looseObject({
  format: z.literal(REPLAY_FORMAT),
  modelVersion: z.number({ error: MODEL_VERSION_ERROR }).int({ error: MODEL_VERSION_ERROR }).min(0, { error: MODEL_VERSION_ERROR }),
  runtime: z.enum(RUNTIMES, { error: `must be ${RUNTIMES.map((r) => `"${r}"`).join(' or ')}` }),
  roles: z.strictObject({ consumer: path.optional(), producer: path.optional() }).optional(),
  checkpoints: z.strictObject({
    every: z.number().int().min(1, { error: 'must be a positive integer' }),
    events: z.number().int().min(0, { error: 'must be a non-negative integer' }),
    hashes: z.array(hex(16)),
  }),
  trace: z.array(z.string()).optional(),
  ...commonFields,
});

const v1Schema = z.looseObject({ format: z.literal(REPLAY_FORMAT_V1), ...commonFields });

/** The file name of a failing run: `<profile>-seed-<seed>.json`. */
export function replayFileName(profile: string, seedValue: number): string {
  return `${profile}-seed-${seedValue}.json`;
}

/**
 * Write a replay file into `dir` (created if needed); returns its path.
 *
 * @example
 * writeReplayFile('.txsim/failures', { format: REPLAY_FORMAT, modelVersion: MODEL_VERSION, profile: 'default', seed: 17, runtime: 'lean', traceHash, replay, checkpoints, trace, spec, report });
 */
export function writeReplayFile(dir: string, file: ReplayFile): string {
  mkdirSync(dir, { recursive: true });
  const at = join(dir, replayFileName(file.profile ?? file.spec.name.replace(/[^\w.-]/g, '_'), file.seed));
  writeFileSync(at, `${JSON.stringify(file, null, 2)}\n`);
  return at;
}

/** The spec as a scenario, for the checks that need the whole of it (load.ts scenarioProblems). */
function specProblems(spec: RunSpec): string[] {
  const asScenario = { name: spec.name, seed: spec.seed, config: spec.config, orders: spec.orders, faults: spec.faults.script, randomFaults: spec.faults.options, faultWindowMs: spec.faultWindowMs, settleBoundMs: spec.settleBoundMs };
  const parsed = scenarioSchema.safeParse(JSON.parse(JSON.stringify(asScenario)), { error: txsimErrorMap, reportInput: true });
  const problems = parsed.success ? scenarioProblems(parsed.data as Scenario) : formatIssues(parsed.error.issues);
  const where: Record<string, string> = { faults: 'faults.script', randomFaults: 'faults.options' };
  return problems.map((p) => `spec.${p.replace(/^(\w+)/, (field: string) => where[field] ?? field)}`);
}

/** Refuse a format this txsim cannot read, or a file that is something else; undefined when the format is known. */
function checkFormat(data: unknown, file: string): void {
  expectFileKind(data, 'replay', file);
  const format = (data as { format?: unknown } | null)?.format;
  if (format === REPLAY_FORMAT || format === REPLAY_FORMAT_V1) return;
  const later = typeof format === 'string' ? /^txsim-replay\/(\d+)$/.exec(format) : null;
  if (later !== null) throw new UsageError(`${file}: written in format ${format} by a later txsim; this txsim reads ${REPLAY_FORMAT_V1} and ${REPLAY_FORMAT}: update txsim to replay it`);
  throw new ScenarioError(file, [`format: must be "${REPLAY_FORMAT}" (got ${JSON.stringify(format) ?? 'nothing'}); this does not look like a replay file written by \`txsim explore\``]);
}

/**
 * Read and check a replay file: its format, its model version and its spec (validated as a scenario is); a
 * ScenarioError names each problem, a UsageError a file of another kind, format or model version.
 *
 * @example
 * const recorded = readReplayFile('.txsim/failures/default-seed-17.json', 'default-seed-17.json');
 */
export function readReplayFile(at: string, file = at): ReadReplayFile {
  const data = readJsonFile(at, 'give the path of a replay file written by `txsim explore` (in .txsim/failures/), or use --seed S --profile P');
  checkFormat(data, file);
  const v1 = (data as { format: string }).format === REPLAY_FORMAT_V1;
  const parsed = (v1 ? v1Schema : v2Schema).safeParse(data, { error: txsimErrorMap, reportInput: true });
  if (!parsed.success) throw new ScenarioError(file, formatIssues(parsed.error.issues));
  const recorded = parsed.data as unknown as ReplayFile;
  if (!v1) checkModelVersion(recorded, file);
  const problems = specProblems(recorded.spec);
  if (problems.length > 0) throw new ScenarioError(file, problems);
  return v1 ? { ...(recorded as unknown as Omit<ReplayFile, 'format'>), format: REPLAY_FORMAT_V1, formatVersion: 1 } : { ...recorded, formatVersion: 2 };
}

/** A file recorded by another model cannot reproduce: say so (exit 2), never replay into a silent divergence. */
function checkModelVersion(recorded: ReplayFile, file: string): void {
  if (recorded.modelVersion === MODEL_VERSION) return;
  const fromSeed = recorded.profile === undefined ? '' : ` To see the same seed under this model: \`npx txsim replay --seed ${recorded.seed} --profile ${recorded.profile}\`.`;
  if (recorded.modelVersion < MODEL_VERSION) {
    throw new UsageError(
      `${file} was recorded by an earlier model (model version ${recorded.modelVersion}; this txsim has model version ${MODEL_VERSION}), ` +
        `whose runs differ from this one's, so it cannot be replayed exactly here. To reproduce it, check out the txsim whose model/modelVersion.ts says ${recorded.modelVersion} ` +
        `(git log -G 'MODEL_VERSION = ' model/modelVersion.ts).${fromSeed}`,
    );
  }
  throw new UsageError(`${file} was recorded by a later model (model version ${recorded.modelVersion}; this txsim has model version ${MODEL_VERSION}); update txsim to replay it.${fromSeed}`);
}
