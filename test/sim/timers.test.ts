// XState timers on the simulator's clock: `after` transitions and delayed raise/sendTo (always with an explicit
// id) fire at exactly now + delay; a timer started by another timer's handler is scheduled from the simulated
// time at which that handler ran, even across hours of simulated time; timers due at the same time fire in the
// order they were scheduled (seq), never by engine or heap accident.
import { describe, expect, test } from 'vitest';
import { assign, cancel, raise, sendTo, setup } from 'xstate';
import type { NodeHost, NodeProgram } from '../../sim/node.ts';
import { Simulation } from '../../sim/simulation.ts';
import { traceOf } from './fixtures/worlds.ts';

type Marks = Array<[number, string]>;

function mark(host: NodeHost, label: string): void {
  host.record('MARK', { detail: label });
}

function marks(sim: Simulation): Marks {
  return traceOf(sim, 'MARK').map((e) => [e.time, e.detail]);
}

function runOne(program: NodeProgram, untilMs: number): Simulation {
  const sim = new Simulation({ seed: 1 });
  sim.addNode('n', program);
  sim.start();
  const reason = sim.runUntil({ untilMs, maxSteps: 100_000 });
  expect(reason === 'idle' || reason === 'time-limit').toBe(true);
  return sim;
}

describe('after timers', () => {
  test('a chain of after-transitions fires at the sum of its delays', () => {
    const machine = setup({ types: { context: {} as { host: NodeHost }, input: {} as { host: NodeHost } } }).createMachine({
      context: ({ input }) => input,
      initial: 'a',
      states: {
        a: { entry: ({ context }) => mark(context.host, 'a'), after: { 250: 'b' } },
        b: { entry: ({ context }) => mark(context.host, 'b'), after: { 1_000: 'c' } },
        c: { entry: ({ context }) => mark(context.host, 'c'), after: { 1: 'd' } },
        d: { entry: ({ context }) => mark(context.host, 'd') },
      },
    });
    const sim = runOne((host) => ({ logic: machine, input: { host } }), 10_000);
    expect(marks(sim)).toEqual([
      [0, 'a'],
      [250, 'b'],
      [1_250, 'c'],
      [1_251, 'd'],
    ]);
    expect(traceOf(sim, 'TIMER').map((e) => [e.time, e.value])).toEqual([
      [250, 250],
      [1_250, 1_000],
      [1_251, 1],
    ]);
  });

  test('leaving a state cancels its after-timer', () => {
    const machine = setup({
      types: { context: {} as { host: NodeHost }, input: {} as { host: NodeHost }, events: {} as { type: 'go' } },
    }).createMachine({
      context: ({ input }) => input,
      initial: 'a',
      states: {
        a: { after: { 500: 'late' }, on: { go: 'b' } },
        b: { entry: ({ context }) => mark(context.host, 'b') },
        late: { entry: ({ context }) => mark(context.host, 'late') },
      },
    });
    const sim = new Simulation({ seed: 1 });
    const node = sim.addNode('n', (host) => ({ logic: machine, input: { host } }));
    sim.start();
    sim.at(200, () => node.inject({ type: 'go' }));
    expect(sim.runUntil({ maxSteps: 100 })).toBe('idle');
    expect(marks(sim)).toEqual([[200, 'b']]);
    expect(node.pendingTimers).toBe(0);
    expect(traceOf(sim, 'TIMER')).toEqual([]);
  });

  test('chained timers stay exact across a 2 h jump, with 1 s timers chained alongside', () => {
    const HOUR = 3_600_000;
    const machine = setup({
      types: { context: {} as { host: NodeHost; ticks: number }, input: {} as { host: NodeHost } },
    }).createMachine({
      context: ({ input }) => ({ host: input.host, ticks: 0 }),
      type: 'parallel',
      states: {
        slow: {
          initial: 'waiting',
          states: {
            // Scheduled at t=0, before the 7200th tick (scheduled at 7 199 000): it fires first at the 2 h tie.
            waiting: { after: { [2 * HOUR]: 'then' } },
            then: { entry: ({ context }) => mark(context.host, `2h after ${context.ticks} ticks`), after: { 1_000: 'after' } },
            after: { entry: ({ context }) => mark(context.host, `2h+1s after ${context.ticks} ticks`) },
          },
        },
        ticker: {
          initial: 'tick',
          states: {
            tick: {
              after: {
                1_000: {
                  target: 'tick',
                  reenter: true,
                  actions: [
                    assign({ ticks: ({ context }) => context.ticks + 1 }),
                    ({ context }) => context.host.record('TICK', { value: context.ticks }),
                  ],
                },
              },
            },
          },
        },
      },
    });
    const sim = new Simulation({ seed: 1 });
    sim.addNode('n', (host) => ({ logic: machine, input: { host } }));
    sim.start();
    expect(sim.runUntil({ untilMs: 2 * HOUR + 5_000, maxSteps: 100_000 })).toBe('time-limit');

    const ticks = traceOf(sim, 'TICK');
    expect(ticks).toHaveLength(7_205);
    ticks.forEach((tick, i) => {
      if (tick.time !== (i + 1) * 1_000 || tick.value !== i + 1) throw new Error(`tick ${i + 1} at ${tick.time}ms with value ${tick.value}`);
    });
    expect(marks(sim)).toEqual([
      [2 * HOUR, '2h after 7199 ticks'],
      // The follow-up was scheduled at 2 h by the slow timer's handler, which ran before tick 7200 scheduled tick
      // 7201: same due time, smaller seq, so it fires before tick 7201.
      [2 * HOUR + 1_000, '2h+1s after 7200 ticks'],
    ]);
    // One step per timer: the queue jumps straight to the next due time instead of stepping through the hours.
    expect(sim.steps).toBe(7_205 + 2);
  });
});

