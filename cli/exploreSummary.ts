// The summary of an exploration: the JSON object `txsim explore --json` and `txsim merge --json` print, how it is
// tallied from per-seed results, and its text form. Field names are a contract (as for the run report): fields may
// be added, never renamed or removed. Only `workers`, `wallMs` and `merged` say how the seeds were run; every other
// field is a function of (profile, seeds), so one worker, eight workers, or eight machines merged give the same.
import type { ExploreStop } from './exploreStop.ts';
import type { CliIo } from './io.ts';
import { println } from './io.ts';
import { duration } from '../report/duration.ts';
import { table } from './render.ts';
import type { RunReport } from './report.ts';
import { SummaryTally, type ExploreCounts, type ExploreSummary } from '../properties/exploreSummary.ts';
import type { SeedResult } from './seedResult.ts';
import { shardRange, shardText, type SeedRange, type Shard } from './shard.ts';

/** An inclusive range of seeds. */
export interface SeedSpan {
  from: number;
  to: number;
}

/** A failing run's report, with where its replay file was written. */
export type FailureReport = RunReport & { replayFile: string };

/**
 * The JSON printed by `txsim explore --json` and `txsim merge --json`: the exploration summary
 * (properties/explore.ts ExploreSummary, the one summary type) with how the seeds were run and every failure's report.
 */
export interface ExploreReport extends Omit<ExploreSummary, 'mutant'> {
  beyondDesign: boolean;
  /** The seeds run, as inclusive ranges in seed order (one range, unless a merge is missing shards). */
  seeds: SeedSpan[];
  /** The whole exploration this summary belongs to: the --seed and --runs every shard of it was given. */
  exploration: SeedRange;
  /** The shard this summary ran; null when it covers the whole exploration (no --shard, or a complete merge). */
  shard: Shard | null;
  /** Worker threads that ran the seeds (summed over the shards for a merge). */
  workers: number;
  /** Wall-clock time (summed over the shards for a merge). */
  wallMs: number;
  /** The run report of every failing seed, in seed order. */
  failures: FailureReport[];
  /** `txsim merge` only: what was merged. */
  merged?: {
    files: string[];
    shardCount: number;
    /** Shard indexes merged, ascending. */
    shards: number[];
    /** Shard indexes of the exploration that no file covered. */
    missingShards: number[];
    /** The slowest shard's wall time: the exploration's elapsed time when the shards ran side by side. */
    wallMsMax: number;
  };
  /** Only when the exploration stopped before its last seed (Ctrl-C, --max-failures): why, and how to go on. */
  stopped?: ExploreStop;
}

/** Counts per-seed results, in seed order, into the fields of an ExploreReport: a SummaryTally and the failure reports. */
export class ExploreTally {
  private readonly tally = new SummaryTally();
  readonly failures: FailureReport[] = [];

  get runs(): number {
    return this.tally.runs;
  }

  /** Count one seed; a failing one needs the path of its replay file. */
  add(result: SeedResult, replayFile: string | undefined): void {
    const report = result.failure?.report;
    const properties = report === undefined ? [] : report.violations.map((v) => v.property);
    this.tally.count({ seed: result.seed, simTimeMs: result.simTimeMs, violations: result.violations, properties, replay: report?.replay ?? '' });
    if (report !== undefined) this.failures.push({ ...report, replayFile: replayFile ?? '' });
  }

  /** Count a whole summary (a shard's, for a merge); summaries must come in seed order. */
  addReport(report: ExploreReport): void {
    this.tally.countSummary(report);
    this.failures.push(...report.failures);
  }

  /** The result fields of the report. */
  fields(): ExploreCounts & Pick<ExploreReport, 'failures'> {
    const counts = this.tally.counts();
    // Failures are listed as the reports say (a merge sorts them by seed after adding every shard).
    const failingSeeds = this.failures.map((f) => ({ seed: f.seed, replay: f.replay }));
    return { ...counts, ok: this.failures.length === 0, failingRuns: this.failures.length, failingSeeds, failures: this.failures };
  }
}

