// The determinism meta-tests: a seed and a config fix the whole run. Same seed, same trace hash, in this process
// and in a fresh one; different seeds, different runs; and nothing the harness records depends on Math.random or
// Date.now (which XState consults for delayed events without an id and for scheduled events' startedAt).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { setup } from 'xstate';
import type { NodeHost } from '../../sim/node.ts';
import { Simulation } from '../../sim/simulation.ts';
import { runPingWorld } from './fixtures/worlds.ts';

const SEEDS = ['1', '2', '3', 'swarm-7'];
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PRINT_HASH = fileURLToPath(new URL('./fixtures/printHash.ts', import.meta.url));

describe('same seed, same trace', () => {
  test('two runs in one process give the same hash, and the world really is faulty', () => {
    for (const seed of SEEDS) {
      const a = runPingWorld(seed);
      const b = runPingWorld(seed);
      expect(b.trace.hash(), `seed ${seed}`).toBe(a.trace.hash());
      expect(b.trace.size).toBe(a.trace.size);
      // The run went through the paths that consume random draws, or the test would prove little.
      const kinds = new Set([...a.trace.events()].map((e) => e.kind));
      for (const kind of ['DROP', 'DELIVER', 'CRASH', 'RESTART', 'PARTITION', 'HEAL', 'CLIENT_DONE']) {
        expect(kinds, `seed ${seed} has ${kind}`).toContain(kind);
      }
    }
  });

  test('a fresh Node process computes the same hashes', () => {
    const inProcess = SEEDS.map((seed) => {
      const sim = runPingWorld(seed);
      return `${seed} ${sim.trace.hash()} ${sim.trace.size}`;
    });
    const output = execFileSync(process.execPath, ['--import', 'tsx', PRINT_HASH, ...SEEDS], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(output.trim().split('\n')).toEqual(inProcess);
  });

  test('different seeds give different traces', () => {
    const hashes = new Set<string>();
    const seeds = Array.from({ length: 12 }, (_, i) => `seed-${i}`);
    for (const seed of seeds) hashes.add(runPingWorld(seed).trace.hash());
    expect(hashes.size).toBe(seeds.length);
  });
});

// A node with after-timers, delayed raise and delayed sendTo to a child: everything that makes XState call
// Date.now (every scheduled event) and, had an id been left out, Math.random.
const echoChild = setup({
  types: { context: {} as { host: NodeHost }, input: {} as { host: NodeHost }, events: {} as { type: 'poke' } },
}).createMachine({
  context: ({ input }) => input,
  on: { poke: { actions: ({ context }) => context.host.record('POKED') } },
});

function timerWorld(leak?: () => number): Simulation {
  const ticker = setup({
    types: { context: {} as { host: NodeHost; n: number }, input: {} as { host: NodeHost }, events: {} as { type: 'tock' } },
    actors: { echoChild },
  }).createMachine({
    context: ({ input }) => ({ host: input.host, n: 0 }),
    invoke: { id: 'child', src: 'echoChild', input: ({ context }) => ({ host: context.host }) },
    initial: 'run',
    states: {
      run: {
        entry: [
          ({ context }) => context.host.record('TICK', { value: leak?.() ?? 0 }),
          ({ context }) => context.host.send(context.host.name === 'a' ? 'b' : 'a', 'hello', {}),
        ],
        after: { 70: { target: 'run', reenter: true } },
        on: { tock: { actions: ({ context }) => context.host.record('TOCK') } },
      },
    },
  });
  const sim = new Simulation({
    seed: 99,
    latency: { latencyMsMin: 1, latencyMsMax: 30 },
    faults: { options: { dropPerMille: 100, lostResponsePerMille: 0, duplicatePerMille: 100, delayPerMille: 100, delayMsMax: 50, reorderPerMille: 100 }, script: [] },
  });
  for (const name of ['a', 'b']) {
    sim.addNode(name, (host) => ({ logic: ticker, input: { host } }));
  }
  sim.start();
  // Delayed raise and delayed sendTo with explicit ids, injected from outside at a few points in time.
  for (const t of [10, 250, 500]) {
    sim.at(t, () => {
      const actor = sim.node('a').actorRef;
      actor?.send({ type: 'tock' });
    });
  }
  sim.runUntil({ untilMs: 1_000, maxSteps: 10_000 });
  return sim;
}

describe('no determinism leaks', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  function hashWithFakes(random: number, now: number, leak?: () => number): { hash: string; dateCalls: number; randomCalls: number } {
    const randomSpy = vi.spyOn(Math, 'random').mockReturnValue(random);
    const dateSpy = vi.spyOn(Date, 'now').mockReturnValue(now);
    const sim = timerWorld(leak);
    const hash = sim.trace.hash();
    const dateCalls = dateSpy.mock.calls.length;
    const randomCalls = randomSpy.mock.calls.length;
    vi.restoreAllMocks();
    return { hash, dateCalls, randomCalls };
  }

  test('the trace hash ignores Math.random and Date.now', () => {
    const real = timerWorld().trace.hash();
    const first = hashWithFakes(0.125, 1_000);
    const second = hashWithFakes(0.875, 9_999_999_999_999);
    // XState did consult the (fake) wall clock for every scheduled event; our trace did not care.
    expect(first.dateCalls).toBeGreaterThan(10);
    // Every delayed event has an explicit id, so XState never needed Math.random for one; nor did the harness.
    expect(first.randomCalls).toBe(0);
    expect(first.hash).toBe(second.hash);
    expect(first.hash).toBe(real);
  });

  test('the same check catches a world that leaks the wall clock into the trace', () => {
    // A control: if a node recorded Date.now(), the fakes would show up as a hash change.
    const first = hashWithFakes(0.125, 1_000, () => Date.now());
    const second = hashWithFakes(0.875, 2_000, () => Date.now());
    expect(first.hash).not.toBe(second.hash);
  });

  test('session ids from XState’s process-wide counter do not reach the trace', () => {
    // Every run creates new actors, so sessionIds (x:0, x:1, ...) differ between these two runs.
    const a = timerWorld();
    const b = timerWorld();
    expect(a.node('a').actorRef?.sessionId).not.toBe(b.node('a').actorRef?.sessionId);
    expect(b.trace.hash()).toBe(a.trace.hash());
  });
});
