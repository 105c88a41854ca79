// What every checker reads first: the run's facts grouped by order, each order's summary, and the fact kinds
// narrowed for type-safe filtering. Computed once per Outcome (the last one is memoized by identity) and never mutated, so the
// checkers stay pure functions of the finished run.
import { TARGET_GROUP } from '../../model/config.ts';
import type { Fact, FactKind } from '../../model/facts.ts';
import { factsByOrder, summarizeOrders, type OrderSummary } from '../../model/orderSummary.ts';
import type { Outcome } from '../../model/world.ts';
import type { PropertyClass, Violation } from '../types.ts';

/** A fact of one kind. */
export type FactOf<K extends FactKind> = Extract<Fact, { kind: K }>;

/** The per-order index of a finished run. */
export interface History {
  /** Facts of each order, in the order they were recorded (which is time order). */
  readonly byOrder: ReadonlyMap<string, readonly Fact[]>;
  /** Each order's final state, by order id. */
  readonly summaries: ReadonlyMap<string, OrderSummary>;
}

// One entry: the checkers of a run ask in turn about the same outcome. (A WeakMap kept every outcome alive through
// V8's young-generation collections until the next full GC, which cost explore a fifth of its time.)
let cached: { outcome: Outcome; history: History } | undefined;

/**
 * The run's per-order index, computed once per outcome.
 *
 * @example
 * const { byOrder, summaries } = historyOf(outcome);
 * summaries.get('o1')?.message; // 'consumed'
 */
export function historyOf(outcome: Outcome): History {
  if (cached?.outcome !== outcome) {
    const byOrder = factsByOrder(outcome.facts);
    const history: History = { byOrder, summaries: new Map(summarizeOrders(outcome, byOrder).map((s) => [s.id, s])) };
    cached = { outcome, history };
  }
  return cached.history;
}

/** The facts of one kind among a list. */
export function ofKind<K extends FactKind>(facts: readonly Fact[], kind: K): Array<FactOf<K>> {
  return facts.filter((f): f is FactOf<K> => f.kind === kind);
}

/** The facts of one order (empty when it has none). */
export function orderFacts(outcome: Outcome, order: string): readonly Fact[] {
  return historyOf(outcome).byOrder.get(order) ?? [];
}

/** True for facts recorded by (or about) the target-fund consumer group. */
export function isTargetGroup(fact: { group: string }): boolean {
  return fact.group === TARGET_GROUP;
}

/** A run whose target-fund listener is a user's machine (docs/roles.md). */
export function hasUserConsumer(outcome: Pick<Outcome, 'userRoleRuntime'>): boolean {
  return outcome.userRoleRuntime?.consumer !== undefined;
}

/**
 * The purchases of the target fund among an order's facts. txsim's own listener buys as it answers, so an applied
 * consumption is a purchase. A user's machine may answer before it buys, or buy after a crash stopped its answer:
 * its purchases are the `purchased` facts (each a write of the target ledger), and its answers count nothing.
 */
export function purchaseFacts(outcome: Pick<Outcome, 'userRoleRuntime'>, facts: readonly Fact[]): ReadonlyArray<{ t: number }> {
  if (hasUserConsumer(outcome)) return ofKind(facts, 'purchased').filter(isTargetGroup);
  return ofKind(facts, 'consumed').filter((f) => isTargetGroup(f) && f.applied);
}

/** Times of some facts, as evidence (`t=412`). */
export function times(facts: ReadonlyArray<{ t: number }>): string[] {
  return facts.map((f) => `t=${f.t}`);
}

/** A violation builder bound to one checker's name and class. */
export function reporter(property: string, cls: PropertyClass) {
  return (detail: string, order?: string, evidence?: Array<number | string>): Violation => {
    const v: Violation = { property, class: cls, detail };
    if (order !== undefined) v.order = order;
    if (evidence !== undefined && evidence.length > 0) v.evidence = evidence;
    return v;
  };
}
