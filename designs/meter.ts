// The observer that turns a run into the comparison's numbers. It is told, with simulated times, every change
// that matters (main transaction committed, target bought or reversed, a lock or reservation taken or
// released) and keeps, per order, the windows during which the two sides disagree. It is bookkeeping outside
// the simulated system: no design reads it to decide anything, and a crash does not touch it.
import type { OrderDetail } from './design.ts';

interface OrderTrack {
  readonly id: string;
  readonly amount: number;
  accepted: boolean;
  mainActive: boolean;
  targetActive: number;
  mainCommittedAt: number | null;
  targetBoughtAt: number | null;
  since: number | null;
  longest: number;
  total: number;
}

/** Totals of held locks or reservations. */
export interface HoldTotals {
  totalMs: number;
  longestMs: number;
}

/**
 * Per-order consistency windows and lock/reservation time.
 *
 * @example
 * const meter = new ConsistencyMeter(() => sim.now);
 * meter.addOrder('o1', 100);
 * meter.main('o1', true);      // window opens: main committed, no target yet
 * meter.target('o1', 1);       // window closes
 * meter.details(sim.now)[0].longestWindowMs;
 */
export class ConsistencyMeter {
  private readonly orders = new Map<string, OrderTrack>();
  private readonly holds = new Map<string, number>();
  private readonly totals = { lock: { totalMs: 0, longestMs: 0 }, reservation: { totalMs: 0, longestMs: 0 } };
  private bad = 0;

  /** @param normalWindowMs windows up to this long are the design's normal path, not a repair. */
  constructor(
    private readonly now: () => number,
    private readonly normalWindowMs = 1000,
  ) {}

  addOrder(id: string, amount: number): void {
    if (this.orders.has(id)) throw new Error(`ConsistencyMeter: duplicate order ${id}`);
    this.orders.set(id, {
      id, amount, accepted: true, mainActive: false, targetActive: 0,
      mainCommittedAt: null, targetBoughtAt: null, since: null, longest: 0, total: 0,
    });
  }

  /** The click found the entry node down. */
  rejected(id: string): void {
    this.track(id).accepted = false;
  }

  /** The main transaction is now committed (true) or undone (false). */
  main(id: string, committed: boolean): void {
    const t = this.track(id);
    t.mainActive = committed;
    if (committed && t.mainCommittedAt === null) t.mainCommittedAt = this.now();
    this.update(t);
  }

  /** The number of target purchases now in force for the order. */
  target(id: string, purchases: number): void {
    const t = this.track(id);
    t.targetActive = purchases;
    if (purchases > 0 && t.targetBoughtAt === null) t.targetBoughtAt = this.now();
    this.update(t);
  }

  hold(kind: 'lock' | 'reservation', resource: string, order: string): void {
    const key = `${kind}|${resource}|${order}`;
    if (!this.holds.has(key)) this.holds.set(key, this.now());
  }

  release(kind: 'lock' | 'reservation', resource: string, order: string): void {
    const key = `${kind}|${resource}|${order}`;
    const since = this.holds.get(key);
    if (since === undefined) return;
    this.holds.delete(key);
    this.addHold(kind, this.now() - since);
  }

  /** Orders currently inconsistent. */
  get inconsistentNow(): number {
    return this.bad;
  }

  /** Locks and reservations currently held. */
  get heldNow(): number {
    return this.holds.size;
  }

  /** Lock and reservation totals with every open hold counted up to `endMs`. */
  holdTotals(endMs: number): { lock: HoldTotals; reservation: HoldTotals } {
    const out = { lock: { ...this.totals.lock }, reservation: { ...this.totals.reservation } };
    for (const [key, since] of this.holds) {
      const kind = key.startsWith('lock|') ? out.lock : out.reservation;
      const ms = endMs - since;
      kind.totalMs += ms;
      if (ms > kind.longestMs) kind.longestMs = ms;
    }
    return out;
  }

  /** Per-order results, open windows counted up to `endMs`, in the order the orders were added. */
  details(endMs: number): OrderDetail[] {
    const out: OrderDetail[] = [];
    for (const t of this.orders.values()) {
      const open = t.since === null ? 0 : endMs - t.since;
      const longest = Math.max(t.longest, open);
      const consistent = t.since === null;
      out.push({
        id: t.id,
        amount: t.amount,
        accepted: t.accepted,
        mainCommitted: t.mainActive,
        targetPurchases: t.targetActive,
        mainCommittedAtMs: t.mainCommittedAt,
        targetBoughtAtMs: t.targetBoughtAt,
        longestWindowMs: longest,
        healedLate: consistent && t.longest > this.normalWindowMs,
        consistent,
      });
    }
    return out;
  }

  /** Sum of every order's windows, open ones counted up to `endMs`. */
  inconsistencyMs(endMs: number): number {
    let sum = 0;
    for (const t of this.orders.values()) sum += t.total + (t.since === null ? 0 : endMs - t.since);
    return sum;
  }

  private addHold(kind: 'lock' | 'reservation', ms: number): void {
    const totals = this.totals[kind];
    totals.totalMs += ms;
    if (ms > totals.longestMs) totals.longestMs = ms;
  }

  private track(id: string): OrderTrack {
    const t = this.orders.get(id);
    if (t === undefined) throw new Error(`ConsistencyMeter: unknown order ${id}`);
    return t;
  }

  private update(t: OrderTrack): void {
    const inconsistent = t.mainActive !== t.targetActive > 0 || t.targetActive > 1;
    const now = this.now();
    if (inconsistent && t.since === null) {
      t.since = now;
      this.bad++;
    } else if (!inconsistent && t.since !== null) {
      const ms = now - t.since;
      t.total += ms;
      if (ms > t.longest) t.longest = ms;
      t.since = null;
      this.bad--;
    }
  }
}
