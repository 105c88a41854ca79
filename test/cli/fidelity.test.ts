// Fidelity to RocketMQ (issue 13), scenario by scenario: each test writes a scenario file and runs it with
// `txsim run FILE --json` (the report users see), and reads the run's facts through the same path
// (parseScenario -> toRunSpec -> runAndCheck) where the report does not say enough. Each test names the RocketMQ
// source it follows (apache/rocketmq 5.3.x; ../shared/rocketmq-semantics.md).
import { describe, expect, test } from 'vitest';
import type { Fact } from '../../model/facts.ts';
import { runAndCheck } from '../../properties/runAndCheck.ts';
import { parseScenario } from '../../scenarios/load.ts';
import { toRunSpec } from '../../scenarios/toRunSpec.ts';
import { cli, writeTemp } from './support.ts';

interface ReportOrder {
  id: string;
  main: string;
  message: string;
  targetPurchases: number;
  deliveries: number;
  checks: number;
}

interface Report {
  ok: boolean;
  orders: ReportOrder[];
  dlq: string[];
  parked: string[];
  alerts: Array<{ kind: string; order: string; t: number }>;
  violations: Array<{ property: string; order?: string; detail: string }>;
  expectations: Array<{ what: string; met: boolean; actual?: string }>;
  config: Record<string, unknown>;
  settled: boolean;
  [field: string]: unknown;
}

/** Run a scenario object as a file through `txsim run --json`, and the same scenario's facts. */
async function run(scenario: Record<string, unknown>): Promise<{ report: Report; facts: readonly Fact[]; code: number; lostWrites: number }> {
  const file = writeTemp(`${String(scenario.name)}.json`, scenario);
  const r = await cli(['run', file, '--json']);
  if (r.stdout === '') throw new Error(`txsim run failed: ${r.stderr}`);
  const { outcome } = runAndCheck(toRunSpec(parseScenario(JSON.parse(JSON.stringify(scenario)))));
  return { report: JSON.parse(r.stdout) as Report, facts: outcome.facts, code: r.code, lostWrites: outcome.lostWrites };
}

const order = (id: string, extra: Record<string, unknown> = {}) => ({ id, amount: 100, walletBalance: 1000, ...extra });
const properties = (report: Report) => [...new Set(report.violations.map((v) => v.property))].sort();
const ofKind = <K extends Fact['kind']>(facts: readonly Fact[], kind: K) => facts.filter((f): f is Extract<Fact, { kind: K }> => f.kind === kind);

describe('point 7: the retry schedule', () => {
  // DefaultMQPushConsumerImpl.getMaxReconsumeTimes: `if (this.defaultMQPushConsumer.getMaxReconsumeTimes() == -1) return 16;`
  test('maxReconsumeTimes -1 means 16: 17 deliveries, then the DLQ', async () => {
    const { report } = await run({
      name: 'max-reconsume-minus-one',
      config: { tagSubscribers: false, maxReconsumeTimes: -1 },
      orders: [order('o1', { consumerFailures: 'always' })],
      expect: [{ order: 'o1', message: 'dlq', deliveries: 17, alert: 'dlq' }, { violation: 'atomicity' }],
    });
    expect(report.expectations.filter((e) => !e.met)).toEqual([]);
    expect(report.config.maxReconsumeTimes).toBe(16);
    expect(properties(report)).toEqual(['atomicity']);
  });

  // HookUtils.transformDelayLevelMessage: `if (msg.getDelayTimeLevel() > ...getMaxDelayLevel()) msg.setDelayTimeLevel(...getMaxDelayLevel());`
  test('a short delayLevelsMs table is legal: levels beyond it clamp to the last level', async () => {
    const { report, facts } = await run({
      name: 'short-delay-table',
      config: { tagSubscribers: false, delayLevelsMs: [1000, 2000] },
      orders: [order('o1', { consumerFailures: 3 })],
      expect: [{ order: 'o1', message: 'consumed', targetPurchases: 1, deliveries: 4 }, { noViolations: true }],
    });
    expect(report.ok).toBe(true);
    expect(ofKind(facts, 'retry-scheduled').map((f) => f.delayMs)).toEqual([2000, 2000, 2000]);
  });

  test('any legal maxReconsumeTimes reaches the DLQ without settleBoundMs: the default bound covers the capped schedule', async () => {
    // 100 retries: levels 3..18, then 84 more at the last level (2 h): about 172 h, far past the sum of the table.
    const { report } = await run({
      name: 'hundred-retries',
      config: { tagSubscribers: false, maxReconsumeTimes: 100 },
      orders: [order('o1', { consumerFailures: 'always' })],
      expect: [{ order: 'o1', message: 'dlq', deliveries: 101, alert: 'dlq' }, { violation: 'atomicity' }],
    });
    expect(report.expectations.filter((e) => !e.met)).toEqual([]);
    expect(report.settled).toBe(true);
    expect(properties(report)).toEqual(['atomicity']);
  });
});

