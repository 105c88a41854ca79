// Simulated runs of the whole model that show the behaviours RocketMQ users rely on (and the weak spots they
// must design around): check-back recovery, retries on delay levels, the DLQ, duplicates, the tag matrix.
import { describe, expect, test } from 'vitest';
import { TAG_SUBSCRIBERS } from '../../model/config.ts';
import { matchesTag, parseSubscription } from '../../model/subscription.ts';
import { order, run } from './fixtures.ts';

const H = 3_600_000;
const M = 60_000;

describe('transactional message flows', () => {
  test('a lost commit is recovered by check-back', () => {
    const { outcome, orders } = run([order('o1')], [{ at: 0, type: 'drop', message: 'commit', order: 'o1' }], { tagSubscribers: false });
    expect(orders.get('o1')).toMatchObject({ main: 'committed', message: 'consumed', targetPurchases: 1, checks: 1 });
    const check = outcome.facts.find((f) => f.kind === 'check-sent');
    expect(check?.t).toBe(30_000); // the first round (every 30 s) in which the half message is older than 6 s
  });

  test('a producer crash after the local commit is recovered once it restarts', () => {
    const { orders, outcome } = run(
      [order('o1')],
      [
        { at: 0, type: 'drop', message: 'commit', order: 'o1' },
        { at: 30, type: 'crash', node: 'producer-1', restartAfterMs: 45_000 },
      ],
      { producers: 1, tagSubscribers: false },
    );
    expect(orders.get('o1')).toMatchObject({ main: 'committed', message: 'consumed', targetPurchases: 1, checks: 2 });
    // The first check reached no one: the only producer was down.
    expect(outcome.facts.filter((f) => f.kind === 'check-answered')).toHaveLength(1);
  });

  test('unknown then commit, and unknown then rollback, as the checks answer', () => {
    const commit = run([order('o1', { localTx: 'unknown', checkAnswers: ['unknown', 'commit'] })], [], { tagSubscribers: false });
    expect(commit.orders.get('o1')).toMatchObject({ main: 'committed', message: 'consumed', targetPurchases: 1, checks: 2 });
    const rollback = run([order('o1', { localTx: 'unknown', checkAnswers: ['unknown', 'rollback'] })], [], { tagSubscribers: false });
    expect(rollback.orders.get('o1')).toMatchObject({ main: 'rolled_back', message: 'rolled_back', targetPurchases: 0, deliveries: 0, checks: 2 });
  });

  test('15 unanswered checks, then the half message is parked with an alert', () => {
    const { outcome, orders } = run([order('o1', { localTx: 'unknown' })], [], { tagSubscribers: false });
    expect(orders.get('o1')).toMatchObject({ message: 'parked', checks: 15 });
    const checks = outcome.facts.filter((f) => f.kind === 'check-sent').map((f) => f.t);
    expect(checks[0]).toBe(30_000);
    expect(checks[14]).toBe(30_000 * 15);
    expect(outcome.facts.filter((f) => f.kind === 'alert')).toEqual([expect.objectContaining({ alert: 'check-max', order: 'o1' })]);
    expect(outcome.parked).toEqual(['o1']);
  });

  test('a poison message is delivered 17 times over 4 h 45 m 40 s, then goes to the DLQ with one alert', () => {
    const { outcome, orders } = run([order('o1', { consumerFailures: 'always' })], [], { tagSubscribers: false });
    expect(orders.get('o1')).toMatchObject({ main: 'committed', message: 'dlq', deliveries: 17, targetPurchases: 0 });
    const deliveries = outcome.facts.filter((f) => f.kind === 'delivered').map((f) => f.t);
    // The retry delays add up to 4 h 45 m 40 s; network latency and listener time add a few milliseconds per hop.
    const span = deliveries[16]! - deliveries[0]!;
    expect(span).toBeGreaterThanOrEqual(4 * H + 45 * M + 40_000);
    expect(span).toBeLessThan(4 * H + 45 * M + 40_000 + 17 * 20);
    expect(outcome.facts.filter((f) => f.kind === 'dlq')).toHaveLength(1);
    expect(outcome.facts.filter((f) => f.kind === 'alert' && f.alert === 'dlq')).toHaveLength(1);
    expect(outcome.dlq).toEqual(['o1']);
  });

  test('a consumer that fails three times succeeds on the fourth delivery, after 10 s, 30 s and 1 m', () => {
    const { outcome, orders } = run([order('o1', { consumerFailures: 3 })], [], { tagSubscribers: false });
    expect(orders.get('o1')).toMatchObject({ message: 'consumed', deliveries: 4, targetPurchases: 1 });
    const t = outcome.facts.filter((f) => f.kind === 'delivered').map((f) => f.t);
    expect([t[1]! - t[0]!, t[2]! - t[1]!, t[3]! - t[2]!].map((d) => Math.round(d / 1000))).toEqual([10, 30, 60]);
  });

  test('the operator re-drives a dead letter and it is consumed', () => {
    const { orders } = run([order('o1', { consumerFailures: 'always' })], [], { tagSubscribers: false, operatorRedriveAfterMs: 10 * M, maxReconsumeTimes: 2 });
    expect(orders.get('o1')).toMatchObject({ message: 'consumed', targetPurchases: 1, deliveries: 4 });
  });

  test('a duplicated commit is delivered twice: applied once by an idempotent consumer, twice by a non-idempotent one', () => {
    const dup = [{ at: 0, type: 'duplicate' as const, message: 'commit', order: 'o1' }];
    const idempotent = run([order('o1')], dup, { tagSubscribers: false });
    expect(idempotent.orders.get('o1')).toMatchObject({ deliveries: 2, targetPurchases: 1 });
    const naive = run([order('o1')], dup, { tagSubscribers: false, idempotentConsumer: false });
    expect(naive.orders.get('o1')).toMatchObject({ deliveries: 2, targetPurchases: 2 });
    const idealized = run([order('o1')], dup, { tagSubscribers: false, idempotentConsumer: false, transactionCenter: 'idealized' });
    expect(idealized.orders.get('o1')).toMatchObject({ deliveries: 1, targetPurchases: 1 });
  });

  test('without a unique transaction id a retried half send buys the target fund twice', () => {
    // A retry needs sendMsgMaxTimeoutPerRequest: without it the lost SEND_OK spends the whole sendMsgTimeout budget.
    const lostAck = [{ at: 0, type: 'drop' as const, message: 'prepareAck', order: 'o1' }];
    const perRequest = { tagSubscribers: false, sendMsgMaxTimeoutPerRequestMs: 1_000 };
    const unique = run([order('o1')], lostAck, perRequest);
    expect(unique.orders.get('o1')).toMatchObject({ targetPurchases: 1 });
    const fresh = run([order('o1')], lostAck, { ...perRequest, uniqueTxId: false });
    expect(fresh.orders.get('o1')).toMatchObject({ targetPurchases: 2 });
  });

  test('an insufficient wallet rolls back and tells the client at once', () => {
    const { outcome, orders } = run([order('o1', { amount: 5_000, walletBalance: 100 })], [], { tagSubscribers: false });
    expect(orders.get('o1')).toMatchObject({ main: 'rolled_back', message: 'rolled_back', deliveries: 0 });
    const response = outcome.facts.find((f) => f.kind === 'client-response');
    expect(response).toMatchObject({ ok: false, reason: 'insufficient-balance' });
    expect(response!.t).toBeLessThan(100);
  });

  test('the tag matrix routes each tag exactly to its subscribers', () => {
    const tags = ['TagA', 'TagB', 'TagC', undefined, 'TagD', 'taga'];
    const { outcome } = run(tags.map((tag, i) => order(`o${i + 1}`, { tag })));
    for (const { group, subscription } of TAG_SUBSCRIBERS) {
      const sub = parseSubscription(subscription);
      const got = outcome.facts.flatMap((f) => (f.kind === 'consumed' && f.group === group ? [f.order] : [])).sort();
      const want = tags.flatMap((tag, i) => (matchesTag(sub, tag ?? '') ? [`o${i + 1}`] : [])).sort();
      expect(got, group).toEqual(want);
    }
    expect(outcome.facts.flatMap((f) => (f.kind === 'consumed' && f.group === 'compliance' ? [f.order] : [])).sort()).toEqual(['o1', 'o3']);
  });

  test('a broker machine crash under async flush loses what was not flushed; sync flush loses nothing', () => {
    const faults = [
      { at: 0, type: 'drop' as const, message: 'deliver', count: 2 },
      { at: 200, type: 'crash' as const, node: 'broker-1', restartAfterMs: 5_000 },
    ];
    const asyncRun = run([order('o1')], faults, { tagSubscribers: false, flush: 'async' });
    expect(asyncRun.outcome.lostWrites).toBeGreaterThan(0);
    expect(asyncRun.orders.get('o1')).toMatchObject({ main: 'committed', targetPurchases: 0 });
    const syncRun = run([order('o1')], faults, { tagSubscribers: false, flush: 'sync' });
    expect(syncRun.orders.get('o1')).toMatchObject({ main: 'committed', message: 'consumed', targetPurchases: 1 });
  });

  test('1,000 orders without faults all end consistent, with money conserved', () => {
    const orders = Array.from({ length: 1_000 }, (_, i) => order(`o${i}`, { at: i * 7, amount: 10 + (i % 90), walletBalance: i % 10 === 0 ? 5 : 1_000, tag: ['TagA', 'TagB', 'TagC'][i % 3] }));
    const { outcome, orders: summary } = run(orders, [], { tagSubscribers: false });
    expect(outcome.settled).toBe(true);
    for (const o of orders) {
      const s = summary.get(o.id)!;
      const investor = `inv-${o.id}`;
      const b = outcome.business[investor]!;
      const t = outcome.target[investor]!;
      if (o.walletBalance >= o.amount) expect(s).toMatchObject({ main: 'committed', message: 'consumed', targetPurchases: 1 });
      else expect(s).toMatchObject({ main: 'rolled_back', message: 'rolled_back', targetPurchases: 0 });
      expect(b.wallet + b.mmf - t.mmfRedeemed + t.target).toBe(o.walletBalance);
      expect(b.mmf - t.mmfRedeemed).toBe(0);
    }
  });
});
