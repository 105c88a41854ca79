// Each order's final state, read from the outcome's facts and stores: the fields of the JSON report's `orders`.
// `filtered` (issue 13 point 9): the message was committed, but the target group's own subscription, on every
// instance, excludes its tag, so the broker skipped it for the group by design (ExpressionMessageFilter; the
// offset moves past it). It is neither lost nor pending; what it means for the business is the checkers' to say.
import { TARGET_GROUP } from './config.ts';
import type { Fact } from './facts.ts';
import { matchesTag, parseSubscription } from './subscription.ts';
import type { Outcome } from './world.ts';

export type MainState = 'committed' | 'rolled_back' | 'pending';
export type MessageState = 'consumed' | 'dlq' | 'parked' | 'rolled_back' | 'filtered' | 'pending';

export interface OrderSummary {
  id: string;
  main: MainState;
  message: MessageState;
  /** Times the target fund was bought for this order (1 is right; 2 is a double purchase). */
  targetPurchases: number;
  /** Deliveries of this order's message(s) to the target-fund listener. */
  deliveries: number;
  /** Check-backs the transaction center sent for it. */
  checks: number;
}

interface Tally {
  mainCommitted: boolean;
  mainRolledBack: boolean;
  sendFailed: boolean;
  consumed: boolean;
  purchases: number;
  /** `purchased` facts (runs with a user consumer: its purchases are observed apart from its answers). */
  userPurchases: number;
  deliveries: number;
  checks: number;
  rolledBackByCenter: boolean;
  committedByCenter: boolean;
  /** Tag of the first committed copy. */
  committedTag: string | undefined;
}

/** Whether every instance of the target group subscribes to an expression that excludes `tag`. */
export function targetGroupExcludes(outcome: Pick<Outcome, 'topology'>, tag: string): boolean {
  const group = outcome.topology.groups.find((g) => g.group === TARGET_GROUP);
  return group !== undefined && group.subscriptions.every((s) => !matchesTag(parseSubscription(s), tag));
}

/** Facts grouped by order, in time order: the index every per-order reader starts from. */
export function factsByOrder(facts: readonly Fact[]): Map<string, Fact[]> {
  const byOrder = new Map<string, Fact[]>();
  for (const fact of facts) {
    // A property read, not `'order' in fact`: facts come in some twenty shapes, and `in` on them is a slow lookup.
    // (Only `writes-lost` has no order; every reader looks orders up by id, so an undefined key is never read.)
    const order = (fact as { readonly order?: string }).order;
    if (order === undefined) continue;
    let list = byOrder.get(order);
    if (list === undefined) byOrder.set(order, (list = []));
    list.push(fact);
  }
  return byOrder;
}

/** Each order's final state; `byOrder` may be passed when the caller has grouped the facts already. */
export function summarizeOrders(outcome: Outcome, byOrder: ReadonlyMap<string, readonly Fact[]> = factsByOrder(outcome.facts)): OrderSummary[] {
  const dlq = new Set(outcome.dlq);
  const parked = new Set(outcome.parked);
  return outcome.spec.orders.map((order) => {
    const t: Tally = {
      mainCommitted: false,
      mainRolledBack: false,
      sendFailed: false,
      consumed: false,
      purchases: 0,
      userPurchases: 0,
      deliveries: 0,
      checks: 0,
      rolledBackByCenter: false,
      committedByCenter: false,
      committedTag: undefined,
    };
    for (const f of byOrder.get(order.id) ?? []) {
      switch (f.kind) {
        case 'main-committed': t.mainCommitted = true; break;
        case 'main-rolled-back': t.mainRolledBack = true; break;
        case 'half-send-failed': t.sendFailed = true; break;
        case 'check-sent': t.checks++; break;
        case 'rolled-back': t.rolledBackByCenter = true; break;
        case 'committed':
          t.committedByCenter = true;
          t.committedTag ??= f.tag;
          break;
        case 'delivered': if (f.group === TARGET_GROUP) t.deliveries++; break;
        case 'consumed':
          if (f.group === TARGET_GROUP) {
            t.consumed = true;
            if (f.applied) t.purchases++;
          }
          break;
        case 'purchased': if (f.group === TARGET_GROUP) t.userPurchases++; break;
        default: break;
      }
    }
    const main: MainState = t.mainCommitted ? 'committed' : t.mainRolledBack || t.sendFailed ? 'rolled_back' : 'pending';
    let message: MessageState;
    if (t.consumed) message = 'consumed';
    else if (dlq.has(order.id)) message = 'dlq';
    else if (parked.has(order.id)) message = 'parked';
    else if (t.committedTag !== undefined && targetGroupExcludes(outcome, t.committedTag)) message = 'filtered';
    else if (!t.committedByCenter && (t.rolledBackByCenter || (t.sendFailed && !outcome.openHalves.includes(order.id)))) message = 'rolled_back';
    else message = 'pending';
    // A user's consumer may answer before it buys: only its ledger writes (`purchased`) count, never its answers.
    const targetPurchases = outcome.userRoleRuntime?.consumer === undefined ? Math.max(t.purchases, t.userPurchases) : t.userPurchases;
    return { id: order.id, main, message, targetPurchases, deliveries: t.deliveries, checks: t.checks };
  });
}
