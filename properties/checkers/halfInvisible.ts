// half-invisible: a half message is invisible until the transaction center commits it. Per order, in history
// order: no group receives the message before the order's first `committed` fact; the center
// commits only after someone decided commit (an `end-tx` commit from the producer or from a check answer); and a
// transaction whose resolution was a rollback is never delivered — a delivery after a `rolled-back` with no
// `committed` before it, or a `committed` after a `rolled-back`, is a violation (RocketMQ's own weak spot,
// apache/rocketmq#2694 and #8158, which the business must not hit).
import type { Outcome } from '../../model/world.ts';
import type { Checker, Violation } from '../types.ts';
import { orderFacts, reporter } from './history.ts';

const report = reporter('half-invisible', 'safety');

/**
 * Nothing is delivered before its commit; nothing rolled back is ever delivered.
 *
 * @example
 * halfInvisible.check(outcome); // [{ property: 'half-invisible', order: 'o2', detail: 'delivered to ops at t=12 before any commit' }]
 */
export const halfInvisible: Checker = {
  name: 'half-invisible',
  class: 'safety',
  description:
    'No delivery before the first commit of the order; commits only follow a commit decision; a rolled-back transaction is never committed or delivered.',
  check(outcome: Outcome): Violation[] {
    const out: Violation[] = [];
    for (const order of outcome.spec.orders) {
      let decidedCommit = false;
      let committedAt: number | undefined;
      let rolledBackAt: number | undefined;
      let committedBeforeRollback = false;
      for (const f of orderFacts(outcome, order.id)) {
        switch (f.kind) {
          case 'end-tx':
            if (f.action === 'commit') decidedCommit = true;
            break;
          case 'committed':
            if (!decidedCommit) out.push(report(`committed by ${f.node} at t=${f.t} although nobody decided commit`, order.id, [`t=${f.t}`]));
            if (rolledBackAt !== undefined && !committedBeforeRollback) {
              out.push(report(`committed at t=${f.t} after it was rolled back at t=${rolledBackAt}`, order.id, [`t=${rolledBackAt}`, `t=${f.t}`]));
            }
            committedAt ??= f.t;
            break;
          case 'rolled-back':
            if (rolledBackAt === undefined) committedBeforeRollback = committedAt !== undefined;
            rolledBackAt ??= f.t;
            break;
          case 'delivered':
            if (rolledBackAt !== undefined && !committedBeforeRollback) {
              out.push(
                report(`rolled back at t=${rolledBackAt}, yet delivered to ${f.group} at t=${f.t}`, order.id, [`t=${rolledBackAt}`, `t=${f.t}`]),
              );
            } else if (committedAt === undefined) {
              out.push(report(`delivered to ${f.group} at t=${f.t} before any commit`, order.id, [`t=${f.t}`]));
            }
            break;
          default:
            break;
        }
      }
    }
    return out;
  },
};
