// Durations in the narration round to the unit they show: never "1 min 60 s" or "45 h 60 min".
import { expect, test } from 'vitest';
import { duration } from '../../report/duration.ts';

test('durations carry rounding into the next unit', () => {
  expect([999, 1_000, 59_999, 60_000, 119_600, 3_599_600, 17_140_000, 165_599_000].map(duration)).toEqual([
    '999 ms',
    '1 s',
    '1 min',
    '1 min',
    '2 min',
    '1 h',
    '4 h 46 min',
    '46 h',
  ]);
});
