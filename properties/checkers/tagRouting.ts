// tag-routing: each consumer group's listeners receive exactly the committed orders whose tag matches the group's
// subscription (model/subscription.ts: `*` gets everything, untagged included; `TagA || TagC` gets those two
// tags). Received = the orders of the group's `delivered` facts; expected = the orders with a `committed` fact
// whose tag matches. Nothing else may arrive (always checked); everything expected must have arrived once the run
// settled. Every delivery carries the order's own tag. A group whose instances subscribe differently is judged
// by the union of their expressions, so RocketMQ's mixed-subscription loss (apache/rocketmq#2836) shows up here.
import type { Outcome } from '../../model/world.ts';
import { matchesTag, parseSubscription } from '../../model/subscription.ts';
import type { Checker, Violation } from '../types.ts';
import type { Fact } from '../../model/facts.ts';
import { historyOf, reporter, type FactOf } from './history.ts';

const report = reporter('tag-routing', 'safety');

/** An order's first `committed` fact and its deliveries by group. */
interface OrderRouting {
  committed: FactOf<'committed'> | undefined;
  received: Map<string, Array<FactOf<'delivered'>>>;
}

/** The order's first `committed` fact and every group's deliveries, in one pass over its facts (not one per group). */
function routingOf(facts: readonly Fact[]): OrderRouting {
  let committed: FactOf<'committed'> | undefined;
  const received = new Map<string, Array<FactOf<'delivered'>>>();
  for (const f of facts) {
    if (f.kind === 'committed') committed ??= f;
    else if (f.kind === 'delivered') {
      const list = received.get(f.group);
      if (list === undefined) received.set(f.group, [f]);
      else list.push(f);
    }
  }
  return { committed, received };
}

const NOTHING_RECEIVED: ReadonlyArray<FactOf<'delivered'>> = [];

/**
 * Each group receives exactly the committed orders its subscription matches.
 *
 * @example
 * tagRouting.check(outcome); // [{ property: 'tag-routing', order: 'o2', detail: 'ops (TagA) received a TagB message' }]
 */
export const tagRouting: Checker = {
  name: 'tag-routing',
  class: 'safety',
  description:
    "Each subscriber group's listener receives exactly the committed orders whose tag matches its subscription, none other; `*` gets all.",
  check(outcome: Outcome): Violation[] {
    const out: Violation[] = [];
    const { byOrder } = historyOf(outcome);
    const specTag = new Map(outcome.spec.orders.map((o) => [o.id, o.tag ?? '']));
    const routing = new Map(outcome.spec.orders.map((o) => [o.id, routingOf(byOrder.get(o.id) ?? [])]));
    for (const group of outcome.topology.groups) {
      const subscriptions = [...new Set(group.subscriptions)].map(parseSubscription);
      const expression = subscriptions.length === 1 ? (subscriptions[0]?.expression ?? '*') : subscriptions.map((s) => `'${s.expression}'`).join(', ');
      const matches = (tag: string): boolean => subscriptions.some((s) => matchesTag(s, tag));
      for (const order of outcome.spec.orders) {
        const { committed, received: byGroup } = routing.get(order.id) as OrderRouting;
        const received = byGroup.get(group.group) ?? NOTHING_RECEIVED;
        const tag = specTag.get(order.id) ?? '';
        for (const d of received) {
          if (d.tag !== tag) {
            out.push(report(`${group.group} received it at t=${d.t} tagged '${d.tag}', but the order's tag is '${tag}'`, order.id, [`t=${d.t}`]));
          }
        }
        const first = received[0];
        if (first !== undefined && (committed === undefined || !matches(committed.tag))) {
          const why = committed === undefined ? 'it was never committed' : `its tag '${committed.tag}' does not match`;
          out.push(report(`${group.group} (${expression}) received it at t=${first.t} but ${why}`, order.id, [`t=${first.t}`]));
        }
        if (outcome.settled && first === undefined && committed !== undefined && matches(committed.tag)) {
          out.push(
            report(`${group.group} (${expression}) never received it, though committed at t=${committed.t} with tag '${committed.tag}'`, order.id, [
              `t=${committed.t}`,
            ]),
          );
        }
      }
    }
    return out;
  },
};
