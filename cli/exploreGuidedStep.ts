// The parts of `txsim explore` that only --guided and --coverage-diagram need: which flags a guided exploration
// takes (a UsageError naming each one it cannot honour), running it in this thread with each run passed on as a
// SeedResult, and writing the coverage diagram file. Kept apart so the explore command reads as its plan and steps.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Coverage } from '../properties/coverage/coverage.ts';
import { coverageDiagramFile } from '../properties/coverage/diagrams.ts';
import { exploreGuided } from '../properties/guided/exploreGuided.ts';
import type { FaultProfile } from '../properties/types.ts';
import type { ActorRuntime } from '../sim/node.ts';
import { guidedSeedResult } from './guidedSeedResult.ts';
import { UsageError } from './io.ts';
import type { ProfileArgs } from './profileArgs.ts';
import type { SeedResult } from './seedResult.ts';
import { shardText, type SeedRange, type Shard } from './shard.ts';

/** The `guided` field of the explore report. */
export interface GuidedFields {
  generation: number;
  corpus: number;
  features: number;
}

/** What the run step adds to the report beyond the tally: coverage, and the guided fields of --guided. */
export interface RunExtras {
  coverage?: Coverage;
  guided?: GuidedFields;
}

/** The flags of `txsim explore` that --guided depends on. */
export interface GuidedFlags {
  guided?: boolean;
  generation?: number;
  scenario?: string;
  crossCheck?: number;
}

/**
 * --generation needs --guided; --guided refuses what it cannot honour: a shard (one corpus grows over all the runs),
 * a scenario or a profile file (its mutations keep to the registered profiles' envelope), the xstate runtime (its
 * guidance is the lean runtime's probe), --cross-check (its runs have no profile seed to check).
 *
 * @example
 * checkGuidedOptions({ guided: true }, { index: 1, count: 4 }, drawFrom, 'lean'); // throws: drop --shard
 */
export function checkGuidedOptions(flags: GuidedFlags, shard: Shard | undefined, drawFrom: ProfileArgs, runtime: ActorRuntime): void {
  if (flags.guided !== true) {
    if (flags.generation !== undefined) throw new UsageError('--generation sets the generation size of --guided; add --guided or drop --generation');
    return;
  }
  const refuse = (flag: string, why: string): never => {
    throw new UsageError(`--guided with ${flag}: ${why}; drop ${flag.split(' ')[0] ?? flag} (or --guided)`);
  };
  if (shard !== undefined) refuse(`--shard ${shardText(shard)}`, 'a guided exploration grows one corpus over all its runs and cannot be cut into shards');
  if (flags.scenario !== undefined) refuse(`--scenario ${flags.scenario}`, 'guided mutations keep to the registered profiles, not to a scenario');
  if (typeof drawFrom.choice.profile !== 'string') refuse(`--profile ${drawFrom.arg}`, "guided mutations keep to the registered profiles' envelope, not a profile file's; give a profile name");
  if (runtime !== 'lean') refuse(`--runtime ${runtime}`, "guidance reads the lean runtime's probe, which XState's interpreter lacks");
  if (flags.crossCheck !== undefined) refuse(`--cross-check ${flags.crossCheck}`, 'a mutated run has no profile seed for the cross-check to name');
}

/** Where a guided run's replay files and replay lines go. */
export interface GuidedRun {
  profile: FaultProfile;
  part: SeedRange;
  outDir: string;
  generation: number;
}

/**
 * Run a guided exploration in this thread, passing each run on as a SeedResult; its coverage and report fields.
 *
 * @example
 * const extras = await runGuided({ profile, part: { fromSeed: 1, runs: 200 }, outDir: '.txsim/failures', generation: 50 }, onResult);
 */
export async function runGuided(run: GuidedRun, onResult: (result: SeedResult) => void | Promise<void>): Promise<RunExtras> {
  const { profile, part, outDir, generation } = run;
  const summary = await exploreGuided({ profile, fromSeed: part.fromSeed, runs: part.runs, generation, onResult: (r) => onResult(guidedSeedResult(r, profile.name, part.fromSeed, outDir)) });
  return { coverage: summary.coverage, guided: { generation, corpus: summary.corpus, features: summary.features } };
}

/**
 * --coverage-diagram FILE: PlantUML for .puml/.plantuml/.pu, Markdown with Mermaid blocks otherwise.
 *
 * @example
 * writeCoverageDiagram('/tmp/coverage.md', report.coverage);
 */
export function writeCoverageDiagram(path: string, coverage: Coverage | undefined): void {
  const format = /\.(puml|plantuml|pu)$/i.test(path) ? 'plantuml' : 'mermaid';
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, coverageDiagramFile(coverage, format));
}
