// Kernel benchmarks. One workload, two drivers: PAIRS producer/consumer pairs exchange messages over the
// simulated Network (random latency, every send and delivery traced), each producer keeping WINDOW messages in
// flight and sending the next one when an ack comes back.
// - xstate: each node is an XState actor on a Simulation; every delivery is an event sent to an actor.
// - baseline: the same Network, EventQueue and Trace, with the protocol as plain functions and a bare pop/fire
//   loop; what the kernel costs without XState.
// The memory section runs the xstate driver until the trace holds a million records.
import { performance } from 'node:perf_hooks';
import { assign, setup } from 'xstate';
import { EventQueue } from '../sim/eventQueue.ts';
import { Network, type Envelope } from '../sim/network.ts';
import type { NodeHost } from '../sim/node.ts';
import { Rng } from '../sim/rng.ts';
import { Simulation } from '../sim/simulation.ts';
import { Trace } from '../sim/trace.ts';
import { collectGarbage, mib, type BenchSection, type Figure } from './section.ts';

const PAIRS = 32;
const WINDOW = 4;
/** Messages per order: the order label changes every ORDER_SPAN messages, like a real order's few messages. */
const ORDER_SPAN = 8;
const LATENCY = { latencyMsMin: 1, latencyMsMax: 5 };
/** Ratio goal from the kernel issue: the XState path at least 1/40 of the baseline's events per second. */
const RATIO_GOAL = 1 / 40;
const TRACE_BYTES_GOAL = 32;
/** Peak resident memory allowed for a million-event run (issue 7). */
const PEAK_RSS_GOAL_MIB = 300;

function orderOf(producer: string, n: number): string {
  return `${producer}-o${Math.floor(n / ORDER_SPAN)}`;
}

// ---------------------------------------------------------------------------------------------------------------
// The xstate driver.

interface ProducerContext {
  host: NodeHost;
  consumer: string;
  sent: number;
  acked: number;
}

const producer = setup({
  types: {
    context: {} as ProducerContext,
    input: {} as { host: NodeHost; consumer: string },
    events: {} as { type: 'ack'; n: number },
  },
  actions: {
    sendNext: ({ context }) => context.host.send(context.consumer, 'msg', { n: context.sent }, { order: orderOf(context.host.name, context.sent) }),
  },
}).createMachine({
  context: ({ input }) => ({ host: input.host, consumer: input.consumer, sent: WINDOW, acked: 0 }),
  entry: ({ context }) => {
    for (let n = 0; n < WINDOW; n++) context.host.send(context.consumer, 'msg', { n }, { order: orderOf(context.host.name, n) });
  },
  on: {
    ack: { actions: ['sendNext', assign({ sent: ({ context }) => context.sent + 1, acked: ({ context }) => context.acked + 1 })] },
  },
});

const consumer = setup({
  types: {
    context: {} as { host: NodeHost; received: number },
    input: {} as { host: NodeHost },
    events: {} as { type: 'msg'; n: number; from: string; order: string },
  },
}).createMachine({
  context: ({ input }) => ({ host: input.host, received: 0 }),
  on: {
    msg: {
      actions: [
        assign({ received: ({ context }) => context.received + 1 }),
        ({ context, event }) => context.host.send(event.from, 'ack', { n: event.n }, { order: event.order, response: true }),
      ],
    },
  },
});

function xstateWorld(seed: number): Simulation {
  const sim = new Simulation({ seed, latency: LATENCY });
  for (let i = 0; i < PAIRS; i++) {
    const name = `consumer-${i}`;
    sim.addNode(name, (host) => ({ logic: consumer, input: { host } }));
  }
  for (let i = 0; i < PAIRS; i++) {
    const consumerName = `consumer-${i}`;
    sim.addNode(`producer-${i}`, (host) => ({ logic: producer, input: { host, consumer: consumerName } }));
  }
  sim.start();
  return sim;
}

/** Process `events` deliveries through XState actors; returns wall-clock milliseconds. */
function runXState(events: number, seed: number): { ms: number; sim: Simulation } {
  const sim = xstateWorld(seed);
  const t0 = performance.now();
  const reason = sim.runUntil({ maxSteps: events });
  const ms = performance.now() - t0;
  if (reason !== 'step-limit') throw new Error(`bench: xstate world stopped early (${reason})`);
  return { ms, sim };
}

// ---------------------------------------------------------------------------------------------------------------
// The baseline driver: the same protocol, no XState.

function runBaseline(events: number, seed: number): { ms: number; trace: Trace } {
  const queue = new EventQueue();
  const trace = new Trace();
  const nodes = new Set<string>();
  const sent = new Map<string, number>();
  let now = 0;
  const network: Network = new Network(
    {
      queue,
      trace,
      now: () => now,
      isUp: (node) => nodes.has(node),
      knows: (node) => nodes.has(node),
      receive: (envelope: Envelope) => {
        const n = envelope.payload.n as number;
        if (envelope.type === 'msg') {
          network.send(envelope.to, envelope.from, 'ack', { n }, { order: envelope.order, response: true });
          return;
        }
        const next = sent.get(envelope.to) as number;
        sent.set(envelope.to, next + 1);
        network.send(envelope.to, envelope.from, 'msg', { n: next }, { order: orderOf(envelope.to, next) });
      },
    },
    // The same stream the Simulation gives its network, so both drivers draw the same latencies.
    new Rng(seed).fork('faults').fork('network'),
    LATENCY,
  );
  for (let i = 0; i < PAIRS; i++) {
    nodes.add(`consumer-${i}`);
    nodes.add(`producer-${i}`);
  }
  for (let i = 0; i < PAIRS; i++) {
    const name = `producer-${i}`;
    sent.set(name, WINDOW);
    for (let n = 0; n < WINDOW; n++) network.send(name, `consumer-${i}`, 'msg', { n }, { order: orderOf(name, n) });
  }
  const t0 = performance.now();
  for (let i = 0; i < events; i++) {
    const entry = queue.pop();
    if (entry === undefined) throw new Error('bench: baseline ran out of events');
    if (entry.time > now) now = entry.time;
    entry.fire();
  }
  const ms = performance.now() - t0;
  return { ms, trace };
}

