// Crash and restart. A crash takes the node's actor, its context (volatile state) and all its timers; the durable
// store survives, minus, under async flush and a machine crash, the writes made since the last flush boundary.
// A restart runs the node's program again, which builds a fresh actor from what the store kept.
import { describe, expect, test } from 'vitest';
import { assign, raise, setup } from 'xstate';
import { DurableStore, type StoreOptions } from '../../sim/durableStore.ts';
import type { NodeHost } from '../../sim/node.ts';
import { Simulation } from '../../sim/simulation.ts';
import { traceOf } from './fixtures/worlds.ts';

interface CounterContext {
  host: NodeHost;
  incarnation: number;
  /** Read from the store at boot, written through on every inc. */
  durable: number;
  /** Only in the actor: gone after a crash. */
  volatile: number;
}

const counter = setup({
  types: { context: {} as CounterContext, input: {} as { host: NodeHost }, events: {} as { type: 'inc' } | { type: 'late' } },
}).createMachine({
  context: ({ input }) => ({
    host: input.host,
    incarnation: input.host.incarnation,
    durable: input.host.store.get<number>('count') ?? 0,
    volatile: 0,
  }),
  entry: raise({ type: 'late' }, { delay: 5_000, id: 'late' }),
  initial: 'running',
  states: {
    running: {
      after: {
        1_000: {
          target: 'running',
          reenter: true,
          actions: ({ context }) => context.host.record('MARK', { detail: `tick/${context.incarnation}` }),
        },
      },
    },
  },
  on: {
    inc: {
      actions: [
        ({ context }) => context.host.store.set('count', context.durable + 1),
        assign({ durable: ({ context }) => context.durable + 1, volatile: ({ context }) => context.volatile + 1 }),
      ],
    },
    late: { actions: ({ context }) => context.host.record('MARK', { detail: `late/${context.incarnation}` }) },
  },
});

function contextOf(sim: Simulation, node: string): CounterContext {
  const snapshot = sim.node(node).actorRef?.getSnapshot() as { context: CounterContext } | undefined;
  if (snapshot === undefined) throw new Error(`${node} is down`);
  return snapshot.context;
}

describe('crash and restart', () => {
  test('volatile state and timers are lost, the store is kept, restart rebuilds from the store', () => {
    const sim = new Simulation({ seed: 1, faults: { options: { dropPerMille: 0, lostResponsePerMille: 0, duplicatePerMille: 0, delayPerMille: 0, delayMsMax: 0, reorderPerMille: 0 }, script: [{ at: 2_500, type: 'crash', node: 'n', restartAfterMs: 1_200 }] } });
    const node = sim.addNode('n', (host) => ({ logic: counter, input: { host } }));
    sim.start();
    for (const t of [100, 200, 300]) sim.at(t, () => node.inject({ type: 'inc' }));

    sim.runUntil({ untilMs: 2_499, maxSteps: 1_000 });
    expect(contextOf(sim, 'n')).toMatchObject({ incarnation: 0, durable: 3, volatile: 3 });
    expect(node.pendingTimers).toBe(2); // the 1 s tick and the 5 s `late`

    sim.runUntil({ untilMs: 2_500, maxSteps: 1_000 });
    expect(node.up).toBe(false);
    expect(node.actorRef).toBeUndefined();
    expect(node.pendingTimers).toBe(0);
    expect(node.inject({ type: 'inc' })).toBe(false);
    expect(node.store.get('count')).toBe(3);

    expect(sim.runUntil({ untilMs: 10_000, maxSteps: 1_000 })).toBe('time-limit');
    const after = contextOf(sim, 'n');
    expect(after).toMatchObject({ incarnation: 1, durable: 3, volatile: 0 });

    // Incarnation 0 ticked at 1 s and 2 s; its 3 s tick and its 5 s `late` never fired. Incarnation 1 started at
    // 3.7 s and runs its own timers from there.
    expect(traceOf(sim, 'MARK').map((e) => [e.time, e.detail])).toEqual([
      [1_000, 'tick/0'],
      [2_000, 'tick/0'],
      [4_700, 'tick/1'],
      [5_700, 'tick/1'],
      [6_700, 'tick/1'],
      [7_700, 'tick/1'],
      [8_700, 'late/1'],
      [8_700, 'tick/1'],
      [9_700, 'tick/1'],
    ]);
    expect(traceOf(sim).filter((e) => e.kind === 'CRASH' || e.kind === 'RESTART').map((e) => [e.time, e.kind, e.detail, e.value])).toEqual([
      [2_500, 'CRASH', 'machine', 0],
      [3_700, 'RESTART', '', 1],
    ]);

    node.inject({ type: 'inc' });
    expect(contextOf(sim, 'n')).toMatchObject({ durable: 4, volatile: 1 });
    expect(node.store.get('count')).toBe(4);
  });

  test('a crashed node stays down until heal() when no restart is scripted', () => {
    const sim = new Simulation({ seed: 1 });
    const node = sim.addNode('n', (host) => ({ logic: counter, input: { host } }));
    sim.start();
    sim.at(1_500, () => node.crash('process'));
    sim.runUntil({ untilMs: 20_000, maxSteps: 1_000 });
    expect(node.up).toBe(false);
    // The crash removed the last timers, so nothing is left to run.
    expect(sim.queue.pendingWork).toBe(0);
    expect(traceOf(sim, 'MARK').map((e) => e.time)).toEqual([1_000]);
    sim.heal();
    expect(node.up).toBe(true);
    expect(contextOf(sim, 'n').incarnation).toBe(1);
  });
});

