// Model benchmarks: what txsim itself costs, on the workloads it runs. Each section warms the JIT up first and
// runs in a process of its own (`npm run bench -- --section NAME` runs one). No forced garbage collection right before a timed loop: measured,
// a full GC there made the next 150 explore runs about a third slower per CPU-second, which explore never sees.
// - model-throughput: simulator events (queue entries fired) per second through runModel, against the kernel
//   bench's plain loop (the same unit: one popped and fired queue entry).
// - property-runs: runAndCheck of default-profile seeds per second on one core, trace off, warmed up as a long
//   exploration is; the same seeds on XState's own interpreter (runtime: 'xstate') for the lean runtime's gain.
//   Also the CPU time per run and runs per CPU-second, the figures that carry over from a shared machine.
// - time-compression: simulated time / wall time, for the default workload and for one poison message's 17
//   deliveries into the DLQ (about 4 h 46 min of retries).
// - rocketmq-it: the workload of RocketMQ's own transactional integration test, 120 messages in five behaviours,
//   with its expected outcomes checked.
import { performance } from 'node:perf_hooks';
import { duration } from '../report/duration.ts';
import { makeConfig } from '../model/config.ts';
import { summarizeOrders, type OrderSummary } from '../model/orderSummary.ts';
import type { LocalTxAnswer, OrderSpec, RunSpec } from '../model/runSpec.ts';
import { runModel } from '../model/world.ts';
import type { ActorRuntime } from '../sim/node.ts';
import { CHECKER_NAMES, checkOutcome } from '../properties/index.ts';
import { profileNamed } from '../properties/profiles/index.ts';
import { runAndCheck } from '../properties/runAndCheck.ts';
import { runSpecs } from '../properties/specs/runSpecs.ts';
import { SCENARIOS } from '../scenarios/index.ts';
import { toRunSpec } from '../scenarios/toRunSpec.ts';
import { NO_FAULTS } from '../sim/faults.ts';
import { baselineEventsPerSec } from './kernelBench.ts';
import type { BenchSection, Figure } from './section.ts';

const PROFILE = 'default';
const WARMUP_RUNS = 40;
/** Seeds of the timed runs start here, past the warm-up seeds. */
const TIMED_FROM = 1_001;
const MODEL_EVENTS_RATIO_GOAL = 1 / 50;
const RUNS_PER_SEC_GOAL = 1_000;
const COMPRESSION_GOAL = 1_000_000;

