// `txsim compare [--runs N] [--seed S] [--profile P] [--design NAME ...] [--first-run K] [--reconcile-interval-ms N]
// [--wide] [--json]`: the seed article's five-design table (section 2.3) filled with measurements, in under 100
// columns by default (the article's ratings beside the figures that support them, reconciliation off and on). Every design plays the
// same seeds, workloads and fault plans; the table is the same for the same seed and profile in any process.
// Each design's worst run is named with the one line that replays it alone.
import { Option, type Command } from 'commander';
import { compareDesigns, compareTableJson, renderCompareTable, type CompareTable } from '../../designs/compare.ts';
import { getDesign, listDesigns } from '../../designs/index.ts';
import { COMPARE_PROFILES } from '../../designs/profiles.ts';
import type { DesignMetrics } from '../../designs/design.ts';
import { renderCompactCompare } from '../compareText.ts';
import { EXIT, println, UsageError, type CliIo, type CommandContext } from '../io.ts';
import { integerArg } from '../options.ts';

export interface CompareCliOptions {
  runs: number;
  seed: number;
  profile: string;
  design?: string[];
  firstRun?: number;
  reconcileIntervalMs?: number;
  json?: boolean;
  /** Every measured column (about 220 columns) instead of the compact table. */
  wide?: boolean;
}

/** A run's badness for "the run that shows the design's characteristic failure": inconsistency, then blocking. */
function badness(m: DesignMetrics): number {
  return m.finalInconsistencies * 1e12 + m.doublePurchases * 1e11 + m.longestWindowMs * 1e3 + m.longestLockMs + m.reservationsHeldMs / 1e3;
}

function worstRuns(table: CompareTable): Array<{ design: string; run: DesignMetrics }> {
  const worst: Array<{ design: string; run: DesignMetrics }> = [];
  for (const row of table.rows) {
    let best: DesignMetrics | undefined;
    for (const run of row.perRun ?? []) if (best === undefined || badness(run) > badness(best)) best = run;
    if (best !== undefined) worst.push({ design: row.design, run: best });
  }
  return worst;
}

/**
 * Run the comparison and print the table (or JSON).
 *
 * @example
 * await compare({ runs: 200, seed: 1, profile: 'default' }, io);
 */
export async function compare(options: CompareCliOptions, io: CliIo): Promise<number> {
  const designs = options.design === undefined ? listDesigns() : options.design.map((name) => {
    try {
      return getDesign(name);
    } catch {
      throw new UsageError(`--design ${name}: unknown design; known: ${listDesigns().map((d) => d.name).join(', ')}`);
    }
  });
  const table = compareDesigns({
    runs: options.runs,
    seed: options.seed,
    profile: options.profile,
    designs,
    keepRuns: true,
    ...(options.firstRun === undefined ? {} : { firstRun: options.firstRun }),
    ...(options.reconcileIntervalMs === undefined ? {} : { reconcileIntervalMs: options.reconcileIntervalMs }),
  });
  const worst = worstRuns(table);
  if (options.json === true) {
    const json = JSON.parse(compareTableJson({ ...table, rows: table.rows.map(({ perRun: _perRun, ...row }) => row) })) as Record<string, unknown>;
    json.worstRuns = worst.map(({ design, run }) => ({ design, seed: run.seed, replay: replayLine(options, design, run.seed), finalInconsistencies: run.finalInconsistencies, longestWindowMs: run.longestWindowMs, longestLockMs: run.longestLockMs }));
    io.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    return EXIT.ok;
  }
  if (options.wide === true) {
    println(io.stdout, renderCompareTable(table));
  } else {
    // The article's 较高/高 split is the reconciliation job: show the same runs without it beside the default.
    const off =
      options.reconcileIntervalMs === undefined
        ? compareDesigns({ runs: options.runs, seed: options.seed, profile: options.profile, designs, reconcileIntervalMs: 0, ...(options.firstRun === undefined ? {} : { firstRun: options.firstRun }) })
        : undefined;
    println(io.stdout, renderCompactCompare(table, off, options.reconcileIntervalMs === undefined ? {} : { reconcileIntervalMs: options.reconcileIntervalMs }));
  }
  println(io.stdout);
  println(io.stdout, 'Worst run of each design (inconsistency first, then the longest window, then the longest lock):');
  for (const { design, run } of worst) {
    const what = `${run.finalInconsistencies} inconsistent at the end, longest window ${(run.longestWindowMs / 1000).toFixed(1)} s, longest lock ${(run.longestLockMs / 1000).toFixed(1)} s`;
    println(io.stdout, `  ${design.padEnd(26)} ${what}`);
    println(io.stdout, `    ${replayLine(options, design, run.seed, options.wide !== true)}`);
  }
  return EXIT.ok;
}

/** The line that replays one run alone; `short` leaves out the default profile, to fit 100 columns. */
function replayLine(options: CompareCliOptions, design: string, runSeed: string, short = false): string {
  const index = runSeed.slice(runSeed.lastIndexOf(':') + 1);
  const reconcile = options.reconcileIntervalMs === undefined ? '' : ` --reconcile-interval-ms ${options.reconcileIntervalMs}`;
  const profile = short && options.profile === 'default' ? '' : ` --profile ${options.profile}`;
  return `npx txsim compare --seed ${options.seed}${profile} --first-run ${index} --runs 1 --design ${design}${reconcile}`;
}

/** Register `txsim compare`. */
export function addCompareCommand(program: Command, ctx: CommandContext): void {
  program
    .command('compare')
    .description("measure the seed article's five distributed-transaction designs side by side on the same seeds and faults")
    .addOption(new Option('--runs <n>', 'runs per design').argParser(integerArg(1, 100_000)).default(200))
    .addOption(new Option('--seed <n>', 'comparison seed (run k uses seed "S:k")').argParser(integerArg(0)).default(1))
    .addOption(new Option('--profile <name>', 'fault profile of the comparison').choices(Object.keys(COMPARE_PROFILES)).default('default'))
    .addOption(new Option('--design <name...>', 'only these designs (default: all)'))
    .addOption(new Option('--first-run <k>', 'index of the first run (to replay one run alone)').argParser(integerArg(0)))
    .addOption(new Option('--reconcile-interval-ms <ms>', 'reconciliation period of the plain-message designs (0: off)').argParser(integerArg(0)))
    .option('--wide', 'print every measured column (about 220 columns wide) instead of the compact table')
    .option('--json', 'print the table as JSON')
    .action(async (options: CompareCliOptions) => ctx.exit(await compare(options, ctx.io)));
}
