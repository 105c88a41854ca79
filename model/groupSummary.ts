// Per consumer group, where each committed order's message ended: the `groups` field of the JSON run report. Each
// group consumes its own copy of a committed message (CLUSTERING: groups are independent), retries it through its
// own %RETRY%<group> and dead-letters it into its own %DLQ%<group>; its own subscription may filter it out.
import { maxReconsumeTimesFor } from './retrySchedule.ts';
import { matchesTag, parseSubscription } from './subscription.ts';
import type { Outcome } from './world.ts';

/** One consumer group's end state, by order id (only committed orders are listed). */
export interface GroupSummary {
  group: string;
  /** Each instance's subscription expression. */
  subscriptions: string[];
  /** The maxReconsumeTimes the group's consumers send (the group's own, else the config's; -1 = 16). */
  maxReconsumeTimes: number;
  /** Consumed by the group's listener (at least once). */
  consumed: string[];
  /** In %DLQ%<group> at the end (dead-lettered and not re-driven since). */
  dlq: string[];
  /** Skipped by the group's own subscription (every instance excludes the tag). */
  filtered: string[];
  /** Committed, none of the above: not yet consumed, or lost to the group. */
  pending: string[];
}

/**
 * Each group's outcome for the committed orders, in topology order.
 *
 * @example
 * summarizeGroups(outcome).find((g) => g.group === 'compliance')?.dlq; // ['o1']
 */
export function summarizeGroups(outcome: Outcome): GroupSummary[] {
  const committedTag = new Map<string, string>();
  for (const f of outcome.facts) if (f.kind === 'committed' && !committedTag.has(f.order)) committedTag.set(f.order, f.tag);
  return outcome.topology.groups.map((spec) => {
    const consumed = new Set<string>();
    const dead = new Map<string, boolean>();
    for (const f of outcome.facts) {
      if (!('group' in f) || f.group !== spec.group) continue;
      if (f.kind === 'consumed') consumed.add(f.order);
      else if (f.kind === 'dlq') dead.set(f.order, true);
      else if (f.kind === 'redriven') dead.set(f.order, false);
    }
    const subscriptions = spec.subscriptions.map(parseSubscription);
    const summary: GroupSummary = {
      group: spec.group,
      subscriptions: [...spec.subscriptions],
      maxReconsumeTimes: maxReconsumeTimesFor(outcome.spec.config, spec.group),
      consumed: [],
      dlq: [],
      filtered: [],
      pending: [],
    };
    for (const order of outcome.spec.orders) {
      const tag = committedTag.get(order.id);
      if (tag === undefined) continue;
      if (consumed.has(order.id)) summary.consumed.push(order.id);
      else if (dead.get(order.id) === true) summary.dlq.push(order.id);
      else if (subscriptions.every((s) => !matchesTag(s, tag))) summary.filtered.push(order.id);
      else summary.pending.push(order.id);
    }
    return summary;
  });
}
