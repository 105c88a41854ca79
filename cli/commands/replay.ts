// `txsim replay FILE | --seed S --profile P [--trace] [--json] [--lang en|zh] [--diagram F] [--html FILE]
// [--runtime lean|xstate]`: run one recorded run again, exactly. From a replay file it runs the stored spec on the
// recorded interpreter and compares the trace hash with the recorded one; when they differ it names the first
// differing event, as recorded and as replayed (cli/replayDivergence.ts). From a profile and seed it regenerates
// the spec. Exit 0: no violation (and the hash matches); 1: a violation or a divergence; 2: bad input, including
// a file recorded by another model version (cli/replayFile.ts). A run of users' machines replays with them: the
// files a replay file's `roles` names (as recorded, relative to the current directory), or --consumer/--producer
// (which also replace a file's); stderr says which files it uses, since they may have changed since.
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { summarizeOrders } from '../../model/orderSummary.ts';
import type { RunSpec } from '../../model/runSpec.ts';
import { replayLine, roleFlags, type ReplayRoles } from '../../properties/repro.ts';
import { runAndCheck } from '../../properties/runAndCheck.ts';
import type { ActorRuntime } from '../../sim/node.ts';
import { artifactOptions, runDiagram, writeHtmlReport, type ArtifactOptions } from '../artifacts.ts';
import { LANGS, narrate, type Lang } from '../narrate.ts';
import { EXIT, printJson, println, shellQuote, UsageError, type CliIo, type CommandContext } from '../io.ts';
import { profileOption, RUNTIMES, seedOption } from '../options.ts';
import { profileArgs } from '../profileArgs.ts';
import { divergenceText, firstDivergence, type Divergence } from '../replayDivergence.ts';
import { readReplayFile, type ReadReplayFile } from '../replayFile.ts';
import { renderRun } from '../render.ts';
import { buildRunReport } from '../report.ts';
import { RUN_DEFAULTS } from '../../model/defaults.ts';
import { loadRoleFiles } from '../roleFiles.ts';
import { filledRoles, judgeRolesRun, printInterpreterNotes, printRoleFiles, roleFileOptions, roleFilesOf, withRoles, type RoleFileFlags } from '../roleRuns.ts';
import { profileWithStepCrashes } from '../../properties/profiles/stepCrashes.ts';

export interface ReplayOptions extends ArtifactOptions, RoleFileFlags {
  /** The machines' interpreter (default lean). */
  runtime?: ActorRuntime;
  lang?: Lang;
  seed?: number;
  profile?: string;
  trace?: boolean;
  json?: boolean;
  /** The scenario the profile's faults were drawn around (`txsim explore --scenario FILE`). */
  scenario?: string;
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
  let recorded: ReadReplayFile | undefined;
  let command: string;
  let runtime = options.runtime ?? RUN_DEFAULTS.runtime;
  const flagRoles = roleFilesOf(options);
  let roleFiles: ReplayRoles | undefined = flagRoles;
  if (file !== undefined) {
    if (options.seed !== undefined || options.profile !== undefined || options.scenario !== undefined) {
      throw new UsageError('give either a replay FILE or --seed S --profile P, not both');
    }
    recorded = readReplayFile(resolve(io.cwd ?? process.cwd(), file), file);
    if (recorded.roles !== undefined) roleFiles = { ...recorded.roles, ...flagRoles };
    spec = recorded.spec;
    profile = recorded.profile;
    expectedHash = recorded.traceHash;
    if (recorded.formatVersion === 2) runtime = options.runtime ?? recorded.runtime;
    command = `npx txsim replay ${shellQuote(file)}${options.runtime === undefined ? '' : ` --runtime ${options.runtime}`}${roleFlags(flagRoles)}`;
  } else {
    if (options.seed === undefined) {
      throw new UsageError('give a replay FILE, or --seed S (with --profile P, default "default"); e.g. `npx txsim replay --seed 17 --profile default`');
    }
    const chosen = profileArgs(options.profile ?? 'default', options.scenario, io.cwd ?? process.cwd());
    profile = chosen.profile.name;
    // With users' machines the run also has their step crashes, drawn as explore drew them.
    spec = profileWithStepCrashes(chosen.profile, filledRoles(roleFiles)).generate(options.seed);
    command = replayLine({ ...chosen.replayAs, seed: options.seed, runtime, ...(roleFiles === undefined ? {} : { roles: roleFiles }) });
  }
  if (roleFiles !== undefined) {
    // A replay file's machines are loaded as the files are now: say which, since they may have changed since.
    if (recorded?.roles !== undefined) printRoleFiles(io, roleFiles, `using the machines ${file ?? ''} names, as the files are now:`);
    spec = withRoles(spec, (await loadRoleFiles(roleFiles, io.cwd ?? process.cwd())).machines);
  }

  const { outcome, violations } = judgeRolesRun(() => runAndCheck(spec, { runtime, trace: true }), roleFiles);
  if (roleFiles !== undefined) printInterpreterNotes(io, roleFiles, { runtime, ...(outcome.userRoleRuntime === undefined ? {} : { ran: outcome.userRoleRuntime }) });
  const orders = summarizeOrders(outcome);
  const reproduced = expectedHash === undefined || expectedHash === outcome.traceHash;
  const base = buildRunReport({ outcome, violations, orders, replay: command, trace: options.trace === true, ...(profile !== undefined ? { profile } : {}) });
  const divergence = reproduced || recorded?.formatVersion !== 2 ? undefined : firstDivergence(recorded.checkpoints, recorded.trace, outcome.trace);
  const report = {
    ...base,
    runtime,
    ok: base.ok && reproduced,
    ...(expectedHash !== undefined ? { expectedTraceHash: expectedHash, reproduced } : {}),
    ...(divergence === undefined ? {} : { divergence }),
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
  if (!reproduced) printDivergence(io, `${file ?? ''} recorded trace hash ${expectedHash ?? ''} but this run gives ${outcome.traceHash}`, recorded, divergence);
  return report.ok ? EXIT.ok : EXIT.failed;
}

/** The divergence message on stderr: what differs, and where, as far as the file allows saying. */
function printDivergence(io: CliIo, what: string, recorded: ReadReplayFile | undefined, divergence: Divergence | undefined): void {
  println(io.stderr, `txsim: replay diverged: ${what}`);
  if (recorded?.formatVersion === 1) {
    println(io.stderr, `  it is a txsim-replay/1 file: it keeps no model version and no trace checkpoints, so txsim cannot tell whether the model changed since or where the run left it; run \`npx txsim explore\` again to record a txsim-replay/2 file`);
    return;
  }
  if (divergence === undefined) println(io.stderr, '  every event matches its checkpoint: only the trace hash differs (the file was edited?)');
  else for (const line of divergenceText(divergence)) println(io.stderr, line);
  if (recorded?.roles !== undefined) println(io.stderr, `  the run used your machine files (${Object.values(recorded.roles).join(', ')}): if one changed since it was recorded, that explains it`);
  println(io.stderr, '  the model version is the same, so the simulator, a machine or the spec changed without a MODEL_VERSION bump (git log model/ sim/ shows what)');
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
    .addOption(new Option('--runtime <name>', "interpreter of the machines: lean or xstate (default: the replay file's, else lean); the trace is the same").choices([...RUNTIMES]))
    .option('--scenario <file>', 'the scenario `txsim explore --scenario` drew the run around')
    .addOption(roleFileOptions()[0] as Option)
    .addOption(roleFileOptions()[1] as Option)
    .action(async (file: string | undefined, options: ReplayOptions) => ctx.exit(await replay(file, options, ctx.io)));
}
