// The summary of an exploration, the one summary type, and the tally that counts runs into it. exploreSeeds
// returns it; `txsim explore --json` and `txsim merge --json` print it with how the seeds were run and the failure
// reports added (cli/exploreSummary.ts ExploreReport). Field names are a contract: added, never renamed.

/**
 * The summary of an exploration: the one summary type. `exploreSeeds` returns it, and the JSON of
 * `txsim explore --json` and `txsim merge --json` (cli/exploreSummary.ts ExploreReport) is this with the fields
 * that say how the seeds were run and the failure reports added.
 */
export interface ExploreSummary {
  profile: string;
  /** Library explorations of a mutant only. */
  mutant?: string;
  /** The first seed run. */
  fromSeed: number;
  /** Seeds actually run (fewer than asked when maxFailures stopped it). */
  runs: number;
  ok: boolean;
  failingRuns: number;
  /** Failing runs per property (a run counts once per property it violates). */
  violationsByProperty: Record<string, number>;
  /** Violations in all (a run may violate a property several times). */
  violations: number;
  /** Simulated time of all runs. */
  simTimeMs: number;
  /** Wall-clock time of the whole exploration. */
  wallMs: number;
  /** Every failing seed with the one line that replays it, in seed order. */
  failingSeeds: Array<{ seed: number; replay: string }>;
}

/** The fields of a summary that count runs (the rest says what was explored and how). */
export type ExploreCounts = Pick<ExploreSummary, 'runs' | 'ok' | 'failingRuns' | 'violationsByProperty' | 'violations' | 'simTimeMs' | 'failingSeeds'>;

/** One counted run: its seed, simulated time, violations, the properties it violates, its replay line. */
export interface CountedRun {
  seed: number;
  simTimeMs: number;
  violations: number;
  properties: readonly string[];
  replay: string;
}

/**
 * Counts runs, in seed order, into the counting fields of a summary; shared by exploreSeeds, `txsim explore` and
 * `txsim merge`, so every summary is counted the same way.
 *
 * @example
 * const tally = new SummaryTally();
 * tally.count({ seed: 1, simTimeMs: 900, violations: 0, properties: [], replay: 'npx txsim replay --seed 1' });
 * tally.counts().ok; // true
 */
export class SummaryTally {
  runs = 0;
  simTimeMs = 0;
  violations = 0;
  readonly violationsByProperty: Record<string, number> = {};
  readonly failingSeeds: Array<{ seed: number; replay: string }> = [];

  /** Count one run. */
  count(run: CountedRun): void {
    this.runs++;
    this.simTimeMs += run.simTimeMs;
    this.violations += run.violations;
    if (run.violations === 0) return;
    this.failingSeeds.push({ seed: run.seed, replay: run.replay });
    for (const p of new Set(run.properties)) this.violationsByProperty[p] = (this.violationsByProperty[p] ?? 0) + 1;
  }

  /** Count a whole summary's runs (a shard's, for a merge); summaries must come in seed order. */
  countSummary(counts: ExploreCounts): void {
    this.runs += counts.runs;
    this.simTimeMs += counts.simTimeMs;
    this.violations += counts.violations;
    for (const [p, n] of Object.entries(counts.violationsByProperty)) this.violationsByProperty[p] = (this.violationsByProperty[p] ?? 0) + n;
    this.failingSeeds.push(...counts.failingSeeds);
  }

  /** The counting fields of the summary. */
  counts(): ExploreCounts {
    return {
      runs: this.runs,
      ok: this.failingSeeds.length === 0,
      failingRuns: this.failingSeeds.length,
      violationsByProperty: this.violationsByProperty,
      violations: this.violations,
      simTimeMs: this.simTimeMs,
      failingSeeds: this.failingSeeds,
    };
  }
}
