// Run phases end for a reason: a stop condition held, the time limit was reached, nothing was left to do, or the
// step budget ran out (a livelock is an outcome, not a hang). Each reason is tested with a world that can only
// end that way, and with the clock where the contract says it is.
import { describe, expect, test } from 'vitest';
import { setup } from 'xstate';
import type { NodeHost } from '../../sim/node.ts';
import { Simulation } from '../../sim/simulation.ts';
import { bouncerProgram, hitsOf } from './fixtures/worlds.ts';

function livelock(): Simulation {
  const sim = new Simulation({ seed: 3, latency: { latencyMsMin: 0, latencyMsMax: 0 } });
  sim.addNode('left', bouncerProgram);
  sim.addNode('right', bouncerProgram);
  sim.start();
  sim.network.send('left', 'right', 'ball', { n: 0 });
  return sim;
}

const metronome = setup({ types: { context: {} as { host: NodeHost }, input: {} as { host: NodeHost } } }).createMachine({
  context: ({ input }) => input,
  initial: 'beat',
  states: { beat: { after: { 100: { target: 'beat', reenter: true } } } },
});

describe('runUntil', () => {
  test("a zero-latency ping-pong livelock stops with 'step-limit' after exactly maxSteps events", () => {
    const sim = livelock();
    expect(sim.runUntil({ untilMs: 1_000, maxSteps: 5_000 })).toBe('step-limit');
    expect(sim.steps).toBe(5_000);
    // Simulated time never moved: no untilMs could have ended this run.
    expect(sim.now).toBe(0);
    expect(hitsOf(sim, 'left') + hitsOf(sim, 'right')).toBe(5_000);
    // The next phase picks up where this one stopped, with its own budget.
    expect(sim.runUntil({ maxSteps: 10 })).toBe('step-limit');
    expect(sim.steps).toBe(5_010);
  });

  test("an endless timer stops with 'time-limit'; events due exactly at untilMs still run", () => {
    const sim = new Simulation({ seed: 1 });
    sim.addNode('m', (host) => ({ logic: metronome, input: { host } }));
    sim.start();
    expect(sim.runUntil({ untilMs: 1_000, maxSteps: 1_000 })).toBe('time-limit');
    expect(sim.now).toBe(1_000);
    expect(sim.steps).toBe(10); // beats at 100, 200, ..., 1000
    expect(sim.queue.peekTime()).toBe(1_100);
    // A time limit in the middle of a gap moves the clock to the limit, not to the next event.
    expect(sim.runUntil({ untilMs: 1_050, maxSteps: 1_000 })).toBe('time-limit');
    expect(sim.now).toBe(1_050);
    expect(sim.steps).toBe(10);
  });

  test("a stop condition ends the phase with 'condition' right after the event that made it true", () => {
    const sim = livelock();
    expect(sim.runUntil({ maxSteps: 1_000, stopWhen: () => hitsOf(sim, 'right') >= 3 })).toBe('condition');
    expect(hitsOf(sim, 'right')).toBe(3);
    expect(hitsOf(sim, 'left')).toBe(2);
    expect(sim.steps).toBe(5);
    // Already true: the phase ends before processing anything.
    expect(sim.runUntil({ maxSteps: 1_000, stopWhen: () => true })).toBe('condition');
    expect(sim.steps).toBe(5);
  });

  test("a world that runs out of work stops with 'idle' and the clock moves to untilMs", () => {
    const sim = new Simulation({ seed: 1, latency: { latencyMsMin: 5, latencyMsMax: 5 } });
    sim.addNode('left', bouncerProgram);
    sim.addNode('right', (host) => ({ logic: metronome, input: { host } }));
    sim.start();
    sim.node('right').crash('process'); // takes its timer with it
    sim.network.send('left', 'right', 'ball', {});
    sim.network.send('right', 'left', 'ball', {}); // bounced back to `right`, which is down: LOST
    expect(sim.runUntil({ untilMs: 60_000, maxSteps: 1_000 })).toBe('idle');
    expect(sim.steps).toBe(3);
    expect(sim.now).toBe(60_000);
    expect(sim.queue.size).toBe(0);
    // Without untilMs, idle leaves the clock at the last event.
    const other = new Simulation({ seed: 1, latency: { latencyMsMin: 5, latencyMsMax: 5 } });
    other.addNode('x', bouncerProgram);
    other.addNode('y', bouncerProgram);
    other.start();
    other.node('y').crash('process');
    other.network.send('y', 'x', 'ball', {});
    expect(other.runUntil({ maxSteps: 1_000 })).toBe('idle');
    expect(other.now).toBe(10);
    // Sending to a node that does not exist is a programming error, not a network fault.
    expect(() => other.network.send('x', 'nobody', 'ball', {})).toThrow(/unknown node nobody/);
  });
});
