// For a design that runs on its own harness (the transactional-message model in model/): replay what happened
// to each order, as a timeline of timed facts, into a ConsistencyMeter, so metricsFromMeter measures it exactly
// as it measures the designs run by runKernelDesign. The timeline is data read after the run; replaying it
// changes nothing in the run.
import type { DesignOrder } from './design.ts';
import { ConsistencyMeter } from './meter.ts';

/** One fact about an order at a simulated time. */
export type TimelineEvent =
  | { at: number; order: string; kind: 'main'; committed: boolean }
  | { at: number; order: string; kind: 'target'; purchases: number }
  | { at: number; order: string; kind: 'rejected' }
  | { at: number; order: string; kind: 'hold' | 'release'; what: 'lock' | 'reservation'; resource: string };

/**
 * A meter filled from a timeline (sorted by time; equal times keep their given order).
 *
 * @example
 * const meter = meterFromTimeline(spec.orders, [
 *   { at: 1004, order: 'o1', kind: 'main', committed: true },
 *   { at: 1019, order: 'o1', kind: 'target', purchases: 1 },
 * ]);
 * metricsFromMeter(meter, { design: 'transactional-message', spec, endMs, ... });
 */
export function meterFromTimeline(orders: readonly DesignOrder[], timeline: readonly TimelineEvent[]): ConsistencyMeter {
  let now = 0;
  const meter = new ConsistencyMeter(() => now);
  for (const o of orders) meter.addOrder(o.id, o.amount);
  const sorted = timeline.map((e, i) => ({ e, i })).sort((a, b) => a.e.at - b.e.at || a.i - b.i);
  for (const { e } of sorted) {
    now = e.at;
    if (e.kind === 'main') meter.main(e.order, e.committed);
    else if (e.kind === 'target') meter.target(e.order, e.purchases);
    else if (e.kind === 'rejected') meter.rejected(e.order);
    else if (e.kind === 'hold') meter.hold(e.what, e.resource, e.order);
    else meter.release(e.what, e.resource, e.order);
  }
  return meter;
}
