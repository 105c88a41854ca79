// The next context of an `assign`, built as XState builds it (`Object.assign({}, context, partial)`: the context's
// own enumerable properties, then the partial's, as data properties in that order) but faster. On V8 a spread or
// Object.assign of a whole context takes the generic copy path, ~15 ns a field: a consumer's 13-field context cost
// ~200 ns per assign, 4% of a property run. An object literal that lists the fields is ~6x cheaper, so each context
// shape (its own enumerable string keys, in order) gets one generated copy function listing them.
//
// A shape is used only for a context that still fits it (the same keys in the same order, nothing inherited that
// enumerates), checked before every copy: a machine that mutates its context by adding or deleting a key gets a
// new shape or the generic copy, never a copy that drops a key. Keys a literal cannot list faithfully (`__proto__`,
// array indices) and symbol keys get the generic copy. One limit: the walk sees string keys only, so a symbol key
// added by mutating a context after its shape was taken is not copied (XState forbids mutating context anyway).

type Context = Record<string, unknown>;

/** One context shape: its keys and a copy function for contexts of exactly that shape. */
class ContextShape {
  constructor(
    readonly keys: readonly string[],
    readonly copy: (context: Context) => Context,
  ) {}

  /** Whether `context` enumerates exactly these keys, in order (for-in reads V8's enum cache: no allocation). */
  fits(context: Context): boolean {
    const keys = this.keys;
    let i = 0;
    for (const key in context) {
      if (keys[i] !== key) return false;
      i++;
    }
    return i === keys.length;
  }
}

/** Shapes by their keys joined; null for a key list a literal cannot copy. Machines have a handful of shapes. */
const shapes = new Map<string, ContextShape | null>();

const ARRAY_INDEX = /^(0|[1-9][0-9]*)$/;

function shapeOf(context: Context): ContextShape | null {
  if (Object.getOwnPropertySymbols(context).length > 0) return null;
  const keys = Object.keys(context);
  const signature = keys.join('\u0000');
  let shape = shapes.get(signature);
  if (shape !== undefined) return shape;
  const copyable = keys.every((key) => key !== '__proto__' && !ARRAY_INDEX.test(key));
  // JSON.stringify quotes each key as a JavaScript string literal: no key can inject code.
  const fields = keys.map((key) => `${JSON.stringify(key)}: c[${JSON.stringify(key)}]`).join(', ');
  shape = copyable ? new ContextShape(keys, new Function('c', `return { ${fields} };`) as ContextShape['copy']) : null;
  shapes.set(signature, shape);
  return shape;
}

/**
 * The context after an assign of `partial`, equal (same keys, order and values) to `{ ...context, ...partial }`.
 * Holds the last shape it used, so an actor's assigns skip the shape lookup.
 *
 * @example
 * const assigner = new ContextAssigner();
 * assigner.assign({ a: 1, b: 2 }, { b: 3 }); // { a: 1, b: 3 }
 */
export class ContextAssigner {
  private shape: ContextShape | null | undefined;

  assign(context: Context, partial: Context): Context {
    let shape = this.shape;
    if (shape === undefined || (shape !== null && !shape.fits(context))) shape = this.shape = shapeOf(context);
    if (shape === null) return { ...context, ...partial };
    // Object.assign sets where the spread defines: the same for a plain data object, except an own `__proto__` key.
    if (Object.hasOwn(partial, '__proto__')) return { ...context, ...partial };
    return Object.assign(shape.copy(context), partial);
  }
}
