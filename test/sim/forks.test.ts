// The simulator's random streams live under `sim/`, apart from the streams a fault profile forks from the same
// seed (`config`, `workload`, `faults`): the faults a profile draws and the simulator's own random faults and
// latencies must not be one stream read twice.
import { describe, expect, test } from 'vitest';
import { Rng } from '../../sim/rng.ts';
import { SIM_FORKS } from '../../sim/simulation.ts';

const draws = (rng: Rng): number[] => Array.from({ length: 8 }, () => rng.next());

describe('the simulator forks', () => {
  test('are named under sim/', () => {
    expect(SIM_FORKS.faults).toBe('sim/faults');
    expect(SIM_FORKS.node('broker-1')).toBe('sim/node/broker-1');
  });

  test('give other streams than the forks a profile takes from the same seed', () => {
    for (const seed of [1, 17, 'x']) {
      const simulator = draws(new Rng(seed).fork(SIM_FORKS.faults));
      for (const profileFork of ['config', 'workload', 'faults']) expect(simulator).not.toEqual(draws(new Rng(seed).fork(profileFork)));
    }
  });
});
