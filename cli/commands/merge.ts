// `txsim merge FILE... [--json]`: join the `txsim explore --shard i/n --json` summaries of one exploration (say,
// the eight jobs of a CI matrix) into the summary the unsharded exploration would have printed, in the same text
// or JSON form. The files must belong to one exploration (same profile, --seed, --runs and shard count) and no
// shard may come twice; those are bad input (exit 2). A missing shard (a pod or CI job that never wrote its
// summary) is bad input too: the summary is printed, saying which seeds it covers, and the command exits 2, so an
// incomplete exploration never passes a CI step. --allow-partial accepts the gap (still warned about on stderr and
// named in the summary); then, as for a complete merge, exit 1 when a merged run failed, else 0.
// A merged summary may itself be merged again (its `merged.shards` say which shards it holds).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { formatIssues, txsimErrorMap } from '../../scenarios/issues.ts';
import { fileReadProblem, parseJsonText, ScenarioError } from '../../scenarios/load.ts';
import { ExploreTally, printFailure, printSummary, spansText, type ExploreReport, type SeedSpan } from '../exploreSummary.ts';
import { EXIT, printJson, println, UsageError, type CliIo, type CommandContext } from '../io.ts';
import { shardRange, shardText, type SeedRange } from '../shard.ts';

const count = z.number({ error: 'must be a non-negative integer' }).int({ error: 'must be a non-negative integer' }).min(0, { error: 'must be a non-negative integer' });

/** Structure only, and only what merging reads; extra fields pass through. */
const summarySchema = z.looseObject({
  profile: z.string(),
  beyondDesign: z.boolean(),
  runs: count,
  seeds: z.array(z.object({ from: count, to: count })),
  exploration: z.object({ fromSeed: count, runs: count.min(1, { error: 'must be at least 1' }) }),
  shard: z.object({ index: count.min(1, { error: 'must be at least 1' }), count: count.min(1, { error: 'must be at least 1' }) }).nullable(),
  workers: count,
  violationsByProperty: z.record(z.string(), count),
  violations: count,
  simTimeMs: z.number(),
  wallMs: z.number(),
  failures: z.array(z.looseObject({ seed: count, replay: z.string(), violations: z.array(z.looseObject({ property: z.string() })) })),
  merged: z.looseObject({ shardCount: count.min(1), shards: z.array(count.min(1)), wallMsMax: z.number() }).optional(),
});

export interface MergeOptions {
  json?: boolean;
  /** Merge even when shards are missing (still warned about; the summary names the gap). */
  allowPartial?: boolean;
}

/** One input file and the shards of its exploration it holds. */
interface Part {
  file: string;
  report: ExploreReport;
  shardCount: number;
  shards: number[];
}

function readSummary(file: string, path: string): ExploreReport {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`merge: ${file}: ${fileReadProblem(error)}; give the files written by \`txsim explore --shard i/n --json > FILE\``);
  }
  const json = parseJsonText(text, file);
  const parsed = summarySchema.safeParse(json, { error: txsimErrorMap, reportInput: true });
  if (!parsed.success) {
    const problems = formatIssues(parsed.error.issues);
    throw new ScenarioError(file, [...problems, `(${problems.length === 1 ? 'this' : 'these'} do${problems.length === 1 ? 'es' : ''} not fit the summary that \`txsim explore --json\` writes; merge the files it wrote)`]);
  }
  // The file as written, not zod's copy: that one moves the fields it knows first in each failure report.
  return json as ExploreReport;
}

/** Consecutive ranges of shards (in index order) joined into spans of seeds. */
function spansOf(exploration: SeedRange, shardCount: number, shards: readonly number[]): SeedSpan[] {
  const spans: SeedSpan[] = [];
  for (const index of [...shards].sort((a, b) => a - b)) {
    const range = shardRange(exploration, { index, count: shardCount });
    if (range.runs === 0) continue;
    const last = spans.at(-1);
    if (last !== undefined && last.to + 1 === range.fromSeed) last.to = range.fromSeed + range.runs - 1;
    else spans.push({ from: range.fromSeed, to: range.fromSeed + range.runs - 1 });
  }
  return spans;
}

function identity(part: Part): string {
  const { exploration, profile } = part.report;
  return `profile ${profile}, --seed ${exploration.fromSeed} --runs ${exploration.runs}, ${part.shardCount} shard${part.shardCount === 1 ? '' : 's'}`;
}