describe('delayed raise and sendTo with explicit ids', () => {
  const child = setup({
    types: { context: {} as { host: NodeHost }, input: {} as { host: NodeHost }, events: {} as { type: string } },
  }).createMachine({
    context: ({ input }) => input,
    on: { '*': { actions: ({ context, event }) => mark(context.host, `child got ${event.type}`) } },
  });

  const parent = setup({
    types: {
      context: {} as { host: NodeHost },
      input: {} as { host: NodeHost },
      events: {} as { type: 'x' } | { type: 'y' } | { type: 'z' } | { type: 'never' } | { type: 'later' },
    },
    actors: { child },
  }).createMachine({
    context: ({ input }) => input,
    invoke: { id: 'child', src: 'child', input: ({ context }) => ({ host: context.host }) },
    entry: [
      raise({ type: 'x' }, { delay: 300, id: 'x' }),
      sendTo('child', { type: 'c1' }, { delay: 300, id: 'c1' }),
      raise({ type: 'never' }, { delay: 200, id: 'never' }),
      raise({ type: 'z' }, { delay: 300, id: 'z' }),
      raise({ type: 'later' }, { delay: 100, id: 'later' }),
      cancel('never'),
    ],
    on: {
      x: { actions: ({ context }) => mark(context.host, 'x') },
      z: { actions: ({ context }) => mark(context.host, 'z') },
      never: { actions: ({ context }) => mark(context.host, 'never') },
      // Scheduled at t=100 for t=300: due together with x, c1 and z, but scheduled after them.
      later: {
        actions: [
          ({ context }) => mark(context.host, 'later'),
          raise({ type: 'y' }, { delay: 200, id: 'y' }),
          sendTo('child', { type: 'c2' }, { delay: 200, id: 'c2' }),
        ],
      },
      y: { actions: ({ context }) => mark(context.host, 'y') },
    },
  });

  test('fire at exact times; ties at equal time fire in scheduling order', () => {
    const sim = runOne((host) => ({ logic: parent, input: { host } }), 10_000);
    expect(marks(sim)).toEqual([
      [100, 'later'],
      [300, 'x'],
      [300, 'child got c1'],
      [300, 'z'],
      [300, 'y'],
      [300, 'child got c2'],
    ]);
  });

  test('tie order follows seq even when the later-scheduled timer has the shorter delay', () => {
    // Two nodes: a's 300 ms timer is scheduled at t=0, b's 100 ms timer at t=200. Both are due at 300.
    const waiter = (delay: number) =>
      setup({ types: { context: {} as { host: NodeHost }, input: {} as { host: NodeHost }, events: {} as { type: 'arm' } } }).createMachine({
        context: ({ input }) => input,
        initial: 'idle',
        states: {
          idle: { on: { arm: 'armed' } },
          armed: { after: { [delay]: 'fired' } },
          fired: { entry: ({ context }) => mark(context.host, context.host.name) },
        },
      });
    const sim = new Simulation({ seed: 1 });
    const a = sim.addNode('a', (host) => ({ logic: waiter(300), input: { host } }));
    const b = sim.addNode('b', (host) => ({ logic: waiter(100), input: { host } }));
    sim.start();
    sim.at(200, () => b.inject({ type: 'arm' }));
    sim.at(0, () => a.inject({ type: 'arm' }));
    sim.runUntil({ maxSteps: 100 });
    expect(marks(sim)).toEqual([
      [300, 'a'],
      [300, 'b'],
    ]);
  });
});