/** `3..9` or `3..9, 14..20` */
export function spansText(spans: readonly SeedSpan[]): string {
  return spans.map((s) => `${s.from}..${s.to}`).join(', ');
}

/** The FAIL line of a failing run, its replay command and its replay file. */
export function printFailure(io: CliIo, failure: FailureReport): void {
  const what = failure.violations.map((v) => `${v.property}${v.order === undefined ? '' : ` (${v.order})`}: ${v.detail}`);
  println(io.stdout, `FAIL seed ${failure.seed}: ${what.slice(0, 3).join('; ')}${what.length > 3 ? `; and ${what.length - 3} more` : ''}`);
  println(io.stdout, `  ${failure.replay}`);
  if (failure.replayFile !== '') println(io.stdout, `  replay file: ${failure.replayFile}`);
}

/** The text summary that ends `txsim explore` and `txsim merge`. */
export function printSummary(io: CliIo, report: ExploreReport): void {
  const violations = Object.entries(report.violationsByProperty)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([p, n]) => `${p} ${n}`);
  const { exploration } = report;
  const whole = `${exploration.fromSeed}..${exploration.fromSeed + exploration.runs - 1}`;
  const part = report.shard === null ? '' : `, shard ${shardText(report.shard)} of seeds ${whole}`;
  const rows = [
    ['profile', `${report.profile}${report.beyondDesign ? ' (beyond the design: violations are expected)' : ''}`],
    ['runs', `${report.runs} (seeds ${spansText(report.seeds)}${part})`],
  ];
  const { merged } = report;
  if (merged !== undefined) {
    const gaps = merged.missingShards.map((index) => {
      const range = shardRange(exploration, { index, count: merged.shardCount });
      return `${shardText({ index, count: merged.shardCount })} (seeds ${range.fromSeed}..${range.fromSeed + range.runs - 1})`;
    });
    const missing = gaps.length === 0 ? '' : `; MISSING ${gaps.join(', ')}`;
    rows.push(['merged', `${merged.shards.length} of ${merged.shardCount} shard${merged.shardCount === 1 ? '' : 's'} from ${merged.files.length} file${merged.files.length === 1 ? '' : 's'}${missing}`]);
  }
  const perSecond = `${Math.round((report.runs * 1000) / Math.max(1, report.wallMs))} runs/s`;
  rows.push(
    ['failing runs', String(report.failingRuns)],
    ['violations', violations.length === 0 ? 'none' : `${violations.join(', ')} (failing runs per property)`],
    ['simulated time', `${duration(report.simTimeMs)} in all, ${duration(Math.round(report.simTimeMs / Math.max(1, report.runs)))} per run`],
    [
      'wall time',
      merged === undefined
        ? `${(report.wallMs / 1000).toFixed(1)} s (${perSecond})`
        : `${(report.wallMs / 1000).toFixed(1)} s summed over the shards, the slowest ${(merged.wallMsMax / 1000).toFixed(1)} s (${perSecond} per shard)`,
    ],
  );
  const { stopped } = report;
  if (stopped !== undefined) {
    const why = stopped.reason === 'interrupted' ? 'INTERRUPTED (Ctrl-C)' : 'stopped at --max-failures';
    rows.push([why, `seeds ${stopped.nextSeed}.. (${stopped.runsLeft} runs) not run; run them with: ${stopped.resume}`]);
  }
  println(io.stdout, stopped?.reason === 'interrupted' ? 'Summary (interrupted, so far):' : 'Summary:');
  for (const line of table(rows)) println(io.stdout, line);
  const failed = `FAILED: ${report.failingRuns} run(s) violated a property; each FAIL line above replays one`;
  if (stopped?.reason === 'interrupted') println(io.stdout, `INTERRUPTED: ${report.ok ? 'no property violated' : failed.slice('FAILED: '.length)} in the runs so far`);
  else println(io.stdout, report.ok ? 'OK: no property violated' : failed);
}
