// Helpers the storage mutants share: a view of a DurableStore with some of its methods replaced (the rest reach
// the store itself), and state kept per node incarnation (a node's host object is new at every restart, so what
// is kept under it is volatile: lost in a crash, as a process's memory is).
import type { DurableStore } from '../../sim/durableStore.ts';

type Overridable = Pick<DurableStore, 'get' | 'has' | 'set'>;

/**
 * The store, with `get`, `has` or `set` replaced.
 *
 * @example
 * storeView(db, { get: (k) => (k.startsWith('tx/') ? memory.get(k) : db.get(k)) });
 */
export function storeView(store: DurableStore, overrides: Partial<Overridable>): DurableStore {
  return new Proxy(store, {
    get(target, key, receiver) {
      const replaced = (overrides as Record<string | symbol, unknown>)[key];
      if (replaced !== undefined) return replaced;
      const value: unknown = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * A value per node incarnation, made on first use: `volatile(host)` is the same map until the node restarts.
 *
 * @example
 * const memoryOf = perIncarnation(() => new Map<string, unknown>());
 * memoryOf(context.env.host).set('o1', 'committed');
 */
export function perIncarnation<T>(make: () => T): (host: object) => T {
  const byHost = new WeakMap<object, T>();
  return (host) => {
    let value = byHost.get(host);
    if (value === undefined) byHost.set(host, (value = make()));
    return value;
  };
}