function specs(from: number, count: number): RunSpec[] {
  const profile = profileNamed(PROFILE);
  return Array.from({ length: count }, (_, i) => profile.generate(from + i));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

function ratioFigure(value: number, goal: number): Figure {
  return { value, unit: 'ratio', goal: { atLeast: goal }, display: value >= 1 ? value.toFixed(2) : `1/${(1 / value).toFixed(1)}` };
}

// ---------------------------------------------------------------------------------------------------------------

const MODEL_RUNS = 200;

const modelThroughput: BenchSection = {
  name: 'model-throughput',
  title: `simulator events/s through runModel (trace on), ${MODEL_RUNS} ${PROFILE}-profile seeds, against the kernel's plain loop`,
  run() {
    for (const spec of specs(1, WARMUP_RUNS)) runModel(spec);
    const timed = specs(TIMED_FROM, MODEL_RUNS);
    let steps = 0;
    let records = 0;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (const spec of timed) {
      const outcome = runModel(spec);
      steps += outcome.steps;
      records += outcome.events;
    }
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const modelEps = steps / (ms / 1000);
    const baseline = baselineEventsPerSec();
    return {
      modelEventsPerSec: { value: Math.round(modelEps), unit: 'events/s' },
      baselineEventsPerSec: { value: Math.round(baseline.eventsPerSec), unit: 'events/s' },
      modelToBaselineRatio: ratioFigure(modelEps / baseline.eventsPerSec, MODEL_EVENTS_RATIO_GOAL),
      // The same ratio per CPU-second of each loop: on a shared machine the wall-clock one measures the sharing.
      cpuModelToBaselineRatio: ratioFigure(steps / ((cpu.user + cpu.system) / 1e6) / baseline.cpuEventsPerSec, MODEL_EVENTS_RATIO_GOAL),
      modelUsPerEvent: { value: (ms * 1000) / steps, unit: 'us' },
      eventsPerRun: { value: steps / MODEL_RUNS, unit: 'events' },
      traceRecordsPerEvent: { value: records / steps, unit: 'records' },
    };
  },
};

// ---------------------------------------------------------------------------------------------------------------

const PROPERTY_RUNS = 2_000;
/** Property runs before the timed ones: an exploration of thousands of seeds runs at the warmed-up speed. */
const PROPERTY_WARMUP_RUNS = 1_500;
const XSTATE_RUNS = 300;

const propertyRuns: BenchSection = {
  name: 'property-runs',
  title: `runAndCheck(generate(seed), { trace: false }) on one core, ${PROPERTY_RUNS} ${PROFILE}-profile seeds after ${PROPERTY_WARMUP_RUNS} warm-up runs; the first ${XSTATE_RUNS} of them again on XState's own interpreter`,
  run() {
    const profile = profileNamed(PROFILE);
    const timedRuns = (from: number, count: number, runtime: ActorRuntime): number => {
      const t0 = performance.now();
      for (let seed = from; seed < from + count; seed++) runAndCheck(profile.generate(seed), { trace: false, runtime });
      return performance.now() - t0;
    };
    const coldMs = timedRuns(1, XSTATE_RUNS, 'lean');
    timedRuns(XSTATE_RUNS + 1, PROPERTY_WARMUP_RUNS - XSTATE_RUNS, 'lean');
    // CPU time too: on a machine shared with other jobs the wall time measures the sharing, the CPU time the runs.
    const cpu0 = process.cpuUsage();
    const ms = timedRuns(TIMED_FROM, PROPERTY_RUNS, 'lean');
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    timedRuns(1, WARMUP_RUNS, 'xstate');
    const xstateMs = timedRuns(TIMED_FROM, XSTATE_RUNS, 'xstate');
// Where a run's time goes: the same seeds again, the three parts of runAndCheck timed apart.
    let generateMs = 0;
    let modelMs = 0;
    let checkMs = 0;
    let specsMs = 0;
    for (let seed = TIMED_FROM; seed < TIMED_FROM + PROPERTY_RUNS / 3; seed++) {
      const a = performance.now();
      const spec = profile.generate(seed);
      const b = performance.now();
      const outcome = runModel(spec, { trace: false });
      const c = performance.now();
      checkOutcome(outcome, CHECKER_NAMES);
      const d = performance.now();
      // The lifecycle specs' pass once more on its own (checkOutcome ran it as the `lifecycle` checker).
      runSpecs(outcome.facts, spec.config.transactionCenter);
      const e = performance.now();
      generateMs += b - a;
      modelMs += c - b;
      checkMs += d - c;
      specsMs += e - d;
    }
    const split = generateMs + modelMs + checkMs;
    const runsPerSec = PROPERTY_RUNS / (ms / 1000);
    const xstateRunsPerSec = XSTATE_RUNS / (xstateMs / 1000);
    return {
      runsPerSec: { value: Math.round(runsPerSec), unit: 'runs/s', goal: { atLeast: RUNS_PER_SEC_GOAL } },
      msPerRun: { value: ms / PROPERTY_RUNS, unit: 'ms' },
      cpuMsPerRun: { value: cpuMs / PROPERTY_RUNS, unit: 'ms' },
      runsPerCpuSecond: { value: Math.round(PROPERTY_RUNS / (cpuMs / 1000)), unit: 'runs/s' },
      toGoal: ratioFigure(runsPerSec / RUNS_PER_SEC_GOAL, 1),
      coldRunsPerSec: { value: Math.round(XSTATE_RUNS / (coldMs / 1000)), unit: 'runs/s' },
      xstateRuntimeRunsPerSec: { value: Math.round(xstateRunsPerSec), unit: 'runs/s' },
      leanVsXstate: ratioFigure(runsPerSec / xstateRunsPerSec, 1),
      generateShare: { value: Math.round((100 * generateMs) / split), unit: '%' },
      runModelShare: { value: Math.round((100 * modelMs) / split), unit: '%' },
      checkersShare: { value: Math.round((100 * checkMs) / split), unit: '%' },
      // Part of checkersShare: what judging every message and delivery against its lifecycle statechart costs.
      lifecycleSpecsShare: { value: Math.round((1000 * specsMs) / split) / 10, unit: '%' },
    };
  },
};

// ---------------------------------------------------------------------------------------------------------------

const COMPRESSION_RUNS = 200;
const DLQ_RUNS = 30;

function compressionFigure(value: number): Figure {
  return { value: Math.round(value), unit: 'x', goal: { atLeast: COMPRESSION_GOAL } };
}

const timeCompression: BenchSection = {
  name: 'time-compression',
  title: `simulated time / wall time: ${COMPRESSION_RUNS} ${PROFILE}-profile runs with their traces on (as replay runs them; explore is faster, it records only failures); one poison message into the DLQ`,
  run() {
    for (const spec of specs(1, WARMUP_RUNS)) runAndCheck(spec);
    const timed = specs(TIMED_FROM, COMPRESSION_RUNS);
    let simMs = 0;
    const t0 = performance.now();
    for (const spec of timed) simMs += runAndCheck(spec).outcome.simTimeMs;
    const wallMs = performance.now() - t0;

    const poison = SCENARIOS['poison-message-to-dlq'];
    if (poison === undefined) throw new Error('bench: the poison-message-to-dlq scenario is gone');
    const dlqSpec = toRunSpec(poison.scenario);
    const walls: number[] = [];
    let last: ReturnType<typeof runAndCheck> | undefined;
    for (let i = 0; i < 5 + DLQ_RUNS; i++) {
      const t = performance.now();
      last = runAndCheck(dlqSpec);
      if (i >= 5) walls.push(performance.now() - t);
    }
    const dlqOutcome = (last as ReturnType<typeof runAndCheck>).outcome;
    const order = summarizeOrders(dlqOutcome)[0];
    const dlqWall = median(walls);
    return {
      defaultCompression: compressionFigure(simMs / wallMs),
      defaultSimPerRun: { value: simMs / COMPRESSION_RUNS, unit: 'ms', display: duration(Math.round(simMs / COMPRESSION_RUNS)) },
      defaultWallPerRun: { value: wallMs / COMPRESSION_RUNS, unit: 'ms' },
      dlqCompression: compressionFigure(dlqOutcome.simTimeMs / dlqWall),
      dlqSimulated: { value: dlqOutcome.simTimeMs, unit: 'ms', display: duration(dlqOutcome.simTimeMs) },
      dlqWall: { value: dlqWall, unit: 'ms' },
      dlqDeliveries: { value: order?.deliveries ?? 0, unit: 'deliveries', goal: { atLeast: 17, atMost: 17 }, check: true },
      dlqInDlq: { value: order?.message === 'dlq' ? 1 : 0, unit: 'message', goal: { atLeast: 1, atMost: 1 }, check: true },
    };
  },
};

// ---------------------------------------------------------------------------------------------------------------
// RocketMQ's transactional integration test workload: the producer's listener answers by message index mod 5.

const IT_MESSAGES = 120;
const IT_RUNS = 5;

interface Behaviour {
  name: string;
  localTx: LocalTxAnswer;
  checkAnswers: LocalTxAnswer[];
  /** The outcome RocketMQ's semantics give this behaviour. */
  expect: Pick<OrderSummary, 'main' | 'message' | 'targetPurchases' | 'checks'>;
}

const BEHAVIOURS: readonly Behaviour[] = [
  { name: 'commit', localTx: 'commit', checkAnswers: [], expect: { main: 'committed', message: 'consumed', targetPurchases: 1, checks: 0 } },
  { name: 'rollback', localTx: 'rollback', checkAnswers: [], expect: { main: 'rolled_back', message: 'rolled_back', targetPurchases: 0, checks: 0 } },
  { name: 'unknownThenCommit', localTx: 'unknown', checkAnswers: ['unknown', 'commit'], expect: { main: 'committed', message: 'consumed', targetPurchases: 1, checks: 2 } },
  { name: 'unknownThenRollback', localTx: 'unknown', checkAnswers: ['unknown', 'rollback'], expect: { main: 'rolled_back', message: 'rolled_back', targetPurchases: 0, checks: 2 } },
  // No answer ever: all 15 checks, then TRANS_CHECK_MAX_TIME_TOPIC.
  { name: 'unknownForever', localTx: 'unknown', checkAnswers: [], expect: { main: 'pending', message: 'parked', targetPurchases: 0, checks: 15 } },
];

/** The IT's run: one producer, one consumer, no tag subscribers, no faults; message i behaves as BEHAVIOURS[i % 5]. */
export function rocketmqItSpec(): RunSpec {
  const orders: OrderSpec[] = Array.from({ length: IT_MESSAGES }, (_, i) => {
    const b = BEHAVIOURS[i % BEHAVIOURS.length] as Behaviour;
    return { id: `m${i}`, at: i, amount: 100, walletBalance: 10_000, localTx: b.localTx, checkAnswers: [...b.checkAnswers], consumerFailures: 0 };
  });
  return {
    name: 'rocketmq-transactional-it',
    seed: 1,
    config: makeConfig({ producers: 1, consumers: 1, tagSubscribers: false }),
    orders,
    faults: { options: { ...NO_FAULTS }, script: [] },
  };
}

const rocketmqIt: BenchSection = {
  name: 'rocketmq-it',
  title: `RocketMQ's transactional IT workload: ${IT_MESSAGES} messages, ${BEHAVIOURS.map((b) => b.name).join(' / ')}; outcomes checked`,
  run() {
    const spec = rocketmqItSpec();
    runAndCheck(spec);
    runAndCheck(spec);
    const walls: number[] = [];
    let result: ReturnType<typeof runAndCheck> | undefined;
    for (let i = 0; i < IT_RUNS; i++) {
      const t = performance.now();
      result = runAndCheck(spec);
      walls.push(performance.now() - t);
    }
    const { outcome, violations } = result as ReturnType<typeof runAndCheck>;
    const wall = median(walls);
    const per = IT_MESSAGES / BEHAVIOURS.length;
    const summaries = summarizeOrders(outcome);
    const figures: Record<string, Figure> = {
      wallMs: { value: wall, unit: 'ms' },
      simulated: { value: outcome.simTimeMs, unit: 'ms', display: duration(outcome.simTimeMs) },
      // No goal here: 120 messages in 8 simulated minutes is a dense workload, not the idle hours of retries.
      compression: { value: Math.round(outcome.simTimeMs / wall), unit: 'x' },
      events: { value: outcome.steps, unit: 'events' },
    };
    BEHAVIOURS.forEach((b, k) => {
      const asExpected = summaries.filter((s, i) => i % BEHAVIOURS.length === k && Object.entries(b.expect).every(([field, v]) => s[field as keyof OrderSummary] === v));
      const e = b.expect;
      figures[`${b.name}As${e.message === 'consumed' ? 'Consumed' : e.message === 'parked' ? 'Parked' : 'RolledBack'}`] = {
        value: asExpected.length,
        unit: 'messages',
        goal: { atLeast: per, atMost: per },
        check: true,
      };
    });
    figures.violations = { value: violations.length, unit: 'violations', goal: { atLeast: 0, atMost: 0 }, check: true };
    figures.settled = { value: outcome.settled ? 1 : 0, unit: 'bool', goal: { atLeast: 1, atMost: 1 }, check: true };
    return figures;
  },
};

/** The model's sections, in the order they run. */
export const modelSections: readonly BenchSection[] = [modelThroughput, propertyRuns, timeCompression, rocketmqIt];
