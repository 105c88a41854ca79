// liveness: after heal, the run settles within its bound (RunSpec.settleBoundMs, default defaultSettleBoundMs)
// and every order reaches a terminal state: its message consumed, dead-lettered, parked or rolled back, and no
// half message left open. A run that did not settle, or hit the step limit (a livelock), is a violation.
// An order whose producer instance crashed before any half message was stored is terminal too: nothing was
// stored and no money moved, so nothing can happen to it any more (the client sees its request time out; the model
// has no client retry, and summarizeOrders calls it `pending`).
import { defaultSettleBoundMs, type Outcome } from '../../model/world.ts';
import type { Checker, Violation } from '../types.ts';
import { historyOf, orderFacts, reporter } from './history.ts';

const report = reporter('liveness', 'liveness');

/** The first reasons a run did not settle, as the tail of the violation's detail. */
function busyText(reasons: readonly string[]): string {
  if (reasons.length === 0) return '';
  const more = reasons.length > SHOWN_REASONS ? `; and ${reasons.length - SHOWN_REASONS} more` : '';
  return `; still busy: ${reasons.slice(0, SHOWN_REASONS).join('; ')}${more}`;
}

const SHOWN_REASONS = 5;

/** No half message of the order was ever stored and its main transaction never committed: nothing is left to do. */
function abandoned(outcome: Outcome, order: string): boolean {
  return !orderFacts(outcome, order).some((f) => f.kind === 'half-stored' || f.kind === 'main-committed');
}

/**
 * Settled within the bound; every order terminal.
 *
 * @example
 * liveness.check(outcome); // [{ property: 'liveness', class: 'liveness', order: 'o5', detail: 'message still pending ...' }]
 */
export const liveness: Checker = {
  name: 'liveness',
  class: 'liveness',
  description:
    'After heal every order reaches a terminal state (consumed, dlq, parked or rolled back) within the settle bound; no livelock.',
  check(outcome: Outcome): Violation[] {
    const out: Violation[] = [];
    const bound = outcome.spec.settleBoundMs ?? defaultSettleBoundMs(outcome.spec.config, outcome.spec.orders);
    const when = [`healed t=${outcome.healedAtMs}`, `bound ${bound} ms`, `end t=${outcome.simTimeMs}`];
    const busy = busyText(outcome.unsettled.filter((r) => !r.startsWith('livelock:')));
    if (outcome.livelock) out.push(report(`livelock: the step limit was hit after ${outcome.steps} steps${busy}`, undefined, when));
    else if (!outcome.settled) out.push(report(`did not settle within ${bound} ms after heal (stopped: ${outcome.settleStop})${busy}`, undefined, when));
    const { summaries } = historyOf(outcome);
    for (const order of outcome.spec.orders) {
      const summary = summaries.get(order.id);
      if (summary === undefined || summary.message !== 'pending') continue;
      if (outcome.settled && abandoned(outcome, order.id)) continue;
      const open = outcome.openHalves.includes(order.id) ? ' (its half message is still open)' : '';
      out.push(report(`message still pending at the end${open}; main ${summary.main}`, order.id, when));
    }
    return out;
  },
};