describe('point 6: check limits', () => {
  // TransactionalMessageServiceImpl.needDiscard: with no TRANSACTION_CHECK_TIMES yet it sets 1 and does not discard;
  // only a present count `>= transactionCheckMax` discards.
  test('transactionCheckMax 0 still gives one check, then the message is parked', async () => {
    const { report } = await run({
      name: 'check-max-zero',
      config: { tagSubscribers: false, checkMax: 0 },
      orders: [order('o1', { localTx: 'unknown' })],
      expect: [{ order: 'o1', message: 'parked', checks: 1, alert: 'check-max' }],
    });
    expect(report.expectations.filter((e) => !e.met)).toEqual([]);
    expect(report.parked).toEqual(['o1']);
  });

  // TransactionalMessageServiceImpl.needSkip: `valueOfCurrentMinusBorn > fileReservedTime * 3600L * 1000` -> resolveDiscardMsg.
  test('a half message older than fileReservedTime is discarded without a check', async () => {
    const { report, facts } = await run({
      name: 'file-reserved-time',
      config: { tagSubscribers: false, fileReservedTimeMs: 45_000 },
      orders: [order('o1', { localTx: 'unknown' })],
      expect: [{ order: 'o1', message: 'parked', checks: 1, alert: 'check-max' }],
    });
    expect(report.expectations.filter((e) => !e.met)).toEqual([]);
    // Checked at 30 s (count 1 of 15), discarded at the 60 s round, long before transactionCheckMax.
    expect(ofKind(facts, 'parked').map((f) => [f.t, f.checkTimes])).toEqual([[60_000, 1]]);
  });

  // TransactionalMessageServiceImpl.check / checkPrepareQueueOffset: while `valueOfCurrentMinusBorn < checkImmunityTime`
  // the message is put back (putImmunityMsgBackToHalfQueue) with its count incremented by needDiscard, and no check is sent.
  test('CHECK_IMMUNITY_TIME_IN_SECONDS delays the first check and burns a count per round (apache/rocketmq#8311)', async () => {
    const { report, facts } = await run({
      name: 'check-immunity',
      config: { tagSubscribers: false },
      orders: [order('o1', { localTx: 'unknown', checkAnswers: ['commit'], checkImmunitySeconds: 100 })],
      expect: [{ order: 'o1', main: 'committed', message: 'consumed', targetPurchases: 1, checks: 1 }, { noViolations: true }],
    });
    expect(report.ok).toBe(true);
    // Rounds at 30, 60 and 90 s are immune; the 120 s round checks, with TRANSACTION_CHECK_TIMES already 4.
    expect(ofKind(facts, 'check-sent').map((f) => [f.t, f.checkTimes])).toEqual([[120_000, 4]]);
  });

  test('a long immunity window exhausts transactionCheckMax before any check is sent', async () => {
    const { report } = await run({
      name: 'check-immunity-exhausts',
      config: { tagSubscribers: false, checkMax: 3 },
      orders: [order('o1', { localTx: 'unknown', checkImmunitySeconds: 600 })],
      expect: [{ order: 'o1', message: 'parked', checks: 0, alert: 'check-max' }],
    });
    expect(report.expectations.filter((e) => !e.met)).toEqual([]);
  });

  // EndTransactionProcessor.rejectCommitOrRollback: not from a check, property set, and
  // `valueOfCurrentMinusBorn > checkImmunityTime` (max(seconds * 1000, transactionTimeOut)) -> ILLEGAL_OPERATION (604).
  test('with the property, a late producer commit is rejected (604) and the check commits instead', async () => {
    const late = { at: 0, type: 'delay', message: 'commit', order: 'o1', byMs: 15_000 };
    const { report, facts } = await run({
      name: 'late-commit-rejected',
      config: { tagSubscribers: false },
      orders: [order('o1', { checkImmunitySeconds: 10 })],
      faults: [late],
      expect: [{ order: 'o1', message: 'consumed', targetPurchases: 1, deliveries: 1, checks: 1 }, { noViolations: true }],
    });
    expect(report.ok).toBe(true);
    expect(ofKind(facts, 'end-tx-rejected').map((f) => f.reason)).toEqual(['ILLEGAL_OPERATION (604): later than the check immunity time, wait check']);
    // Without the property a late commit is never rejected.
    const plain = await run({ name: 'late-commit-accepted', config: { tagSubscribers: false }, orders: [order('o1')], faults: [late] });
    expect(plain.report.orders[0]).toMatchObject({ message: 'consumed', checks: 0 });
    expect(ofKind(plain.facts, 'end-tx-rejected')).toEqual([]);
  });

  // checkPrepareQueueOffset: an immune copy is resolved when its TRAN_PREPARED_QUEUE_OFFSET (the original) has an op.
  test('within the immunity window a commit of the original offset resolves the immune copies: delivered once', async () => {
    const { report } = await run({
      name: 'immune-copy-resolved',
      config: { tagSubscribers: false },
      orders: [order('o1', { checkImmunitySeconds: 100 })],
      faults: [{ at: 0, type: 'delay', message: 'commit', order: 'o1', byMs: 40_000 }],
      expect: [{ order: 'o1', message: 'consumed', targetPurchases: 1, deliveries: 1, checks: 0 }, { noViolations: true }],
    });
    expect(report.ok).toBe(true);
  });
});

