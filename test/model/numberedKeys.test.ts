// numberedKeys must give exactly the template text (store keys are part of traces and facts), cached or not.
import { describe, expect, test } from 'vitest';
import { NUMBERED_KEYS_CACHED, numberedKeys } from '../../model/numberedKeys.ts';

describe('numberedKeys', () => {
  test('gives `${prefix}${n}` for cached, uncached and odd numbers', () => {
    const key = numberedKeys<string>('tc/half/');
    for (const n of [0, 1, 7, NUMBERED_KEYS_CACHED - 1, NUMBERED_KEYS_CACHED, 5000, -1, 1.5]) {
      expect(key(n)).toBe(`tc/half/${n}`);
      expect(key(n)).toBe(`tc/half/${n}`); // a second call (from the cache when cached) is the same text
    }
  });

  test('keeps prefixes apart', () => {
    const a = numberedKeys<string>('m/T:0/');
    const b = numberedKeys<string>('m/T:1/');
    expect([a(3), b(3)]).toEqual(['m/T:0/3', 'm/T:1/3']);
  });
});
