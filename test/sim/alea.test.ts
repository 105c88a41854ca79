// txsim's Alea (sim/alea.ts) must give exactly seedrandom's alea streams: every seed of every run ever recorded
// (replay files, trace hashes, soak findings) depends on them, draw for draw.
import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { describe, expect, test } from 'vitest';
import { Alea } from '../../sim/alea.ts';

function draws(next: () => number, n: number): number[] {
  return Array.from({ length: n }, () => next());
}

describe('Alea', () => {
  test("the run seeds txsim forks give seedrandom's streams, 2,000 draws each", () => {
    for (const seed of ['1', '42', '820218', '17/sim/faults', '17/sim/faults/network', '3/sim/node/consumer-2', '9/config', '', ' ', 'ünïcødé/😀']) {
      const ours = new Alea(seed);
      const reference = seedrandom.alea(seed);
      expect(draws(() => ours.next(), 2_000), seed).toEqual(draws(reference, 2_000));
    }
  });

  test("any string seed gives seedrandom's stream", () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (seed) => {
        const ours = new Alea(seed);
        const reference = seedrandom.alea(seed);
        expect(draws(() => ours.next(), 50)).toEqual(draws(reference, 50));
      }),
      { numRuns: 300 },
    );
  });
});