describe('point 9: a message the target group filters out', () => {
  // ExpressionMessageFilter.isMatchedByConsumeQueue: an entry whose tag hash is not in the subscription is skipped and
  // the group's offset moves past it (rocketmq-semantics.md 3): not lost by the broker, not pending.
  test('is reported as filtered; atomicity says the money moved and nothing was bought', async () => {
    const { report, code } = await run({
      name: 'filtered-by-own-subscription',
      config: { tagSubscribers: false, groups: { 'target-fund': { subscription: 'TagA' } } },
      orders: [order('o1', { tag: 'TagB' }), order('o2', { tag: 'TagA', at: 5 })],
      expect: [
        { order: 'o1', main: 'committed', message: 'filtered', targetPurchases: 0, deliveries: 0 },
        { order: 'o2', message: 'consumed', targetPurchases: 1 },
        { order: 'o1', violation: 'atomicity' },
      ],
    });
    expect(report.expectations.filter((e) => !e.met)).toEqual([]);
    expect(properties(report)).toEqual(['atomicity']);
    expect(report.violations[0]?.detail).toContain("the target group's own subscription excludes its tag 'TagB'");
    expect(code).toBe(0);
  });

  test('a mixed subscription that loses a message another instance wants is still a loss, not filtered', async () => {
    const { report } = await run({
      name: 'mixed-still-lost',
      config: { tagSubscribers: false, consumerSubscriptions: ['TagA', 'TagB'] },
      orders: [order('o1', { tag: 'TagA' })],
    });
    expect(report.orders[0]?.message).toBe('pending');
    expect(properties(report)).toContain('no-loss');
  });
});

