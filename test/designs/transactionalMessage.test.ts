// The transactional-message model as the fifth design: on the comparison's default profile it ends consistent,
// like the local message table, and its runs are deterministic.
import { describe, expect, test } from 'vitest';
import { compareDesigns } from '../../designs/compare.ts';
import { getDesign } from '../../designs/index.ts';
import { numericSeed, transactionalMessageDesign } from '../../designs/transactionalMessage.ts';

describe('transactional-message design', () => {
  test('ends every default-profile run with zero inconsistencies and no double purchase', () => {
    const table = compareDesigns({ runs: 30, seed: 7, profile: 'default', designs: [transactionalMessageDesign, getDesign('local-message-table')] });
    for (const row of table.rows) {
      expect(row.consistency.finalInconsistencies, row.design).toBe(0);
      expect(row.consistency.doublePurchases, row.design).toBe(0);
      expect(row.consistency.unsettledRuns, row.design).toBe(0);
    }
  });

  test('a lost commit leaves a window of about one check interval, closed by the check-back', () => {
    const m = transactionalMessageDesign.run({
      seed: 3,
      orders: [{ id: 'o1', at: 0, amount: 100, walletBalance: 1_000 }],
      faults: { options: { dropPerMille: 0, lostResponsePerMille: 0, duplicatePerMille: 0, delayPerMille: 0, delayMsMax: 0, reorderPerMille: 0 }, script: [{ at: 0, type: 'drop', message: 'commit' }] },
      profile: 'scripted',
    });
    expect(m.finalInconsistencies).toBe(0);
    expect(m.longestWindowMs).toBeGreaterThan(25_000);
    expect(m.longestWindowMs).toBeLessThan(35_000);
  });

  test('comparison seeds map to stable numeric seeds', () => {
    expect(numericSeed('1:0')).toBe(numericSeed('1:0'));
    expect(numericSeed('1:0')).not.toBe(numericSeed('1:1'));
    expect(numericSeed(42)).toBe(42);
  });
});