// A key-value node: `put`/`del` go straight to the store; at boot it reads back everything the store holds.
const kv = setup({
  types: {
    context: {} as { host: NodeHost; boot: Record<string, unknown> },
    input: {} as { host: NodeHost },
    events: {} as { type: 'put'; key: string; value: string } | { type: 'del'; key: string },
  },
}).createMachine({
  context: ({ input }) => ({ host: input.host, boot: Object.fromEntries(input.host.store.entries('')) }),
  on: {
    put: { actions: ({ context, event }) => context.host.store.set(event.key, event.value) },
    del: { actions: ({ context, event }) => context.host.store.delete(event.key) },
  },
});

const ASYNC_500: StoreOptions = { flush: 'async', flushIntervalMs: 500 };
const SYNC: StoreOptions = { flush: 'sync', flushIntervalMs: 1 };

describe('flush loss window', () => {
  // Flush boundaries at 500 and 1000; the crash at 1200 is 200 ms after the last one.
  const writes: Array<[number, { type: 'put'; key: string; value: string } | { type: 'del'; key: string }]> = [
    [100, { type: 'put', key: 'k1', value: 'v1' }],
    [450, { type: 'put', key: 'k2', value: 'v2' }],
    [620, { type: 'put', key: 'k3', value: 'v3' }],
    [990, { type: 'put', key: 'k4', value: 'v4' }],
    // After the 1000 ms boundary: lost by a machine crash under async flush.
    [1_050, { type: 'put', key: 'k5', value: 'v5' }],
    [1_100, { type: 'put', key: 'k1', value: 'v1-new' }],
    [1_150, { type: 'del', key: 'k2' }],
    [1_180, { type: 'put', key: 'k6', value: 'v6' }],
  ];
  const flushed = { k1: 'v1', k2: 'v2', k3: 'v3', k4: 'v4' };
  const everything = { k1: 'v1-new', k3: 'v3', k4: 'v4', k5: 'v5', k6: 'v6' };

  test.each([
    { name: 'async, machine crash: writes since the last boundary are lost', store: ASYNC_500, kind: 'machine' as const, expected: flushed, lost: 4, unflushed: 4 },
    { name: 'async, process crash: the page cache survives', store: ASYNC_500, kind: 'process' as const, expected: everything, lost: 0, unflushed: 4 },
    { name: 'sync, machine crash: nothing is lost', store: SYNC, kind: 'machine' as const, expected: everything, lost: 0, unflushed: 0 },
  ])('$name', ({ store: storeOptions, kind, expected, lost, unflushed }) => {
    const sim = new Simulation({
      seed: 1,
      faults: { options: { dropPerMille: 0, lostResponsePerMille: 0, duplicatePerMille: 0, delayPerMille: 0, delayMsMax: 0, reorderPerMille: 0 }, script: [{ at: 1_200, type: 'crash', node: 'db', kind, restartAfterMs: 100 }] },
    });
    const store = sim.createStore(storeOptions);
    const node = sim.addNode('db', (host) => ({ logic: kv, input: { host } }), store);
    sim.start();
    for (const [t, event] of writes) sim.at(t, () => node.inject(event));

    sim.runUntil({ untilMs: 1_199, maxSteps: 1_000 });
    expect(Object.fromEntries(store.entries(''))).toEqual(everything);
    expect(store.unflushedCount()).toBe(unflushed);

    sim.runUntil({ untilMs: 2_000, maxSteps: 1_000 });
    expect(Object.fromEntries(store.entries(''))).toEqual(expected);
    expect(store.lostWrites).toBe(lost);
    expect(traceOf(sim, 'CRASH').map((e) => [e.time, e.detail, e.value])).toEqual([[1_200, kind, lost]]);
    // The restarted actor was built from exactly what survived.
    const boot = (node.actorRef?.getSnapshot() as { context: { boot: Record<string, unknown> } }).context.boot;
    expect(boot).toEqual(expected);
  });

  test('writes made after the crash flush normally at the next boundary', () => {
    const sim = new Simulation({ seed: 1 });
    const store = sim.createStore(ASYNC_500);
    const node = sim.addNode('db', (host) => ({ logic: kv, input: { host } }), store);
    sim.start();
    sim.at(1_200, () => node.crash('machine'));
    sim.at(1_300, () => node.restart());
    sim.at(1_400, () => node.inject({ type: 'put', key: 'a', value: '1' }));
    sim.at(1_600, () => node.inject({ type: 'put', key: 'b', value: '2' }));
    sim.at(1_700, () => node.crash('machine'));
    sim.runUntil({ maxSteps: 100 });
    expect(Object.fromEntries(store.entries(''))).toEqual({ a: '1' });
    expect(store.lostWrites).toBe(1);
  });
});

describe('counted prefixes', () => {
  test('countWithPrefix follows writes, deletes and a machine crash that rolls back to disk', () => {
    let now = 0;
    const store = new DurableStore(ASYNC_500, () => now);
    store.set('sched/r/1', 1);
    now = 600; // the write above is flushed at t=500
    expect(store.countWithPrefix('sched/r/')).toBe(1);
    store.set('sched/r/1', 2); // overwrite: still one key
    store.set('sched/r/2', 1);
    store.set('other', 1);
    expect(store.countWithPrefix('sched/r/')).toBe(2);
    store.delete('sched/r/1');
    store.delete('sched/r/9'); // absent: no change
    expect(store.countWithPrefix('sched/r/')).toBe(1);
    store.machineCrash(); // back to the disk view: only sched/r/1
    expect(store.countWithPrefix('sched/r/')).toBe(store.keys('sched/r/').length);
    expect(store.keys('sched/r/')).toEqual(['sched/r/1']);
  });
});