describe('point 4: async flush by dirty pages', () => {
  // CommitLog.FlushRealTimeService.run: every flushIntervalCommitLog (500 ms) `flush(flushPhysicQueueLeastPages)` (4
  // pages); when `currentTimeMillis >= lastFlushTimestamp + flushPhysicQueueThoroughInterval` (10 s) least pages = 0.
  const lowTraffic = (crashAt: number) => ({
    name: `async-flush-${crashAt}`,
    config: { tagSubscribers: false },
    orders: [order('o1')],
    faults: [
      { at: 0, type: 'drop', message: 'deliver', order: 'o1', count: 2 },
      { at: crashAt, type: 'crash', node: 'broker-1', kind: 'machine', restartAfterMs: 5000 },
    ],
  });

  test('at low traffic a machine crash 9 s after the commit still loses it: under 16 KB waits for the 10 s full flush', async () => {
    const lost = await run(lowTraffic(9_000));
    expect(lost.lostWrites).toBeGreaterThan(0);
    expect(lost.report.orders[0]).toMatchObject({ main: 'committed', targetPurchases: 0 });
    expect(properties(lost.report)).toContain('no-loss');
    const kept = await run(lowTraffic(10_500));
    expect(kept.lostWrites).toBe(0);
    expect(kept.report.orders[0]).toMatchObject({ main: 'committed', message: 'consumed', targetPurchases: 1 });
  });

  test('at high traffic 16 KB fill within one wake-up and are flushed 500 ms later', async () => {
    const burst = (config: Record<string, unknown>) => ({
      name: 'async-flush-burst',
      config: { tagSubscribers: false, ...config },
      orders: Array.from({ length: 40 }, (_, i) => order(`o${i}`)),
      faults: [{ at: 2_000, type: 'crash', node: 'broker-1', kind: 'machine', restartAfterMs: 1000 }],
    });
    expect((await run(burst({}))).lostWrites).toBe(0);
    // The same burst with a page threshold it never reaches waits for the 10 s full flush, and the crash loses it.
    expect((await run(burst({ flushLeastPages: 1000 }))).lostWrites).toBeGreaterThan(0);
  });
});

describe('points 1 and 10: check-backs reach registered producer channels; crash kinds', () => {
  // ProducerManager.getAvailableChannel: round-robin over the group's registered channels. A killed process closes its
  // connection (ClientHousekeepingService.onChannelClose -> doChannelCloseEvent removes it at once); a dead machine's
  // channel stays until scanNotActiveChannel finds it silent for CHANNEL_EXPIRED_TIMEOUT (120 s).
  const threeOfFourDown = (kind: string) => ({
    name: `three-of-four-${kind}`,
    config: { tagSubscribers: false, producers: 4, checkMax: 2 },
    orders: [order('o1', { producer: 0 })],
    faults: [
      { at: 0, type: 'drop', message: 'commit', order: 'o1' },
      ...[1, 2, 3].map((n) => ({ at: 30, type: 'crash', node: `producer-${n}`, kind, restartAfterMs: 3_600_000 })),
    ],
  });

  test('three killed processes of four: their channels are gone, the first check reaches the live instance', async () => {
    const { report, facts } = await run(threeOfFourDown('process'));
    expect(report.orders[0]).toMatchObject({ message: 'consumed', targetPurchases: 1, checks: 1 });
    expect(ofKind(facts, 'check-sent').map((f) => f.producer)).toEqual(['producer-4']);
  });

  test('three dead machines of four: their channels stay registered, checks go to them and are lost, the message is parked', async () => {
    const { report, facts } = await run(threeOfFourDown('machine'));
    expect(report.orders[0]).toMatchObject({ main: 'committed', message: 'parked', checks: 2 });
    expect(ofKind(facts, 'check-sent').map((f) => f.producer)).toEqual(['producer-1', 'producer-2']);
    expect(ofKind(facts, 'check-answered')).toEqual([]);
  });

  test("a dead machine's channel expires 120 s after its last heartbeat; later checks skip it", async () => {
    const { report, facts } = await run({
      name: 'channel-expiry',
      config: { tagSubscribers: false, producers: 2 },
      orders: [order('o1', { localTx: 'unknown', checkAnswers: ['unknown', 'unknown', 'unknown', 'unknown', 'unknown', 'commit'] })],
      faults: [{ at: 10, type: 'crash', node: 'producer-2', kind: 'machine', restartAfterMs: 3_600_000 }],
    });
    // Heartbeat at 0, silent from 10 ms: dropped by the housekeeping scan at 130 s. Until then every other check is lost.
    expect(ofKind(facts, 'check-sent').map((f) => [f.t / 1000, f.producer])).toEqual([
      [30, 'producer-1'],
      [60, 'producer-2'],
      [90, 'producer-1'],
      [120, 'producer-2'],
      [150, 'producer-1'],
      [180, 'producer-1'],
      [210, 'producer-1'],
      [240, 'producer-1'],
    ]);
    expect(report.orders[0]).toMatchObject({ message: 'consumed', targetPurchases: 1 });
  });
});

