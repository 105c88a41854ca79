// One summary type, counted one way: the tally behind exploreSeeds, `txsim explore` and `txsim merge`.
import { describe, expect, test } from 'vitest';
import { SummaryTally } from '../../properties/exploreSummary.ts';

const run = (seed: number, violations: number, properties: string[] = []) => ({ seed, simTimeMs: 1_000, violations, properties, replay: `replay ${seed}` });

describe('SummaryTally', () => {
  test('counts runs, violations, failing runs once per property, and failing seeds in order', () => {
    const tally = new SummaryTally();
    tally.count(run(1, 0));
    tally.count(run(2, 3, ['liveness', 'liveness', 'no-loss']));
    tally.count(run(3, 1, ['no-loss']));
    expect(tally.counts()).toEqual({
      runs: 3,
      ok: false,
      failingRuns: 2,
      violationsByProperty: { liveness: 1, 'no-loss': 2 },
      violations: 4,
      simTimeMs: 3_000,
      failingSeeds: [
        { seed: 2, replay: 'replay 2' },
        { seed: 3, replay: 'replay 3' },
      ],
    });
  });

  test('a merged summary counts as its runs would have', () => {
    const whole = new SummaryTally();
    const first = new SummaryTally();
    const second = new SummaryTally();
    for (const [seed, n] of [[1, 0], [2, 1], [3, 0], [4, 2]] as const) {
      whole.count(run(seed, n, n > 0 ? ['atomicity'] : []));
      (seed <= 2 ? first : second).count(run(seed, n, n > 0 ? ['atomicity'] : []));
    }
    const merged = new SummaryTally();
    merged.countSummary(first.counts());
    merged.countSummary(second.counts());
    expect(merged.counts()).toEqual(whole.counts());
    expect(new SummaryTally().counts().ok).toBe(true);
  });
});
