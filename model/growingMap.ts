// An immutable map that only grows, cheap to extend: `with(key, value)` returns a new map and leaves this one as it
// was, like `new Map(old).set(key, value)`, but without copying. Versions share one backing Map whose entries carry
// the version that added them; a version sees the entries added before it. Extending the newest version appends to
// the backing Map in place (constant time); extending an older one (a snapshot kept and extended again) or
// replacing a key copies what that version sees first, so every version keeps reading what it read when made.
// Why: a consumer remembers every delivery it answered, and XState contexts are values: copying that record on
// each delivery made a run quadratic in its deliveries. Pure: no state beyond the shared backing Map.

interface Backing<K, V> {
  readonly entries: Map<K, { readonly value: V; readonly version: number }>;
  /** Entries in `entries`: the newest version's size. */
  size: number;
}

/**
 * A grow-only immutable map.
 *
 * @example
 * const a = GrowingMap.empty<string, number>();
 * const b = a.with('x', 1);
 * a.get('x'); // undefined: `a` is unchanged
 * b.get('x'); // 1
 */
export class GrowingMap<K, V> {
  private constructor(
    private readonly backing: Backing<K, V>,
    /** How many entries this version sees: those added with a version below it. */
    readonly size: number,
  ) {}

  static empty<K, V>(): GrowingMap<K, V> {
    return new GrowingMap<K, V>({ entries: new Map(), size: 0 }, 0);
  }

  get(key: K): V | undefined {
    const entry = this.backing.entries.get(key);
    return entry !== undefined && entry.version < this.size ? entry.value : undefined;
  }

  has(key: K): boolean {
    return this.get(key) !== undefined;
  }

  /** This map with `key` set to `value`; this map is unchanged. */
  with(key: K, value: V): GrowingMap<K, V> {
    const backing = this.backing;
    if (backing.size === this.size && !backing.entries.has(key)) {
      backing.entries.set(key, { value, version: this.size });
      backing.size++;
      return new GrowingMap(backing, this.size + 1);
    }
    // An older version extended again, or a key replaced: copy what this version sees, then extend the copy.
    const entries = new Map<K, { readonly value: V; readonly version: number }>();
    let version = 0;
    for (const [k, entry] of backing.entries) {
      if (entry.version < this.size && k !== key) entries.set(k, { value: entry.value, version: version++ });
    }
    entries.set(key, { value, version });
    return new GrowingMap({ entries, size: version + 1 }, version + 1);
  }
}