describe('point 2: a lost half-message SEND_OK', () => {
  // DefaultMQProducerImpl.sendDefaultImpl: `long costTime = beginTimestampPrev - beginTimestampFirst; if (timeout <
  // costTime) { callTimeout = true; break; }` and each attempt gets `timeout - costTime`: one sendMsgTimeout budget.
  const lostAck = (config: Record<string, unknown>) => ({
    name: 'lost-send-ok',
    config: { tagSubscribers: false, ...config },
    orders: [order('o1')],
    faults: [{ at: 0, type: 'drop', message: 'prepareAck', order: 'o1' }],
  });

  test('spends the whole budget: the send throws, executeLocalTransaction never runs, the check finds no local record', async () => {
    const { report, facts } = await run(lostAck({}));
    expect(ofKind(facts, 'half-sent')).toHaveLength(1);
    expect(ofKind(facts, 'half-send-failed').map((f) => f.t)).toEqual([3_000]);
    expect(ofKind(facts, 'main-committed')).toEqual([]);
    // The stored half message is checked; the answer comes from the missing record (checkAnswerWhenMissing: unknown).
    expect(report.orders[0]).toMatchObject({ main: 'rolled_back', message: 'parked', targetPurchases: 0, deliveries: 0, checks: 15 });
    expect(properties(report)).toEqual([]);
    const rollback = await run(lostAck({ checkAnswerWhenMissing: 'rollback' }));
    expect(rollback.report.orders[0]).toMatchObject({ main: 'rolled_back', message: 'rolled_back', checks: 1 });
  });

  test('with sendMsgMaxTimeoutPerRequest (5.3.3, opt-in) a retry fits in the budget and the order goes through once', async () => {
    const { report, facts } = await run(lostAck({ sendMsgMaxTimeoutPerRequestMs: 1_000 }));
    expect(ofKind(facts, 'half-sent').map((f) => f.t)).toEqual([0, 1_000]);
    expect(report.orders[0]).toMatchObject({ main: 'committed', message: 'consumed', targetPurchases: 1 });
  });
});

