// no-loss: a committed main transaction's message never vanishes. Every order whose main transaction committed
// ends with its message consumed by the target group, or in the group's DLQ with a `dlq` alert, or parked in
// TRANS_CHECK_MAX_TIME_TOPIC with a `check-max` alert. A message rolled back by the center, or gone while the run is
// quiescent, is lost. (An order still pending in an unsettled run is `liveness`'s to report.) A message the target
// group's own subscription filters out (`filtered`) is not lost: the broker skipped it for the group as configured;
// that money moved and nothing was bought is atomicity's to report.
import type { Outcome } from '../../model/world.ts';
import type { Checker, Violation } from '../types.ts';
import { historyOf, isTargetGroup, ofKind, orderFacts, reporter, times } from './history.ts';

const report = reporter('no-loss', 'safety');

/**
 * Committed main => consumed, or DLQ + alert, or parked + alert.
 *
 * @example
 * noLoss.check(outcome); // [{ property: 'no-loss', order: 'o4', detail: 'main committed at t=25 but the message vanished' }]
 */
export const noLoss: Checker = {
  name: 'no-loss',
  class: 'safety',
  description:
    'Every order whose main transaction committed ends consumed, or in the DLQ with a dlq alert, or parked with a check-max alert; never vanished.',
  check(outcome: Outcome): Violation[] {
    const out: Violation[] = [];
    const { summaries } = historyOf(outcome);
    for (const order of outcome.spec.orders) {
      const summary = summaries.get(order.id);
      if (summary === undefined || summary.main !== 'committed') continue;
      const facts = orderFacts(outcome, order.id);
      const mainAt = ofKind(facts, 'main-committed')[0]?.t;
      const alerts = ofKind(facts, 'alert');
      switch (summary.message) {
        case 'consumed':
        case 'filtered':
          break;
        case 'dlq':
          if (!alerts.some((a) => a.alert === 'dlq' && isTargetGroup(a))) {
            out.push(report('in the DLQ without a dlq alert (nobody will re-drive it)', order.id, times(ofKind(facts, 'dlq'))));
          }
          break;
        case 'parked':
          if (!alerts.some((a) => a.alert === 'check-max')) {
            out.push(report('parked in TRANS_CHECK_MAX_TIME_TOPIC without a check-max alert', order.id, times(ofKind(facts, 'parked'))));
          }
          break;
        case 'rolled_back':
          out.push(
            report(`main committed at t=${mainAt} but the transaction center rolled the message back`, order.id, [
              `t=${mainAt}`,
              ...times(ofKind(facts, 'rolled-back')),
            ]),
          );
          break;
        case 'pending':
          if (outcome.settled) {
            const last = facts[facts.length - 1];
            out.push(
              report(`main committed at t=${mainAt} but the message vanished: not consumed, not in the DLQ, not parked, nothing open`, order.id, [
                `t=${mainAt}`,
                ...(last === undefined ? [] : [`last ${last.kind} t=${last.t}`]),
              ]),
            );
          }
          break;
      }
    }
    return out;
  },
};
