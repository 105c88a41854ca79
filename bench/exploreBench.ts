// Explore throughput: `txsim explore`'s own path (exploreSeeds -> SeedResult) in this thread, then on pools of 1,
// 2 and all-cores worker threads (cli/parallelExplore.ts). Steady state: every pool is started and warmed up
// before it is timed, and its start-up (the TypeScript hooks, the model's modules, a first cold run) is reported apart, since a
// short exploration pays it once per worker. Scaling efficiency = runs/s with 2 workers / (2 x runs/s with 1).
// On a machine with other load the figures move from run to run: the configurations are timed in interleaved
// rounds, the best round of each counts, and the CPU cores the process actually got are reported next to them.
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { ExplorePool } from '../cli/parallelExplore.ts';
import { toSeedResult } from '../cli/seedResult.ts';
import { exploreSeeds } from '../properties/explore.ts';
import type { BenchSection, Figure } from './section.ts';

const PROFILE = 'default';
/** Timed runs per worker (and for the in-process baseline). */
const RUNS_PER_WORKER = 150;
const WARMUP_PER_WORKER = 40;
const ROUNDS = 3;
const EFFICIENCY_GOAL_PERCENT = 80;
const TIMED_FROM = 1_001;

/** A timed configuration: its best runs/s, and the CPU cores the process used meanwhile (all threads). */
interface Measured {
  runsPerSec: number;
  cpuCores: number;
}

/** Time one exploration of `runs` seeds; keep it if it beats `best`. */
async function timeRound(runs: number, explore: () => Promise<void>, best: Measured): Promise<Measured> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await explore();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const runsPerSec = runs / (ms / 1000);
  return runsPerSec > best.runsPerSec ? { runsPerSec, cpuCores: (cpu.user + cpu.system) / 1000 / ms } : best;
}

/** A started pool of `workers`; startupMs runs until every worker has loaded the model and run one seed. */
async function startPool(workers: number): Promise<{ pool: ExplorePool; startupMs: number }> {
  const started = performance.now();
  const pool = new ExplorePool(PROFILE, workers);
  await pool.explore({ fromSeed: 1, runs: workers, chunkSize: 1, onResult: () => {} });
  const startupMs = performance.now() - started;
  await pool.explore({ fromSeed: 1, runs: WARMUP_PER_WORKER * workers, onResult: () => {} });
  return { pool, startupMs };
}

const exploreScaling: BenchSection = {
  name: 'explore-scaling',
  title: `explore runs/s (${PROFILE} profile, as \`txsim explore\` runs them on all cores: V8 helper threads off, verdicts only, a failure run again with its trace): in this thread, and on 1, 2 and all (${availableParallelism()}) worker threads`,
  // bin/txsim.js starts an exploration with a worker on every core this way (see there).
  nodeFlags: ['--single-threaded'],
  async run() {
    const cores = availableParallelism();
    const sizes = [...new Set([1, 2, cores])];
    const inProcessRun = (): Promise<unknown> =>
      exploreSeeds({ profile: PROFILE, fromSeed: TIMED_FROM, runs: RUNS_PER_WORKER, onResult: (r) => void toSeedResult(r, PROFILE) });
    await exploreSeeds({ profile: PROFILE, fromSeed: 1, runs: WARMUP_PER_WORKER, onResult: (r) => void toSeedResult(r, PROFILE) });
    const pools = new Map<number, Awaited<ReturnType<typeof startPool>>>();
    try {
      for (const size of sizes) pools.set(size, await startPool(size));
      // Rounds interleave the configurations, so a burst of load from elsewhere does not hit just one of them.
      const none: Measured = { runsPerSec: 0, cpuCores: 0 };
      let here = none;
      const best = new Map<number, Measured>(sizes.map((size) => [size, none]));
      for (let round = 0; round < ROUNDS; round++) {
        here = await timeRound(RUNS_PER_WORKER, async () => void (await inProcessRun()), here);
        for (const [size, { pool }] of pools) {
          const runs = RUNS_PER_WORKER * size;
          best.set(size, await timeRound(runs, () => pool.explore({ fromSeed: TIMED_FROM, runs, onResult: () => {} }), best.get(size) ?? none));
        }
      }
      const inProcess = here.runsPerSec;
      const one = best.get(1) ?? none;
      const two = best.get(2) ?? none;
      const all = best.get(cores) ?? none;
      const twoStartupMs = pools.get(2)?.startupMs ?? NaN;
      const vsInProcess = (v: number): Figure => ({ value: v / inProcess, unit: 'ratio', display: `${(v / inProcess).toFixed(2)}x` });
      return {
        inProcessRunsPerSec: { value: Math.round(inProcess), unit: 'runs/s' },
        oneWorkerRunsPerSec: { value: Math.round(one.runsPerSec), unit: 'runs/s' },
        twoWorkersRunsPerSec: { value: Math.round(two.runsPerSec), unit: 'runs/s' },
        allWorkersRunsPerSec: { value: Math.round(all.runsPerSec), unit: 'runs/s' },
        oneWorkerVsInProcess: vsInProcess(one.runsPerSec),
        twoWorkersVsInProcess: vsInProcess(two.runsPerSec),
        allWorkersVsInProcess: vsInProcess(all.runsPerSec),
        scalingEfficiency: { value: Math.round((100 * two.runsPerSec) / (2 * one.runsPerSec)), unit: '%', goal: { atLeast: EFFICIENCY_GOAL_PERCENT } },
        // One explore thread keeps more than one core busy (V8's garbage collector and compiler run on helper
      // threads), so 2 workers cannot get twice its CPU on a machine with fewer than 2 x that many cores: this is
      // the best scalingEfficiency the machine allows, whatever the workers do.
      efficiencyCeiling: { value: Math.round((100 * Math.min(2 * one.cpuCores, cores)) / (2 * one.cpuCores)), unit: '%' },
      // Runs per CPU-second, 2 workers against 1: the efficiency the workers would show on otherwise idle cores
        // (what parallelism itself costs: duplicated JIT warm-up, GC helpers, messages), whatever else the machine runs.
        perCpuSecondEfficiency: { value: Math.round((100 * (two.runsPerSec / two.cpuCores)) / (one.runsPerSec / one.cpuCores)), unit: '%' },
        // CPU the process got while timed (all its threads, GC helpers included): below the worker count, the
        // machine was busy with other work and the runs/s above understate what the workers can do.
        inProcessCpuCores: { value: here.cpuCores, unit: 'cores' },
        oneWorkerCpuCores: { value: one.cpuCores, unit: 'cores' },
        twoWorkersCpuCores: { value: two.cpuCores, unit: 'cores' },
        cores: { value: cores, unit: 'cores' },
        workerStartupMs: { value: Math.round(twoStartupMs), unit: 'ms', display: `${Math.round(twoStartupMs)} ms for 2` },
      };
    } finally {
      await Promise.all([...pools.values()].map(({ pool }) => pool.close()));
    }
  },
};

/** The explore sections. */
export const exploreSections: readonly BenchSection[] = [exploreScaling];