describe('point 5: batched op records', () => {
  // TransactionalMessageServiceImpl.deletePrepareMessage buffers "offset," for TransactionalOpBatchService, which writes
  // the op message every transactionOpBatchInterval (3 s), or sooner past transactionOpMsgMaxSize; check() only sees
  // written op messages (fillOpRemoveMap), so a round in between checks a committed message (apache/rocketmq#7933).
  const slowCommit = (config: Record<string, unknown>) => ({
    name: 'op-batch',
    config: { tagSubscribers: false, ...config },
    // The commit reaches the broker at about 27.5 s; its op would be written at about 30.5 s, after the 30 s round.
    orders: [order('o1', { localTxMs: 27_500 })],
  });

  test('a check round shortly after a commit does not see its op yet: the committed message is checked and committed again', async () => {
    const { report, facts } = await run(slowCommit({}));
    expect(report.orders[0]).toMatchObject({ message: 'consumed', targetPurchases: 1, deliveries: 2, checks: 1 });
    expect(ofKind(facts, 'committed')).toHaveLength(2);
    expect(properties(report)).toEqual([]);
  });

  test('with op records written at once (transactionOpBatchIntervalMs 0) the round sees the op and sends no check', async () => {
    const { report } = await run(slowCommit({ transactionOpBatchIntervalMs: 0 }));
    expect(report.orders[0]).toMatchObject({ message: 'consumed', deliveries: 1, checks: 0 });
  });
});

describe('point 8: several failing consumer groups, listener-chosen delay levels', () => {
  interface Group {
    group: string;
    maxReconsumeTimes: number;
    consumed: string[];
    dlq: string[];
    filtered: string[];
    pending: string[];
  }
  const group = (report: Report, name: string) => (report.groups as Group[]).find((g) => g.group === name);

  // AbstractSendMessageProcessor/SendMessageProcessor consumerSendMsgBack: maxReconsumeTimes comes from the request
  // (each group's consumer sends its own), `if (msgExt.getReconsumeTimes() >= maxReconsumeTimes || delayLevel < 0)`
  // -> the DLQ topic `%DLQ%` + group (MixAll.getDLQTopic); groups consume independently (CLUSTERING).
  test("each group retries with its own maxReconsumeTimes into its own DLQ; the report says per group what ended where", async () => {
    const { report, facts } = await run({
      name: 'two-groups-fail',
      config: {
        groups: { 'target-fund': { maxReconsumeTimes: 2 }, compliance: { maxReconsumeTimes: 1, failures: 'always' } },
      },
      orders: [order('o1', { tag: 'TagA', consumerFailures: 'always' }), order('o2', { tag: 'TagB', at: 5 })],
      expect: [
        { order: 'o1', message: 'dlq', deliveries: 3, alert: 'dlq' },
        { order: 'o2', message: 'consumed', targetPurchases: 1 },
        { order: 'o1', violation: 'atomicity' },
      ],
    });
    expect(report.expectations.filter((e) => !e.met)).toEqual([]);
    expect(properties(report)).toEqual(['atomicity']);
    expect(ofKind(facts, 'dlq').map((f) => [f.group, f.order, f.reconsumeTimes])).toEqual([
      ['compliance', 'o1', 1],
      ['target-fund', 'o1', 2],
    ]);
    expect(ofKind(facts, 'alert').map((a) => [a.alert, a.group, a.order])).toEqual([
      ['dlq', 'compliance', 'o1'],
      ['dlq', 'target-fund', 'o1'],
    ]);
    expect(group(report, 'target-fund')).toMatchObject({ maxReconsumeTimes: 2, consumed: ['o2'], dlq: ['o1'] });
    expect(group(report, 'compliance')).toMatchObject({ maxReconsumeTimes: 1, consumed: [], dlq: ['o1'], filtered: ['o2'] });
    expect(group(report, 'ops')).toMatchObject({ maxReconsumeTimes: 16, consumed: ['o1'], filtered: ['o2'] });
  });

  // ConsumeMessageConcurrentlyService.sendMessageBack(msg, context): `context.getDelayLevelWhenNextConsume()`; the
  // broker uses a positive level as is (`if (0 == delayLevel) delayLevel = 3 + reconsumeTimes`) and sends a
  // negative one straight to the DLQ.
  test('a listener chooses the next delay level; a negative level sends the message straight to the DLQ', async () => {
    const { report, facts } = await run({
      name: 'chosen-delay-levels',
      config: { tagSubscribers: false },
      orders: [order('o1', { consumerFailures: 'always', delayLevels: { 'target-fund': [1, 0, 30, -1] } })],
      expect: [{ order: 'o1', message: 'dlq', deliveries: 4, alert: 'dlq' }, { violation: 'atomicity' }],
    });
    expect(report.expectations.filter((e) => !e.met)).toEqual([]);
    // Level 1 (1 s), the broker's 3 + 1 (30 s), level 30 clamped to the last (2 h), then -1: the DLQ, after 4 deliveries.
    expect(ofKind(facts, 'retry-scheduled').map((f) => f.delayMs)).toEqual([1_000, 30_000, 7_200_000]);
    expect(ofKind(facts, 'dlq').map((f) => f.reconsumeTimes)).toEqual([3]);
    expect(properties(report)).toEqual(['atomicity']);
  });
});

