// `txsim replay FILE | --seed S --profile P [--trace] [--json] [--lang en|zh] [--diagram F] [--html FILE]
// [--runtime lean|xstate]`: run one
// recorded run again, exactly. From a replay
// file it runs the stored spec and compares the trace hash with the recorded one (exit 1 with a clear message when
// they differ); from a profile and seed it regenerates the spec. Exit 0: no violation (and the hash matches);
// 1: a violation or a divergence; 2: bad input.
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { summarizeOrders } from '../../model/orderSummary.ts';
import type { RunSpec } from '../../model/runSpec.ts';
import { PROFILES } from '../../properties/profiles/index.ts';
import { replayLine } from '../../properties/repro.ts';
import { runAndCheck } from '../../properties/runAndCheck.ts';
import type { ActorRuntime } from '../../sim/node.ts';
import { artifactOptions, runDiagram, writeHtmlReport, type ArtifactOptions } from '../artifacts.ts';
import { LANGS, narrate, type Lang } from '../narrate.ts';
import { EXIT, printJson, println, shellQuote, UsageError, type CliIo, type CommandContext } from '../io.ts';
import { profileOption, seedOption, runtimeOption } from '../options.ts';
import { readReplayFile } from '../replayFile.ts';
import { renderRun } from '../render.ts';
import { buildRunReport } from '../report.ts';

export interface ReplayOptions extends ArtifactOptions {
  /** The machines' interpreter (default lean). */
  runtime?: ActorRuntime;
  lang?: Lang;
  seed?: number;
  profile?: string;
  trace?: boolean;
  json?: boolean;
}

/**
 * Replay a run from a replay file or from a profile and seed; returns the exit code.
 *
 * @example
 * await replay(undefined, { seed: 17, profile: 'default' }, io);
 * await replay('.txsim/failures/default-seed-17.json', {}, io);
 */
export async function replay(file: string | undefined, options: ReplayOptions, io: CliIo): Promise<number> {
  let spec: RunSpec;
  let profile: string | undefined;
  let expectedHash: string | undefined;
  let command: string;
  if (file !== undefined) {
    if (options.seed !== undefined || options.profile !== undefined) {
      throw new UsageError('give either a replay FILE or --seed S --profile P, not both');
    }
    const recorded = readReplayFile(resolve(io.cwd ?? process.cwd(), file));
    spec = recorded.spec;
    profile = recorded.profile;
    expectedHash = recorded.traceHash;
    command = `npx txsim replay ${shellQuote(file)}`;
  } else {
    if (options.seed === undefined) {
      throw new UsageError('give a replay FILE, or --seed S (with --profile P, default "default"); e.g. `npx txsim replay --seed 17 --profile default`');
    }
    profile = options.profile ?? 'default';
    const chosen = PROFILES[profile];
    if (chosen === undefined) throw new UsageError(`unknown profile "${profile}"; the profiles are ${Object.keys(PROFILES).join(', ')}`);
    spec = chosen.generate(options.seed);
    command = replayLine({ profile, seed: options.seed });
  }

  const { outcome, violations } = runAndCheck(spec, { runtime: options.runtime ?? 'lean' });
  const orders = summarizeOrders(outcome);
  const reproduced = expectedHash === undefined || expectedHash === outcome.traceHash;
  const base = buildRunReport({ outcome, violations, orders, replay: command, trace: options.trace === true, ...(profile !== undefined ? { profile } : {}) });
  const report = {
    ...base,
    ok: base.ok && reproduced,
    ...(expectedHash !== undefined ? { expectedTraceHash: expectedHash, reproduced } : {}),
  };
  const lang = options.lang ?? 'en';
  if (options.html !== undefined) writeHtmlReport(outcome, violations, command, options, io, undefined, { narration: narrate(outcome, orders, violations, { lang }) });
  if (options.json === true) printJson(io, options.diagram === undefined ? report : { ...report, diagram: runDiagram(outcome, options.diagram, lang, violations) });
  else if (options.diagram !== undefined) io.stdout.write(`${runDiagram(outcome, options.diagram, lang, violations)}\n`);
  else {
    println(io.stdout, `replay ${profile === undefined ? '' : `profile ${profile}, `}seed ${spec.seed}: ${spec.name}`);
    println(io.stdout);
    for (const line of renderRun({ outcome, orders, violations, report }, { lang })) println(io.stdout, line);
    if (expectedHash !== undefined && reproduced) println(io.stdout, '  reproduced: the trace hash matches the replay file');
  }
  if (!reproduced) {
    println(
      io.stderr,
      `txsim: replay diverged: ${file} recorded trace hash ${expectedHash} but this run gives ${outcome.traceHash}; ` +
        'the model, the simulator or the spec changed since the file was written (git log model/ sim/ shows what)',
    );
  }
  return report.ok ? EXIT.ok : EXIT.failed;
}

/** Register `txsim replay`. */
export function addReplayCommand(program: Command, ctx: CommandContext): void {
  program
    .command('replay')
    .description('run a recorded run again, exactly: from a replay file (checks its trace hash) or from --seed and --profile')
    .argument('[file]', 'a replay file written by `txsim explore` (in .txsim/failures/)')
    .addOption(seedOption('seed of the run to replay'))
    .addOption(profileOption('fault profile of the run to replay (default: default)'))
    .option('--trace', 'print every trace event')
    .option('--json', 'print the JSON run report')
    .addOption(new Option('--lang <lang>', 'narration and diagram language').choices([...LANGS]).default('en'))
    .addOption(artifactOptions()[0] as Option)
    .addOption(artifactOptions()[1] as Option)
    .addOption(runtimeOption())
    .action(async (file: string | undefined, options: ReplayOptions) => ctx.exit(await replay(file, options, ctx.io)));
}
