// no-double-purchase: each order buys the target fund at most once, whatever duplicates the network, the
// transaction center (duplicate commits) or redelivery produced. Read from the target ledger (the final state)
// and the history (when each purchase happened).
import { investorOf } from '../../model/ledger.ts';
import type { Outcome } from '../../model/world.ts';
import type { Checker, Violation } from '../types.ts';
import { isTargetGroup, ofKind, orderFacts, purchaseFacts, reporter, times } from './history.ts';

const report = reporter('no-double-purchase', 'safety');

/**
 * targetPurchases <= 1 per order.
 *
 * @example
 * noDoublePurchase.check(outcome); // [{ property: 'no-double-purchase', order: 'o7', evidence: ['t=41', 't=77'] }]
 */
export const noDoublePurchase: Checker = {
  name: 'no-double-purchase',
  class: 'safety',
  description: 'The target fund is bought at most once per order (the consumer is idempotent by transaction id).',
  check(outcome: Outcome): Violation[] {
    const out: Violation[] = [];
    for (const order of outcome.spec.orders) {
      const facts = orderFacts(outcome, order.id);
      const applied = purchaseFacts(outcome, facts);
      const purchases = Math.max(outcome.target[investorOf(order.id)]?.purchases ?? 0, applied.length);
      if (purchases > 1) {
        const ids = [...new Set(ofKind(facts, 'consumed').filter(isTargetGroup).map((f) => f.txId))].join(', ');
        out.push(report(`the target fund was bought ${purchases} times (transaction ids ${ids})`, order.id, times(applied)));
      }
    }
    return out;
  },
};