describe('point 3: the push consumer acknowledges nothing per message', () => {
  // ProcessQueue.putMessage keeps an offset once and the pull offset only moves forward: a live consumer never
  // consumes what it consumed; success only moves its in-memory offset (ConsumeMessageConcurrentlyService.processConsumeResult).
  test('a lost answer does not make a live consumer consume the message again', async () => {
    const { report } = await run({
      name: 'lost-consume-answer',
      config: { tagSubscribers: false },
      orders: [order('o1')],
      faults: [{ at: 0, type: 'drop', message: 'consumeAck', order: 'o1' }],
      expect: [{ order: 'o1', message: 'consumed', targetPurchases: 1, deliveries: 1 }, { noViolations: true }],
    });
    expect(report.ok).toBe(true);
  });

  // sendMessageBack fails -> sendMessageBackAsNormalMessage to %RETRY%<group> with RECONSUME_TIME = reconsumeTimes + 1
  // (DefaultMQPushConsumerImpl), so the failure still counts toward maxReconsumeTimes.
  test('a lost send-back still counts toward maxReconsumeTimes', async () => {
    const { report, facts } = await run({
      name: 'lost-send-back',
      config: { tagSubscribers: false },
      orders: [order('o1', { consumerFailures: 2 })],
      faults: [{ at: 0, type: 'drop', message: 'consumeAck', order: 'o1' }],
      expect: [{ order: 'o1', message: 'consumed', targetPurchases: 1, deliveries: 3 }, { noViolations: true }],
    });
    expect(report.ok).toBe(true);
    expect(ofKind(facts, 'delivered').map((f) => f.reconsumeTimes)).toEqual([0, 1, 2]);
  });

  // MQClientInstance.startScheduledTask: persistAllConsumerOffset at a fixed rate, first 10 s after start, then every
  // persistConsumerOffsetInterval (5 s). A consumer that dies before the first tick is given the message again.
  const crashAt = (at: number) => ({
    name: `offset-tick-${at}`,
    config: { tagSubscribers: false },
    orders: [order('o1')],
    faults: [{ at, type: 'crash', node: 'consumer-2', kind: 'process', restartAfterMs: 1000 }],
  });

  test('offsets reach the broker on the persist ticks: first 10 s after the consumer starts', async () => {
    expect((await run(crashAt(7_000))).report.orders[0]).toMatchObject({ targetPurchases: 1, deliveries: 2 });
    expect((await run(crashAt(11_000))).report.orders[0]).toMatchObject({ targetPurchases: 1, deliveries: 1 });
  });

  // ConsumeMessageConcurrentlyService.cleanExpireMsg: a message consumed longer than consumeTimeout is sent back with
  // delay level 3 while the listener still runs; the copy is consumed again (apache/rocketmq#1600).
  test('a listener slower than consumeTimeout gets its message again while it still runs', async () => {
    const slow = (idempotentConsumer: boolean) => ({
      name: 'consume-timeout',
      // Every copy is as slow, so each times out too: after maxReconsumeTimes (1) the copy goes to the DLQ.
      config: { tagSubscribers: false, consumeMs: 1_000, consumeTimeoutMs: 500, maxReconsumeTimes: 1, idempotentConsumer },
      orders: [order('o1')],
    });
    const { report, facts } = await run(slow(true));
    expect(report.orders[0]).toMatchObject({ message: 'consumed', targetPurchases: 1, deliveries: 2 });
    expect(ofKind(facts, 'retry-scheduled').map((f) => f.delayMs)).toEqual([10_000]);
    expect(properties(report)).toEqual([]);
    const naive = await run(slow(false));
    expect(naive.report.orders[0]).toMatchObject({ targetPurchases: 2 });
    expect(properties(naive.report)).toEqual(['money-conserved', 'no-double-purchase']);
  });
});

