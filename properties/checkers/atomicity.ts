// atomicity: the discounted purchase is all or nothing once the run has settled. A committed main transaction
// (wallet -> MMF) ends with the target fund bought; a main transaction that failed, rolled back or never ran buys
// nothing; and the main transaction commits at most once. A message parked in the DLQ or in
// TRANS_CHECK_MAX_TIME_TOPIC breaks atomicity too: the design's guarantee ends at the alert (no-loss accepts those
// states; atomicity does not). So does a message the target group's own subscription filters out (`filtered`): the
// money moved into the money-market fund and nothing was bought. An order still pending in a run that did not settle
// is `liveness`'s to report.
import { investorOf } from '../../model/ledger.ts';
import type { Outcome } from '../../model/world.ts';
import type { Checker, Violation } from '../types.ts';
import { historyOf, isTargetGroup, ofKind, orderFacts, purchaseFacts, reporter, times } from './history.ts';

const report = reporter('atomicity', 'safety');

/**
 * Main committed exactly when the target fund was bought.
 *
 * @example
 * atomicity.check(outcome); // [] or [{ property: 'atomicity', order: 'o3', detail: 'bought ... although ...' }]
 */
export const atomicity: Checker = {
  name: 'atomicity',
  class: 'safety',
  description:
    'After settling, the main transaction committed exactly when the target fund was bought (a DLQ or parked message breaks it); a failed or rolled-back main transaction buys nothing.',
  check(outcome: Outcome): Violation[] {
    const out: Violation[] = [];
    const { summaries } = historyOf(outcome);
    for (const order of outcome.spec.orders) {
      const summary = summaries.get(order.id);
      if (summary === undefined) continue;
      const facts = orderFacts(outcome, order.id);
      const bought = outcome.target[investorOf(order.id)]?.purchases ?? 0;
      const applied = purchaseFacts(outcome, facts);
      const mains = ofKind(facts, 'main-committed');
      if (mains.length > 1) {
        out.push(report(`the main transaction committed ${mains.length} times (the wallet was debited more than once)`, order.id, times(mains)));
      }
      if (summary.main !== 'committed' && bought > 0) {
        out.push(
          report(`the target fund was bought ${bought}x although the main transaction is ${summary.main}`, order.id, times(applied)),
        );
      }
      if (summary.main === 'committed' && bought === 0 && (summary.message !== 'pending' || outcome.settled)) {
        const consumed = ofKind(facts, 'consumed').filter(isTargetGroup);
        const why =
          summary.message === 'filtered'
            ? `the message ended filtered: the target group's own subscription excludes its tag '${ofKind(facts, 'committed')[0]?.tag ?? ''}', so the money moved into the money-market fund and nothing was bought`
            : `the message ended ${summary.message}`;
        out.push(
          report(
            `the main transaction committed (t=${mains[0]?.t}) but the target fund was never bought; ${why}`,
            order.id,
            times([...mains, ...consumed]),
          ),
        );
      }
      if (bought !== summary.targetPurchases) {
        out.push(report(`the target ledger shows ${bought} purchases but the history ${summary.targetPurchases}`, order.id, times(applied)));
      }
    }
    return out;
  },
};
