// Guided against uniform random exploration, side by side in one process (section `guided`):
// - transitions covered (spec transitions + model transitions, distinct, taken at least once) after the first
//   1,000 and 10,000 runs of the default profile from seed 1, each mode;
// - for every registered mutant, the runs each mode needs to find it (cap MUTANT_CAP), with the median and worst;
// - what counting coverage costs `txsim explore` (its runs with and without the probe, interleaved rounds).
// TXSIM_BENCH_GUIDED_RUNS=N lowers the 10,000 (for a quick look; the title says what ran). About 2 to 4 minutes
// on 2 busy cores at the full size.
import { performance } from 'node:perf_hooks';
import { coverageTotals, type Coverage } from '../properties/coverage/coverage.ts';
import { exploreSeeds } from '../properties/explore.ts';
import { exploreGuided } from '../properties/guided/exploreGuided.ts';
import { huntMutant } from '../properties/hunt.ts';
import { MUTANTS } from '../properties/mutants/index.ts';
import type { BenchSection, Figure } from './section.ts';

const LONG_RUNS = Number(process.env.TXSIM_BENCH_GUIDED_RUNS ?? 10_000);
const SHORT_RUNS = Math.min(1_000, LONG_RUNS);
const MUTANT_CAP = 2_000;
const OVERHEAD_RUNS = 300;
const OVERHEAD_ROUNDS = 5;

const covered = (c: Coverage): number => {
  const t = coverageTotals(c);
  return t.specTransitions.taken + (t.modelTransitions?.taken ?? 0);
};

/** Coverage after SHORT_RUNS and LONG_RUNS runs of one mode. */
async function coverageCurve(mode: 'guided' | 'uniform'): Promise<{ short: number; long: number; all: number; ms: number }> {
  const t0 = performance.now();
  const run = (runs: number) =>
    mode === 'guided' ? exploreGuided({ profile: 'default', fromSeed: 1, runs, trace: false }).then((s) => s.coverage) : exploreSeeds({ profile: 'default', fromSeed: 1, runs, trace: false, coverage: true }).then((s) => s.coverage as Coverage);
  // The first SHORT_RUNS of a longer exploration are the same runs (both modes are functions of the first seed).
  const short = await run(SHORT_RUNS);
  const long = LONG_RUNS === SHORT_RUNS ? short : await run(LONG_RUNS);
  const t = coverageTotals(long);
  return { short: covered(short), long: covered(long), all: t.specTransitions.all + (t.modelTransitions?.all ?? 0), ms: performance.now() - t0 };
}

async function runsToFind(mutant: string): Promise<{ uniform: number; guided: number }> {
  const uniform = huntMutant(mutant, { profile: 'default', fromSeed: 1, maxRuns: MUTANT_CAP });
  const guided = await exploreGuided({ profile: 'default', fromSeed: 1, runs: MUTANT_CAP, mutant, maxFailures: 1, trace: false });
  return { uniform: uniform.seed === undefined ? Infinity : uniform.runs, guided: guided.failing.length === 0 ? Infinity : (guided.failing[0] as number) + 1 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? NaN;
}

const shown = (n: number): string => (Number.isFinite(n) ? String(n) : `>${MUTANT_CAP}`);

/**
 * explore's CPU time with coverage counted over without, best of interleaved rounds. CPU time of this process, not
 * wall time: the machine's other load moves wall time by more than the difference being measured.
 */
async function coverageOverhead(): Promise<number> {
  const time = async (coverage: boolean): Promise<number> => {
    const cpu = process.cpuUsage();
    await exploreSeeds({ profile: 'default', fromSeed: 1_001, runs: OVERHEAD_RUNS, coverage });
    const used = process.cpuUsage(cpu);
    return used.user + used.system;
  };
  await time(true);
  await time(false);
  let off = Infinity;
  let on = Infinity;
  for (let round = 0; round < OVERHEAD_ROUNDS; round++) {
    off = Math.min(off, await time(false));
    on = Math.min(on, await time(true));
  }
  return on / off;
}

const guided: BenchSection = {
  name: 'guided',
  title: `guided vs uniform random (default profile from seed 1): transitions covered after ${SHORT_RUNS} and ${LONG_RUNS} runs, runs to find each of the ${Object.keys(MUTANTS).length} mutants (cap ${MUTANT_CAP}), and what counting coverage costs explore`,
  async run() {
    const figures: Record<string, Figure> = {};
    const uniform = await coverageCurve('uniform');
    const guidedCurve = await coverageCurve('guided');
    const pair = (u: number, g: number, all: number): Figure => ({ value: g - u, unit: 'transitions', display: `uniform ${u}/${all}, guided ${g}/${all}` });
    figures[`covered@${SHORT_RUNS}`] = pair(uniform.short, guidedCurve.short, uniform.all);
    figures[`covered@${LONG_RUNS}`] = pair(uniform.long, guidedCurve.long, uniform.all);
    figures.coverageWallMs = { value: Math.round(uniform.ms + guidedCurve.ms), unit: 'ms', display: `uniform ${Math.round(uniform.ms)} ms, guided ${Math.round(guidedCurve.ms)} ms` };
    const found: Array<{ uniform: number; guided: number }> = [];
    for (const name of Object.keys(MUTANTS)) {
      const r = await runsToFind(name);
      found.push(r);
      figures[`mutant ${name}`] = { value: r.guided, unit: 'runs', display: `uniform ${shown(r.uniform)}, guided ${shown(r.guided)}` };
    }
    const medians = { uniform: median(found.map((r) => r.uniform)), guided: median(found.map((r) => r.guided)) };
    const worst = { uniform: Math.max(...found.map((r) => r.uniform)), guided: Math.max(...found.map((r) => r.guided)) };
    figures.medianRunsToFind = { value: medians.guided, unit: 'runs', display: `uniform ${shown(medians.uniform)}, guided ${shown(medians.guided)}` };
    figures.worstRunsToFind = { value: worst.guided, unit: 'runs', display: `uniform ${shown(worst.uniform)}, guided ${shown(worst.guided)}` };
    figures.mutantsFound = { value: found.filter((r) => Number.isFinite(r.uniform)).length, unit: 'mutants', goal: { atLeast: found.length, atMost: found.length }, check: true };
    const overhead = await coverageOverhead();
    figures.coverageOverhead = { value: overhead, unit: 'ratio', display: `${((overhead - 1) * 100).toFixed(1)} % slower with coverage` };
    return figures;
  },
};

/** The guided-exploration section. */
export const guidedSections: readonly BenchSection[] = [guided];