describe('points 3 and 10: rebalance moves a dead consumer instance queues; crash kinds', () => {
  // RebalanceImpl (on a group change: ClientHousekeepingService.onChannelClose for a killed process at once, or
  // ConsumerManager.scanNotActiveChannel after CHANNEL_EXPIRED_TIMEOUT for a dead machine) reallocates the queues,
  // the retry queue included, over the live instances; the new owner consumes from the last persisted offset.
  const consumerDies = (kind: string) => ({
    name: `consumer-dies-${kind}`,
    config: { tagSubscribers: false },
    orders: [order('o1')],
    faults: [{ at: 1_000, type: 'crash', node: 'consumer-2', kind, restartAfterMs: 600_000 }],
    expect: [{ order: 'o1', message: 'consumed', targetPurchases: 1, deliveries: 2 }, { noViolations: true }],
  });

  test("a killed consumer process: its queue moves to the live instance at once, which consumes again from the persisted offset", async () => {
    const { report, facts } = await run(consumerDies('process'));
    expect(report.ok).toBe(true);
    expect(ofKind(facts, 'delivered').map((f) => [f.node, f.t < 2_000])).toEqual([
      ['consumer-2', true],
      ['consumer-1', true],
    ]);
  });

  test("a dead consumer machine keeps its queue until its channel expires (about 130 s), then the live instance takes it", async () => {
    const { report, facts } = await run(consumerDies('machine'));
    expect(report.ok).toBe(true);
    const second = ofKind(facts, 'delivered')[1];
    expect(second?.node).toBe('consumer-1');
    expect(second?.t).toBeGreaterThanOrEqual(130_000);
    expect(second?.t).toBeLessThan(131_000);
  });

  test('when every instance is down, the crashed owner acked but persisted nothing: the next owner consumes the message again', async () => {
    // consumer-2 is down from 500 ms; consumer-1 acks o1 (t ~ 30 ms after the commit) and crashes at 3 s, before its
    // first offset tick (10 s after it started). No instance is registered, so txsim allocates over all of them, but
    // a crashed owner's acked offsets were never persisted (RemoteBrokerOffsetStore lives in the dead process):
    // after consumer-1 restarts, o1 comes again from the persisted offset.
    const scenario = {
      name: 'all-consumers-down',
      config: { tagSubscribers: false },
      orders: [order('o1', { at: 1_000 })],
      faults: [
        { at: 500, type: 'crash', node: 'consumer-2', kind: 'process', restartAfterMs: 600_000 },
        { at: 3_000, type: 'crash', node: 'consumer-1', kind: 'process', restartAfterMs: 20_000 },
      ],
      expect: [{ order: 'o1', message: 'consumed', targetPurchases: 1, deliveries: 2 }, { noViolations: true }],
    };
    const { report, facts } = await run(scenario);
    expect(report.ok).toBe(true);
    expect(ofKind(facts, 'delivered').map((f) => [f.node, f.t > 23_000])).toEqual([
      ['consumer-1', false],
      ['consumer-1', true],
    ]);
  });
});
