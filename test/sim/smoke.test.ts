import { describe, expect, test } from 'vitest';
import { assign, setup } from 'xstate';
import { Simulation } from '../../sim/simulation.ts';
import type { NodeHost } from '../../sim/node.ts';

const pinger = setup({
  types: { context: {} as { host: NodeHost; pongs: number }, input: {} as { host: NodeHost } },
  actions: {
    ping: ({ context }) => context.host.send('ponger', 'ping', {}),
  },
}).createMachine({
  context: ({ input }) => ({ host: input.host, pongs: 0 }),
  initial: 'waiting',
  states: {
    waiting: { after: { 100: { target: 'waiting', reenter: true, actions: 'ping' } }, on: { pong: { actions: assign({ pongs: ({ context }) => context.pongs + 1 }) } } },
  },
});

const ponger = setup({
  types: { context: {} as { host: NodeHost }, input: {} as { host: NodeHost } },
}).createMachine({
  context: ({ input }) => ({ host: input.host }),
  on: { ping: { actions: ({ context, event }) => context.host.send((event as unknown as { from: string }).from, 'pong', {}, { response: true }) } },
});

describe('simulation smoke', () => {
  test('xstate timers and messages run on simulated time', () => {
    const sim = new Simulation({ seed: 1 });
    sim.addNode('pinger', (host) => ({ logic: pinger, input: { host } }));
    sim.addNode('ponger', (host) => ({ logic: ponger, input: { host } }));
    sim.start();
    sim.runUntil({ untilMs: 1000, maxSteps: 10_000 });
    const snap = sim.node('pinger').actorRef?.getSnapshot() as { context: { pongs: number } };
    expect(snap.context.pongs).toBeGreaterThanOrEqual(9);
    expect(sim.now).toBe(1000);
    const sim2 = new Simulation({ seed: 1 });
    sim2.addNode('pinger', (host) => ({ logic: pinger, input: { host } }));
    sim2.addNode('ponger', (host) => ({ logic: ponger, input: { host } }));
    sim2.start();
    sim2.runUntil({ untilMs: 1000, maxSteps: 10_000 });
    expect(sim2.trace.hash()).toBe(sim.trace.hash());
    console.log(sim.trace.render({ to: 8 }));
  });
});