/** Check the parts belong together, cover each shard at most once, and hold the seeds their shards name. */
function checkParts(parts: readonly Part[]): void {
  const first = parts[0] as Part;
  const strangers = parts.filter((p) => identity(p) !== identity(first));
  if (strangers.length > 0) {
    const lines = parts.map((p) => `  ${p.file}: ${identity(p)}`).join('\n');
    throw new UsageError(`merge: the files belong to different explorations; merge the shards of one \`txsim explore\` (same --profile, --seed, --runs and shard count):\n${lines}`);
  }
  const owner = new Map<number, string>();
  for (const part of parts) {
    const { report } = part;
    for (const index of part.shards) {
      if (index > part.shardCount) throw new UsageError(`merge: ${part.file}: shard ${index}/${part.shardCount} does not exist`);
      const other = owner.get(index);
      if (other !== undefined) {
        const where = other === part.file ? `${other} is given twice` : `shard ${index}/${part.shardCount} is in both ${other} and ${part.file}`;
        throw new UsageError(`merge: ${where}; give each shard once`);
      }
      owner.set(index, part.file);
    }
    const expected = spansOf(report.exploration, part.shardCount, part.shards);
    const runs = expected.reduce((n, s) => n + s.to - s.from + 1, 0);
    const { stopped } = report as ExploreReport;
    if (stopped !== undefined) {
      throw new UsageError(`merge: ${part.file}: this shard stopped early (${stopped.reason}) before seed ${stopped.nextSeed}; run the shard again with its own command, or merge the other shards with --allow-partial`);
    }
    if (spansText(expected) !== spansText(report.seeds) || runs !== report.runs) {
      throw new UsageError(`merge: ${part.file}: it ran seeds ${spansText(report.seeds)} (${report.runs} runs), but its shards ${part.shards.join(', ')} of ${part.shardCount} are seeds ${spansText(expected)} (${runs} runs); was it cut short or edited?`);
    }
  }
}

/**
 * Merge shard summaries into one; returns the exit code.
 *
 * @example
 * const code = await merge(['shard-1.json', 'shard-2.json'], { json: true }, io);
 */
export async function merge(files: readonly string[], options: MergeOptions, io: CliIo): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  const parts: Part[] = files.map((file) => {
    const report = readSummary(file, resolve(cwd, file));
    const shardCount = report.merged?.shardCount ?? report.shard?.count ?? 1;
    const shards = report.merged?.shards ?? [report.shard?.index ?? 1];
    return { file, report, shardCount, shards };
  });
  checkParts(parts);
  parts.sort((a, b) => (a.report.seeds[0]?.from ?? 0) - (b.report.seeds[0]?.from ?? 0));

  const first = (parts[0] as Part).report;
  const shardCount = (parts[0] as Part).shardCount;
  const shards = parts.flatMap((p) => p.shards).sort((a, b) => a - b);
  const missingShards = Array.from({ length: shardCount }, (_, i) => i + 1).filter((i) => !shards.includes(i));
  const partial = options.allowPartial === true;
  for (const index of missingShards) {
    const range = shardRange(first.exploration, { index, count: shardCount });
    const what = `shard ${shardText({ index, count: shardCount })} (seeds ${range.fromSeed}..${range.fromSeed + range.runs - 1}) is missing`;
    println(io.stderr, partial ? `txsim merge: warning: ${what}; the summary covers only the shards given (--allow-partial)` : `txsim merge: ${what}`);
  }

  const tally = new ExploreTally();
  for (const part of parts) tally.addReport(part.report);
  // Parts with gaps (partial merges) may interleave: failures go back into seed order.
  tally.failures.sort((a, b) => a.seed - b.seed);
  const fields = tally.fields();
  const seeds = spansOf(first.exploration, shardCount, shards);
  const report: ExploreReport = {
    profile: first.profile,
    beyondDesign: first.beyondDesign,
    fromSeed: seeds[0]?.from ?? first.exploration.fromSeed,
    runs: fields.runs,
    seeds,
    exploration: first.exploration,
    shard: null,
    workers: parts.reduce((n, p) => n + p.report.workers, 0),
    ok: fields.ok,
    failingRuns: fields.failingRuns,
    violationsByProperty: fields.violationsByProperty,
    violations: fields.violations,
    simTimeMs: fields.simTimeMs,
    wallMs: parts.reduce((n, p) => n + p.report.wallMs, 0),
    failingSeeds: fields.failingSeeds,
    failures: fields.failures,
    merged: {
      files: parts.map((p) => p.file),
      shardCount,
      shards,
      missingShards,
      wallMsMax: Math.max(...parts.map((p) => p.report.merged?.wallMsMax ?? p.report.wallMs)),
    },
  };
  if (options.json === true) printJson(io, report);
  else {
    for (const failure of report.failures) printFailure(io, failure);
    if (report.failingRuns > 0) println(io.stdout);
    printSummary(io, report);
  }
  if (missingShards.length > 0 && !partial) {
    println(io.stderr, `txsim merge: incomplete: ${missingShards.length} of ${shardCount} shards missing (exit 2); run them and merge again, or accept the gap with --allow-partial`);
    return EXIT.usage;
  }
  return report.ok ? EXIT.ok : EXIT.failed;
}

/** Register `txsim merge`. */
export function addMergeCommand(program: Command, ctx: CommandContext): void {
  program
    .command('merge')
    .description('merge the --json summaries of `txsim explore --shard i/n` into the summary of the whole exploration')
    .argument('<files...>', 'summaries written by `txsim explore --shard i/n --json > FILE`')
    .option('--json', 'print the merged summary as JSON')
    .option('--allow-partial', 'merge even when shards are missing (default: exit 2); the summary still names the missing seeds')
    .addHelpText('after', '\nExit codes: 0 no failing run; 1 a failing run; 2 bad or inconsistent files, or a shard missing (without --allow-partial).\nExample:\n  npx txsim merge shard-*.json')
    .action(async (files: string[], options: MergeOptions) => ctx.exit(await merge(files, options, ctx.io)));
}
