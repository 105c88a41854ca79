// GrowingMap is a value: extending any version, the newest or an older one, leaves every version reading as before.
import { describe, expect, test } from 'vitest';
import { GrowingMap } from '../../model/growingMap.ts';

describe('GrowingMap', () => {
  test('extending the newest version leaves the older ones unchanged', () => {
    const a = GrowingMap.empty<string, number>();
    const b = a.with('x', 1);
    const c = b.with('y', 2);
    expect([a.get('x'), a.size, a.has('x')]).toEqual([undefined, 0, false]);
    expect([b.get('x'), b.get('y'), b.size]).toEqual([1, undefined, 1]);
    expect([c.get('x'), c.get('y'), c.size, c.has('y')]).toEqual([1, 2, 2, true]);
  });

  test('extending an older version forks: both branches keep their own entries', () => {
    const b = GrowingMap.empty<string, number>().with('x', 1);
    const c = b.with('y', 2);
    const d = b.with('z', 3);
    expect([c.get('y'), c.get('z')]).toEqual([2, undefined]);
    expect([d.get('x'), d.get('y'), d.get('z'), d.size]).toEqual([1, undefined, 3, 2]);
    expect([b.get('y'), b.get('z'), b.size]).toEqual([undefined, undefined, 1]);
  });

  test('replacing a key gives a new version and leaves the old value in the old one', () => {
    const b = GrowingMap.empty<string, number>().with('x', 1).with('y', 2);
    const c = b.with('x', 5);
    expect([b.get('x'), c.get('x'), c.get('y'), c.size]).toEqual([1, 5, 2, 2]);
    expect(c.with('w', 7).get('w')).toBe(7);
  });
});
