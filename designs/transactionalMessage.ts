// The fifth design of the article's table, 事务消息: the transactional-message model of model/ as a Design, so
// the comparison runs it on the same workloads and fault plans as the four alternatives. The roles map onto the
// model's nodes: initiator and main are the (single) business-system instance, where the main transaction
// runs; secondary is the (single) target-fund consumer. The run's facts are replayed into a ConsistencyMeter
// through a timeline, so its metrics are measured exactly as the others'.
import { makeConfig } from '../model/config.ts';
import type { OrderSpec } from '../model/runSpec.ts';
import { runModel } from '../model/world.ts';
import type { Design, DesignRunSpec } from './design.ts';
import { countTrace, DEFAULT_SETTLE_MS, mapFaultPlan, metricsFromMeter } from './harness.ts';
import { meterFromTimeline, type TimelineEvent } from './timeline.ts';

/** A numeric simulator seed from a comparison seed such as "1:17" (FNV-1a), stable in any process. */
export function numericSeed(seed: string | number): number {
  if (typeof seed === 'number') return seed;
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function runTransactionalMessage(spec: DesignRunSpec) {
  const orders: OrderSpec[] = spec.orders.map((o) => ({
    id: o.id,
    at: o.at,
    amount: o.amount,
    walletBalance: o.walletBalance,
    localTx: 'commit',
    checkAnswers: [],
    consumerFailures: 0,
  }));
  const faults = mapFaultPlan(spec.faults, { initiator: 'producer-1', main: 'producer-1', secondary: 'consumer-1' });
  const outcome = runModel({
    name: 'compare',
    seed: numericSeed(spec.seed),
    config: makeConfig({ producers: 1, consumers: 1, brokers: 1, tagSubscribers: false }),
    orders,
    faults,
    settleBoundMs: spec.settleMs ?? DEFAULT_SETTLE_MS,
  });
  const timeline: TimelineEvent[] = [];
  const purchases = new Map<string, number>();
  let calls = 0;
  for (const f of outcome.facts) {
    if (f.kind === 'main-committed') {
      timeline.push({ at: f.t, order: f.order, kind: 'main', committed: true });
      calls++;
    } else if (f.kind === 'main-rolled-back' || f.kind === 'check-answered' || f.kind === 'delivered') {
      calls++;
    } else if (f.kind === 'consumed' && f.applied) {
      const n = (purchases.get(f.order) ?? 0) + 1;
      purchases.set(f.order, n);
      timeline.push({ at: f.t, order: f.order, kind: 'target', purchases: n });
    }
  }
  let negativeBalances = 0;
  for (const o of spec.orders) {
    const investor = `inv-${o.id}`;
    const b = outcome.business[investor];
    const t = outcome.target[investor];
    if (b !== undefined && t !== undefined && (b.wallet < 0 || b.mmf - t.mmfRedeemed < 0)) negativeBalances++;
  }
  const { messages, repairs } = countTrace(outcome.trace);
  return metricsFromMeter(meterFromTimeline(spec.orders, timeline), {
    design: 'transactional-message',
    spec,
    endMs: outcome.simTimeMs,
    messages,
    calls,
    repairs,
    stopReason: outcome.settleStop,
    settled: outcome.settled,
    unsettled: outcome.unsettled,
    negativeBalances,
    traceHash: outcome.traceHash,
  });
}

/** RocketMQ transactional messages with a check-back, idempotent consumers, retries and a DLQ (model/). */
export const transactionalMessageDesign: Design = {
  name: 'transactional-message',
  title: 'Transactional message: half message, main transaction, commit or rollback, check-back; idempotent consumer',
  articleRow: '事务消息',
  articleRatings: { decoupling: '高', consistency: '高' },
  coupling: {
    sharedStorageWithBusinessDb: false,
    businessInterfacesPerService: 1,
    mainWaitsForSecondary: false,
    notes: 'the business system adds one check-back listener (checkLocalTransaction); the secondary service one idempotent consumer',
  },
  run: runTransactionalMessage,
};
