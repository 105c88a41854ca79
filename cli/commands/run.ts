// `txsim run NAME|FILE.json [--seed S] [--trace] [--json] [--lang en|zh] [--diagram plantuml|mermaid] [--html FILE]
// [--runtime lean|xstate] [--consumer FILE] [--producer FILE]`:
// run one scenario (a registered name or
// a scenario file), narrate it, judge its expectations and print the outcome. Exit 0 when the scenario is ok
// (every expectation met, no unexpected violation), 1 when not, 2 for an unknown name or an invalid file.
// --consumer / --producer run the user's own machine in that role (cli/roleFiles.ts; exit 2 for a bad one).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { summarizeOrders } from '../../model/orderSummary.ts';
import { runAndCheck } from '../../properties/runAndCheck.ts';
import type { Outcome } from '../../model/world.ts';
import type { Violation } from '../../properties/types.ts';
import type { ActorRuntime } from '../../sim/node.ts';
import { judgeScenario } from '../../scenarios/expectations.ts';
import type { Scenario } from '../../scenarios/format.ts';
import { findScenario, scenarioNames } from '../../scenarios/index.ts';
import { suggest } from '../../scenarios/issues.ts';
import { parseScenario, readJsonFile } from '../../scenarios/load.ts';
import { toRunSpec } from '../../scenarios/toRunSpec.ts';
import { artifactOptions, runDiagram, writeHtmlReport, type ArtifactOptions } from '../artifacts.ts';
import { expectFileKind } from '../fileKinds.ts';
import { EXIT, printJson, println, shellQuote, UsageError, type CliIo, type CommandContext } from '../io.ts';
import { LANGS, narrate, type Lang } from '../narrate.ts';
import { seedOption, runtimeOption } from '../options.ts';
import { renderRun, wrap } from '../render.ts';
import { buildRunReport } from '../report.ts';
import { RUN_DEFAULTS } from '../../model/defaults.ts';
import { roleFlags, type ReplayRoles } from '../../properties/repro.ts';
import { scenarioText } from '../../report/scenarioText.ts';
import { loadRoleFiles, type RoleMachines } from '../roleFiles.ts';
import { checkStepCrashTargets, judgeRolesRun, printInterpreterNotes, roleFileOptions, roleFilesOf, type RoleFileFlags } from '../roleRuns.ts';

export interface RunCommandOptions extends ArtifactOptions, RoleFileFlags {
  /** The machines' interpreter (default lean). */
  runtime?: ActorRuntime;
  seed?: number;
  trace?: boolean;
  json?: boolean;
  lang?: Lang;
}

/** A scenario from a registered name or a file path (relative to cwd). */
export function resolveScenario(target: string, cwd: string): { scenario: Scenario; source: string } {
  const named = findScenario(target);
  if (named !== undefined) return { scenario: parseScenario(named.scenario, `scenario ${target}`), source: `scenario ${target}` };
  const path = resolve(cwd, target);
  if (/[/\\]|\.json$/i.test(target) || existsSync(path)) {
    const data = readJsonFile(path);
    expectFileKind(data, 'scenario', target);
    return { scenario: parseScenario(data, path), source: target };
  }
  const guess = suggest(target, scenarioNames());
  throw new UsageError(
    `unknown scenario "${target}"${guess === undefined ? '' : ` (did you mean "${guess}"?)`}; ` +
      `the scenarios are ${scenarioNames().join(', ')} (see \`txsim scenarios\`), or give the path of a .json scenario file`,
  );
}

/** A judged scenario run: the JSON report of `txsim run --json` and what the narration and artifacts need. */
export interface ScenarioRun {
  report: ReturnType<typeof buildRunReport> & { title?: string; source: string };
  outcome: Outcome;
  violations: Violation[];
  unexpected: Violation[];
}

/**
 * Run a validated scenario and judge its expectations; `target` is what the replay line runs (a name or a path).
 *
 * @example
 * const { report } = judgeScenarioRun(parseScenario(json), { target: 'my.json', source: 'my.json' }, {});
 */
