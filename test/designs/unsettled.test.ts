// The design comparison runs on the model's run driver (sim/phases.ts): a design run that does not settle says
// why, as a model run does.
import { describe, expect, test } from 'vitest';
import { createMachine, setup, spawnChild } from 'xstate';
import { activeOrders, busyCount, defineKernelDesign } from '../../designs/harness.ts';
import { Simulation } from '../../sim/simulation.ts';
import { localMessageTableDesign } from '../../designs/localMessageTable.ts';
import { transactionalMessageDesign } from '../../designs/transactionalMessage.ts';
import { spec } from './support.ts';

describe('a design run that did not settle', () => {
  test('names what was still busy when its settle bound ran out', () => {
    const delay = (message: string) => ({ at: 0, type: 'delay', message, count: 1, byMs: 5_000 }) as const;
    const delayed = spec([delay('publish'), delay('deliver')], { settleMs: 10 });
    const m = localMessageTableDesign.run(delayed);
    expect(m.settled).toBe(false);
    expect(m.stopReason).toBe('time-limit');
    expect(m.unsettled).toEqual(['network: 1 message in flight']);
  });

  test('a settled run has no reasons, on the kernel designs and on the model', () => {
    for (const design of [localMessageTableDesign, transactionalMessageDesign]) {
      const m = design.run(spec());
      expect(m.settled, design.name).toBe(true);
      expect(m.unsettled, design.name).toEqual([]);
    }
  });
});

describe('a design\'s busy reasons', () => {
  const waiting = createMachine({ initial: 'open', states: { open: { on: { done: 'closed' } }, closed: { type: 'final' } } });
  const host = setup({ actors: { waiting } }).createMachine({
    entry: [spawnChild('waiting', { id: 'order/o1' }), spawnChild('waiting', { id: 'order/o2' }), spawnChild('waiting', { id: 'relay' })],
  });

  test('its order actors still running, by order, up to the limit; counts only when not zero', () => {
    const sim = new Simulation({ seed: 1 });
    sim.addNode('business', () => ({ logic: host }));
    sim.start();
    const all: string[] = [];
    activeOrders(sim, 'business', host, all, Number.POSITIVE_INFINITY);
    expect(all).toEqual(['business order o1 running', 'business order o2 running']);
    const first: string[] = [];
    activeOrders(sim, 'business', host, first, 1);
    expect(first).toEqual(['business order o1 running']);
    busyCount(all, 0, 'outbox row(s) unsent');
    busyCount(all, 2, 'transaction(s) open');
    expect(all.at(-1)).toBe('2 transaction(s) open');
    expect(all).toHaveLength(3);
  });
});

describe('a kernel design that still says only idle()', () => {
  test('settles when idle, and says it is not idle when it does not', () => {
    const machine = createMachine({});
    const make = (idle: () => boolean) =>
      defineKernelDesign({
        ...localMessageTableDesign,
        name: 'old-style',
        roles: { initiator: 'business', main: 'business', secondary: 'business' },
        entry: 'business',
        build: (world) => {
          world.sim.addNode('business', () => ({ logic: machine }));
          return { idle };
        },
      });
    const none = { ...spec(), orders: [] };
    expect(make(() => true).run(none)).toMatchObject({ settled: true, unsettled: [] });
    expect(make(() => false).run({ ...none, settleMs: 100 })).toMatchObject({ settled: false, unsettled: ['old-style: work pending (its idle() is false)'] });
  });
});

