// Simulated times as people read them, exact to the millisecond.
import { describe, expect, it } from 'vitest';
import { formatSimRange, formatSimTime } from '../../report/simTime.ts';

describe('formatSimTime', () => {
  it.each([
    [0, '0 ms'],
    [26, '26 ms'],
    [1_000, '1 s'],
    [30_009, '30.009 s'],
    [60_000, '1 min'],
    [450_000, '7 min 30 s'],
    [480_005, '8 min 0.005 s'],
    [7_200_000, '2 h'],
    [17_140_220, '4 h 45 min 40.22 s'],
    [0.5, '0.5 ms'],
  ])('%d ms -> %s', (ms, text) => expect(formatSimTime(ms)).toBe(text));

  it('prints ranges with one value when both ends agree', () => {
    expect(formatSimRange(10_000, 7_200_000)).toBe('10 s .. 2 h');
    expect(formatSimRange(30_000, 30_000)).toBe('30 s');
  });
});