export function judgeScenarioRun(
  scenario: Scenario,
  at: { target: string; source: string },
  options: Pick<RunCommandOptions, 'seed' | 'runtime' | 'trace'> & { mutant?: string; roles?: RoleMachines; roleFiles?: ReplayRoles },
): ScenarioRun {
  const spec = toRunSpec(scenario, options.seed === undefined ? {} : { seed: options.seed });
  const roles = options.roles === undefined ? {} : { roles: options.roles };
  const { outcome, violations } = runAndCheck(spec, { runtime: options.runtime ?? RUN_DEFAULTS.runtime, ...(options.mutant === undefined ? {} : { mutant: options.mutant }), ...roles });
  const orders = summarizeOrders(outcome);
  const verdict = judgeScenario(scenario.expect ?? [], orders, outcome.facts, violations);
  const report = {
    ...buildRunReport({
      outcome,
      violations,
      orders,
      expectations: verdict.expectations,
      ok: verdict.ok,
      replay: `npx txsim run ${shellQuote(at.target)} --seed ${spec.seed}${roleFlags(options.roleFiles)}`,
      trace: options.trace === true,
    }),
    ...(scenario.title !== undefined ? { title: scenario.title } : {}),
    source: at.source,
  };
  return { report, outcome, violations, unexpected: verdict.unexpected };
}

/**
 * Run one scenario and print its story and outcome; returns the exit code.
 *
 * @example
 * const code = await runScenario('happy-path', { lang: 'zh' }, io);
 */
export async function runScenario(target: string, options: RunCommandOptions, io: CliIo): Promise<number> {
  const { scenario, source } = resolveScenario(target, io.cwd ?? process.cwd());
  const roleFiles = roleFilesOf(options);
  checkStepCrashTargets(scenario.faults ?? [], roleFiles);
  const roles = roleFiles === undefined ? {} : { roleFiles, roles: (await loadRoleFiles(roleFiles, io.cwd ?? process.cwd())).machines };
  const { report, outcome, violations, unexpected } = judgeRolesRun(() => judgeScenarioRun(scenario, { target, source }, { ...options, ...roles }), roleFiles);
  if (roleFiles !== undefined) printInterpreterNotes(io, roleFiles, { runtime: options.runtime ?? RUN_DEFAULTS.runtime, ...(outcome.userRoleRuntime === undefined ? {} : { ran: outcome.userRoleRuntime }) });
  const lang = options.lang ?? 'en';
  const text = scenarioText(lang, scenario);
  const heading = `${scenario.name}${text.title === undefined ? '' : `${lang === 'zh' ? '\uff1a' : ': '}${text.title}`}`;
  if (options.html !== undefined) {
    writeHtmlReport(outcome, violations, report.replay, options, io, text.title === undefined ? undefined : heading, {
      scenario: { ok: report.ok, expectations: report.expectations ?? [], unexpected, ...(text.lesson === undefined ? {} : { lesson: text.lesson }) },
      narration: narrate(outcome, report.orders, violations, { lang }),
    });
  }
  if (options.json === true) {
    printJson(io, options.diagram === undefined ? report : { ...report, diagram: runDiagram(outcome, options.diagram, lang, violations) });
  } else if (options.diagram !== undefined) {
    io.stdout.write(`${runDiagram(outcome, options.diagram, lang, violations)}\n`);
  } else {
    println(io.stdout, heading);
    if (text.lesson !== undefined) for (const line of wrap(text.lesson)) println(io.stdout, line);
    println(io.stdout);
    for (const line of renderRun({ outcome, orders: report.orders, violations, report }, { lang, unexpected })) println(io.stdout, line);
  }
  return report.ok ? EXIT.ok : EXIT.failed;
}

/** Register `txsim run`. */
export function addRunCommand(program: Command, ctx: CommandContext): void {
  program
    .command('run')
    .description('run one scenario (a name from `txsim scenarios` or a .json file), narrate it and check its expectations')
    .argument('<scenario>', 'scenario name or path of a scenario .json file')
    .addOption(seedOption("simulator seed (default: the scenario's own seed, else 1)"))
    .option('--trace', 'print every trace event')
    .option('--json', 'print the JSON run report instead of the narration')
    .addOption(new Option('--lang <lang>', 'narration and diagram language').choices([...LANGS]).default('en'))
    .addOption(artifactOptions()[0] as Option)
    .addOption(artifactOptions()[1] as Option)
    .addOption(runtimeOption())
    .addOption(roleFileOptions()[0] as Option)
    .addOption(roleFileOptions()[1] as Option)
    .action(async (target: string, options: RunCommandOptions) => ctx.exit(await runScenario(target, options, ctx.io)));
}
