// The one run driver: faulty phase, heal, settle within a bound and a step budget for the whole run. The busy
// probe is asked for one reason while settling and for all of them at the end; the network comes first.
import { describe, expect, test } from 'vitest';
import { busyReasons, runPhases, type BusyProbe } from '../../sim/phases.ts';
import { Simulation } from '../../sim/simulation.ts';
import { bouncerProgram } from './fixtures/worlds.ts';

function pingPong(latencyMs: number): Simulation {
  const sim = new Simulation({ seed: 3, latency: { latencyMsMin: latencyMs, latencyMsMax: latencyMs } });
  sim.addNode('left', bouncerProgram);
  sim.addNode('right', bouncerProgram);
  sim.start();
  sim.network.send('left', 'right', 'ball', { n: 0 });
  return sim;
}

describe('runPhases', () => {
  test('a world busy until a time settles then, and the probe was asked for one reason at a time', () => {
    const sim = new Simulation({ seed: 1 });
    sim.start();
    const limits: number[] = [];
    const busy: BusyProbe = (out, limit) => {
      limits.push(limit);
      if (sim.now < 500) out.push('waiting for t=500');
    };
    sim.at(500, () => {});
    sim.at(700, () => {});
    const result = runPhases(sim, { faultEndMs: 100, settleBoundMs: 10_000, maxSteps: 1_000, busy });
    expect(result).toEqual({ healedAtMs: 100, settleStop: 'condition', settled: true, livelock: false, unsettled: [] });
    expect(sim.now).toBe(500);
    expect(new Set(limits)).toEqual(new Set([1]));
  });

  test('a run that does not settle in its bound returns every reason, the network first', () => {
    const sim = pingPong(5);
    const busy: BusyProbe = (out) => void out.push('left bouncing', 'right bouncing');
    const result = runPhases(sim, { faultEndMs: 10, settleBoundMs: 100, maxSteps: 10_000, busy });
    expect(result.settled).toBe(false);
    expect(result.settleStop).toBe('time-limit');
    expect(result.healedAtMs).toBe(10);
    expect(result.unsettled).toEqual(['network: 1 message in flight', 'left bouncing', 'right bouncing']);
  });

  test('the step budget covers the whole run: a livelock in the faulty phase skips settling', () => {
    const sim = pingPong(0);
    const result = runPhases(sim, { faultEndMs: 10, settleBoundMs: 100, maxSteps: 50, busy: () => {} });
    expect(sim.steps).toBe(50);
    expect(result).toMatchObject({ livelock: true, settled: false, settleStop: 'step-limit' });
    expect(result.unsettled).toEqual(['livelock: the step limit of 50 was reached', 'network: 1 message in flight']);
  });

  test('busyReasons stops at its limit', () => {
    const sim = pingPong(5);
    expect(busyReasons(sim, (out) => void out.push('never asked'), 1)).toEqual(['network: 1 message in flight']);
  });
});
