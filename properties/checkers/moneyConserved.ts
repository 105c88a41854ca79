// money-conserved: no money is created or destroyed. Per investor, at the end of the run:
// wallet + (MMF bought - MMF redeemed) + target fund = the initial wallet, and every part is >= 0 (the secondary
// transaction never redeems MMF the main transaction did not buy). Read from the final ledgers only.
import { investorOf } from '../../model/ledger.ts';
import type { Outcome } from '../../model/world.ts';
import type { Checker, Violation } from '../types.ts';
import { reporter } from './history.ts';

const report = reporter('money-conserved', 'safety');

/**
 * wallet + mmf - mmfRedeemed + target == initial wallet, each part >= 0.
 *
 * @example
 * moneyConserved.check(outcome); // [{ property: 'money-conserved', order: 'o1', detail: 'inv-o1: MMF held -100 < 0 ...' }]
 */
export const moneyConserved: Checker = {
  name: 'money-conserved',
  class: 'safety',
  description: 'Per investor wallet + MMF - MMF redeemed + target == initial wallet, with each part >= 0.',
  check(outcome: Outcome): Violation[] {
    const out: Violation[] = [];
    for (const order of outcome.spec.orders) {
      const investor = investorOf(order.id);
      const initial = outcome.initialWallets[investor];
      const account = outcome.business[investor];
      const target = outcome.target[investor];
      if (initial === undefined || account === undefined || target === undefined) {
        out.push(report(`${investor} has no ledger entries at the end of the run`, order.id));
        continue;
      }
      const mmfHeld = account.mmf - target.mmfRedeemed;
      const total = account.wallet + mmfHeld + target.target;
      const parts = `wallet ${account.wallet} + MMF ${account.mmf} - redeemed ${target.mmfRedeemed} + target ${target.target}`;
      if (total !== initial) out.push(report(`${investor}: ${parts} = ${total}, but the initial wallet was ${initial}`, order.id));
      if (account.wallet < 0 || mmfHeld < 0 || target.target < 0) out.push(report(`${investor}: a negative part (${parts})`, order.id));
    }
    return out;
  },
};
