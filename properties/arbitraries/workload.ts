// fast-check arbitrary of workloads: 1..maxOrders orders named o1..on, with amounts, balances (enough or
// short), tags, local-transaction answers (mostly commit), consistent check scripts and consumer failures. Every
// choice shrinks toward the plain case: fewer orders, commit, no tag script, no consumer failure.
import fc from 'fast-check';
import type { LocalTxAnswer, OrderSpec } from '../../model/runSpec.ts';

/** One order before it is named (its id comes from its position). */
export type OrderShape = Omit<OrderSpec, 'id'>;

const undecidedAnswer = fc.constantFrom<LocalTxAnswer>('unknown', 'throw');

/**
 * One order. Check answers are scripted only for unknown/throw local transactions and stay consistent with the
 * durable record: a few undecided answers, then at most one decision.
 *
 * @example
 * fc.sample(orderArb, 1)[0]; // { at: 0, amount: 10, walletBalance: 10, localTx: 'commit', checkAnswers: [], consumerFailures: 0 }
 */
export const orderArb: fc.Arbitrary<OrderShape> = fc
  .record({
    at: fc.integer({ min: 0, max: 20_000 }),
    amount: fc.integer({ min: 1, max: 100 }).map((x) => x * 10),
    short: fc.boolean(),
    slack: fc.integer({ min: 0, max: 500 }),
    tag: fc.constantFrom<string | undefined>(undefined, 'TagA', 'TagB', 'TagC'),
    localTx: fc.oneof(
      { weight: 6, arbitrary: fc.constant<LocalTxAnswer>('commit') },
      { weight: 1, arbitrary: fc.constantFrom<LocalTxAnswer>('rollback', 'unknown', 'throw') },
    ),
    undecided: fc.array(undecidedAnswer, { maxLength: 3 }),
    decision: fc.constantFrom<LocalTxAnswer | undefined>('commit', 'rollback', undefined),
    consumerFailures: fc.oneof(
      { weight: 6, arbitrary: fc.constant<number | 'always'>(0) },
      { weight: 3, arbitrary: fc.integer({ min: 1, max: 4 }) },
      { weight: 1, arbitrary: fc.constant<number | 'always'>('always') },
    ),
    localTxMs: fc.option(fc.integer({ min: 100, max: 2_000 }), { nil: undefined }),
  })
  .map((s) => {
    const undecided = s.localTx === 'unknown' || s.localTx === 'throw';
    const order: OrderShape = {
      at: s.at,
      amount: s.amount,
      walletBalance: s.short ? Math.max(0, s.amount - 1 - s.slack) : s.amount + s.slack,
      localTx: s.localTx,
      checkAnswers: undecided ? [...s.undecided, ...(s.decision === undefined ? [] : [s.decision])] : [],
      consumerFailures: s.consumerFailures,
    };
    if (s.tag !== undefined) order.tag = s.tag;
    if (!undecided && s.localTxMs !== undefined) order.localTxMs = s.localTxMs;
    return order;
  });

/**
 * A workload of 1..maxOrders orders, named o1..on by position.
 *
 * @example
 * fc.sample(workloadArb(3), 1)[0].map((o) => o.id); // ['o1', 'o2']
 */
export function workloadArb(maxOrders = 10): fc.Arbitrary<OrderSpec[]> {
  return fc.array(orderArb, { minLength: 1, maxLength: maxOrders }).map((shapes) => shapes.map((s, i) => ({ id: `o${i + 1}`, ...s })));
}