// ---------------------------------------------------------------------------------------------------------------
// Sections.

const XSTATE_EVENTS = 150_000;
const BASELINE_EVENTS = 1_000_000;

/**
 * The plain-loop baseline's events per second (warmed up first): the kernel's cost without XState, the yardstick
 * the kernel and the model sections divide by.
 */
export function baselineEventsPerSec(events = BASELINE_EVENTS): { eventsPerSec: number; cpuEventsPerSec: number; ms: number; trace: Trace } {
  runBaseline(100_000, 1);
  collectGarbage();
  const cpu0 = process.cpuUsage();
  const b = runBaseline(events, 2);
  const cpu = process.cpuUsage(cpu0);
  // Per CPU-second too: what a machine shared with other jobs does not distort.
  return { eventsPerSec: events / (b.ms / 1000), cpuEventsPerSec: events / ((cpu.user + cpu.system) / 1e6), ms: b.ms, trace: b.trace };
}

const throughput: BenchSection = {
  name: 'kernel-throughput',
  title: `${PAIRS} producer/consumer pairs, ${WINDOW} messages in flight each, every delivery one event`,
  run() {
    // Warm up both paths so the JIT has compiled them before the timed runs.
    runXState(30_000, 1);
    collectGarbage();
    const x = runXState(XSTATE_EVENTS, 2);
    collectGarbage();
    const b = baselineEventsPerSec();
    // Both drivers do the same work per event: the same trace records per delivery.
    const xRecords = x.sim.trace.size / XSTATE_EVENTS;
    const bRecords = b.trace.size / BASELINE_EVENTS;
    if (Math.abs(xRecords - bRecords) > 0.01) throw new Error(`bench: drivers differ in work (${xRecords} vs ${bRecords} records/event)`);
    const xEps = XSTATE_EVENTS / (x.ms / 1000);
    const bEps = b.eventsPerSec;
    const ratio = xEps / bEps;
    const figures: Record<string, Figure> = {
      xstateEventsPerSec: { value: Math.round(xEps), unit: 'events/s' },
      baselineEventsPerSec: { value: Math.round(bEps), unit: 'events/s' },
      xstateToBaselineRatio: { value: ratio, unit: 'ratio', goal: { atLeast: RATIO_GOAL }, display: `1/${(1 / ratio).toFixed(1)}` },
      xstateNsPerEvent: { value: Math.round((x.ms * 1e6) / XSTATE_EVENTS), unit: 'ns' },
      baselineNsPerEvent: { value: Math.round((b.ms * 1e6) / BASELINE_EVENTS), unit: 'ns' },
      traceRecordsPerEvent: { value: xRecords, unit: 'records' },
    };
    return figures;
  },
};

const TRACE_RECORDS = 1_000_000;

const traceMemory: BenchSection = {
  name: 'trace-memory',
  title: `the xstate workload until the trace holds ${TRACE_RECORDS.toLocaleString('en-US')} records`,
  run() {
    collectGarbage();
    const before = process.memoryUsage();
    const peak = { rss: before.rss, heapUsed: before.heapUsed, arrayBuffers: before.arrayBuffers };
    const sample = (): void => {
      const m = process.memoryUsage();
      if (m.rss > peak.rss) peak.rss = m.rss;
      if (m.heapUsed > peak.heapUsed) peak.heapUsed = m.heapUsed;
      if (m.arrayBuffers > peak.arrayBuffers) peak.arrayBuffers = m.arrayBuffers;
    };
    const t0 = performance.now();
    const sim = xstateWorld(3);
    const trace = sim.trace;
    const full = (): boolean => trace.size >= TRACE_RECORDS;
    while (!full()) {
      const reason = sim.runUntil({ maxSteps: 25_000, stopWhen: full });
      if (reason === 'idle') throw new Error('bench: world went idle');
      sample();
    }
    const ms = performance.now() - t0;
    collectGarbage();
    const after = process.memoryUsage();
    return {
      traceRecords: { value: trace.size, unit: 'records' },
      traceBytesPerRecord: { value: trace.bytesUsed / trace.size, unit: 'bytes', goal: { atMost: TRACE_BYTES_GOAL } },
      // What the columns really hold in memory, capacity slack included (they grow by doubling).
      traceArrayBufferBytesPerRecord: { value: (after.arrayBuffers - before.arrayBuffers) / trace.size, unit: 'bytes' },
      peakRssMiB: { value: mib(peak.rss), unit: 'MiB', goal: { atMost: PEAK_RSS_GOAL_MIB } },
      peakHeapUsedMiB: { value: mib(peak.heapUsed), unit: 'MiB' },
      rssGrowthMiB: { value: mib(peak.rss - before.rss), unit: 'MiB' },
      retainedHeapMiB: { value: mib(after.heapUsed - before.heapUsed), unit: 'MiB' },
      wallMs: { value: Math.round(ms), unit: 'ms' },
      simulatedMs: { value: sim.now, unit: 'ms' },
    };
  },
};

/**
 * The kernel's sections, in the order they run. The memory section goes first: RSS only ever grows back slowly,
 * so after the throughput runs it would mostly measure their garbage.
 */
export const kernelSections: readonly BenchSection[] = [traceMemory, throughput];
