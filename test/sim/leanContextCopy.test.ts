// The lean runtime's assign copy (sim/lean/contextCopy.ts) must build exactly what XState builds,
// `Object.assign({}, context, partial)`: the same own keys in the same order with the same values, a new object,
// the inputs untouched; also for contexts whose shape changes or that a machine mutated behind its back.
import { describe, expect, test } from 'vitest';
import { ContextAssigner } from '../../sim/lean/contextCopy.ts';

function xstateAssign(context: object, partial: object): object {
  return Object.assign({}, context, partial);
}

function expectSame(actual: object, expected: object): void {
  expect(Reflect.ownKeys(actual)).toEqual(Reflect.ownKeys(expected));
  expect(actual).toStrictEqual(expected);
}

describe('ContextAssigner', () => {
  test('copies a context of one shape like Object.assign, new object, inputs untouched', () => {
    const assigner = new ContextAssigner();
    const shared = new Map([['k', 1]]);
    let context: Record<string, unknown> = { env: 'e', serial: 0, armed: false, shared };
    for (let i = 1; i <= 5; i++) {
      const partial = i % 2 === 0 ? { armed: true } : { serial: i, armed: false };
      const before = { ...context };
      const next = assigner.assign(context, partial);
      expectSame(next, xstateAssign(before, partial));
      expect(next).not.toBe(context);
      expect(context).toStrictEqual(before);
      expect(next.shared).toBe(shared);
      context = next;
    }
  });

  test('a partial that adds keys appends them, and the next copy keeps them', () => {
    const assigner = new ContextAssigner();
    const first = assigner.assign({ a: 1, b: 2 }, { c: 3 });
    expectSame(first, { a: 1, b: 2, c: 3 });
    expectSame(assigner.assign(first, { a: 9 }), { a: 9, b: 2, c: 3 });
  });

  test('a context mutated after its shape was taken (key added, deleted, or swapped) is copied in full', () => {
    const assigner = new ContextAssigner();
    const context: Record<string, unknown> = { a: 1, b: 2 };
    assigner.assign(context, { a: 0 });
    context.extra = 'added';
    expectSame(assigner.assign(context, { a: 3 }), { a: 3, b: 2, extra: 'added' });
    delete context.b;
    expectSame(assigner.assign(context, { a: 4 }), { a: 4, extra: 'added' });
    const swapped: Record<string, unknown> = { a: 1, extra: 'x' };
    delete swapped.extra;
    swapped.other = 'y';
    expectSame(assigner.assign(swapped, {}), { a: 1, other: 'y' });
  });

  test('keys a literal cannot list, symbols and inherited keys get the generic copy, same result', () => {
    const assigner = new ContextAssigner();
    const symbol = Symbol('s');
    const withSymbol = { a: 1, [symbol]: 'v' };
    expectSame(assigner.assign(withSymbol, { a: 2 }), xstateAssign(withSymbol, { a: 2 }));
    const withIndex = { 2: 'two', a: 1, 10: 'ten' };
    expectSame(new ContextAssigner().assign(withIndex, { a: 2 }), xstateAssign(withIndex, { a: 2 }));
    const withProto = JSON.parse('{"a":1,"__proto__":{"x":1}}') as object;
    const copy = new ContextAssigner().assign(withProto as Record<string, unknown>, { a: 2 });
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expectSame(copy, { ...withProto, a: 2 });
    const inherited = Object.assign(Object.create({ inheritedKey: 1 }) as Record<string, unknown>, { a: 1 });
    expectSame(new ContextAssigner().assign(inherited, { a: 2 }), { a: 2 });
  });

  test('a partial with an own __proto__ key defines it, as the spread does', () => {
    const partial = JSON.parse('{"__proto__":{"x":1}}') as Record<string, unknown>;
    const next = new ContextAssigner().assign({ a: 1 }, partial);
    expect(Object.getPrototypeOf(next)).toBe(Object.prototype);
    expect(Object.hasOwn(next, '__proto__')).toBe(true);
  });

  test('a key that needs quoting is listed faithfully', () => {
    const odd = { 'a"b': 1, "c'd": 2, 'e\\f': 3, 'line\nbreak': 4, '': 5 };
    expectSame(new ContextAssigner().assign(odd, { '': 6 }), { ...odd, '': 6 });
  });
});
