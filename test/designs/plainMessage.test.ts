import { describe, expect, test } from 'vitest';
import { initialTransition, transition } from 'xstate';
import { createPlainMessageDesign, plainMessageDesign, plainMessageSendFirstDesign, plainOrderMachine, reconcilerMachine } from '../../designs/plainMessage.ts';
import { DEFAULT_TIMING, type DesignIo } from '../../designs/harness.ts';
import { actionTypes, O1, PURE_IO, spec } from './support.ts';

// The producer (role initiator = node `business`) commits o1's main transaction at 1000 ms and learns it at
// 1003 ms (dbMs); a crash at 1001 ms falls between the commit and the send.
const CRASH_BETWEEN_MAIN_TX_AND_SEND = { at: 1001, type: 'crash', node: 'business', restartAfterMs: 2000 } as const;

describe('plain message + reconciliation (普通消息+异步对账)', () => {
  test('normal path: main tx, send, purchase within milliseconds', () => {
    const m = plainMessageDesign.run(spec());
    expect(m.finalInconsistencies).toBe(0);
    expect(m.completedOrders).toBe(1);
    expect(m.longestWindowMs).toBeLessThan(50);
    expect(m.repairs).toBe(0);
    expect(m.settled).toBe(true);
  });

  test('a producer crash between main tx and send leaves o1 inconsistent until reconciliation re-sends', () => {
    const m = plainMessageDesign.run(spec([CRASH_BETWEEN_MAIN_TX_AND_SEND]));
    const o1 = m.details[0];
    expect(m.finalInconsistencies).toBe(0);
    expect(m.repairs).toBeGreaterThanOrEqual(1);
    expect(o1?.mainCommittedAtMs).toBe(1000);
    expect(o1?.healedLate).toBe(true);
    // The restart at 3001 ms rearms the 60 s job: the window spans about one reconciliation interval.
    expect(m.longestWindowMs).toBeGreaterThan(DEFAULT_TIMING.reconcileIntervalMs - 1000);
    expect(m.longestWindowMs).toBeLessThan(2 * DEFAULT_TIMING.reconcileIntervalMs);
  });

  test('with reconciliation off the same crash leaves o1 inconsistent for good', () => {
    const m = plainMessageDesign.run(spec([CRASH_BETWEEN_MAIN_TX_AND_SEND], { reconcileIntervalMs: 0, settleMs: 120_000 }));
    expect(m.finalInconsistencies).toBe(1);
    expect(m.details[0]).toMatchObject({ mainCommitted: true, targetPurchases: 0, consistent: false });
    expect(m.settled).toBe(false);
    expect(m.repairs).toBe(0);
  });

  test('a shorter reconciliation interval shortens the window', () => {
    const m = plainMessageDesign.run(spec([CRASH_BETWEEN_MAIN_TX_AND_SEND], { reconcileIntervalMs: 15_000 }));
    expect(m.finalInconsistencies).toBe(0);
    expect(m.longestWindowMs).toBeGreaterThan(10_000);
    expect(m.longestWindowMs).toBeLessThan(20_000);
  });

  test('send-first: a crash after the send buys the target without the main tx; reconciliation reverses it', () => {
    const repaired = plainMessageSendFirstDesign.run(spec([CRASH_BETWEEN_MAIN_TX_AND_SEND]));
    expect(repaired.finalInconsistencies).toBe(0);
    expect(repaired.details[0]).toMatchObject({ mainCommitted: false, targetPurchases: 0, healedLate: true });
    expect(repaired.negativeBalances).toBe(0);
    const broken = plainMessageSendFirstDesign.run(spec([CRASH_BETWEEN_MAIN_TX_AND_SEND], { reconcileIntervalMs: 0, settleMs: 120_000 }));
    expect(broken.finalInconsistencies).toBe(1);
    expect(broken.details[0]).toMatchObject({ mainCommitted: false, targetPurchases: 1 });
    // Bought with MMF that was never subscribed.
    expect(broken.negativeBalances).toBe(1);
  });

  test('send-first: a short wallet fails the main tx after the message left', () => {
    const m = plainMessageSendFirstDesign.run({ ...spec(), orders: [{ ...O1, walletBalance: 50 }] });
    expect(m.finalInconsistencies).toBe(0);
    expect(m.repairs).toBe(1);
    expect(m.longestWindowMs).toBeGreaterThan(DEFAULT_TIMING.reconcileIntervalMs - 1000);
  });

  test('a naive (non-idempotent) consumer buys twice on a duplicated delivery; the idempotent one does not', () => {
    const dup = [{ at: 0, type: 'duplicate', message: 'deliver' } as const];
    const naive = createPlainMessageDesign({ idempotentConsumer: false }).run(spec(dup));
    expect(naive.doublePurchases).toBe(1);
    expect(naive.finalInconsistencies).toBe(1);
    const idempotent = plainMessageDesign.run(spec(dup));
    expect(idempotent.doublePurchases).toBe(0);
    expect(idempotent.finalInconsistencies).toBe(0);
  });

  test('same spec, same trace hash', () => {
    const a = plainMessageDesign.run(spec([CRASH_BETWEEN_MAIN_TX_AND_SEND]));
    const b = plainMessageDesign.run(spec([CRASH_BETWEEN_MAIN_TX_AND_SEND]));
    expect(b.traceHash).toBe(a.traceHash);
    expect(b).toEqual(a);
  });
});

describe('plainOrderMachine (pure transitions)', () => {
  const input = { io: PURE_IO, order: 'o1', amount: 100 };

  test('main-first: main tx, then publish, retry on timeout, done on ack', () => {
    const [s0, a0] = initialTransition(plainOrderMachine, { ...input, sendFirst: false });
    expect(s0.value).toBe('mainTx');
    expect(actionTypes(a0)).toEqual(['runMainTx']);
    const [s1, a1] = transition(plainOrderMachine, s0, { type: 'mainResult', ok: true });
    expect(s1.value).toBe('publishing');
    expect(actionTypes(a1)).toEqual(['publish']);
    expect(a1.some((a) => a.type === 'xstate.raise')).toBe(true); // the publish timeout, with a fixed id
    const [s2] = transition(plainOrderMachine, s1, { type: 'xstate.after.publishTimeout.plain-order.publishing' } as never);
    expect(s2.value).toBe('publishing');
    expect(s2.context.attempts).toBe(2);
    const [s3, a3] = transition(plainOrderMachine, s2, { type: 'publishAck', order: 'o1', msgId: 'o1' });
    expect(s3.value).toBe('done');
    expect(s3.status).toBe('done');
    expect(a3).toContainEqual(expect.objectContaining({ type: 'outcome', params: { outcome: 'done' } }));
  });

  test('main-first: a refused main tx sends nothing', () => {
    const [s0] = initialTransition(plainOrderMachine, { ...input, sendFirst: false });
    const [s1, a1] = transition(plainOrderMachine, s0, { type: 'mainResult', ok: false });
    expect(s1.value).toBe('failed');
    expect(actionTypes(a1)).not.toContain('publish');
  });

  test('send-first: publish, then main tx on ack; a refused main tx ends in mainFailedAfterSend', () => {
    const [s0, a0] = initialTransition(plainOrderMachine, { ...input, sendFirst: true });
    expect(s0.value).toBe('publishing');
    expect(actionTypes(a0)).toEqual(['publish']);
    const [s1, a1] = transition(plainOrderMachine, s0, { type: 'publishAck', order: 'o1', msgId: 'o1' });
    expect(s1.value).toBe('mainTx');
    expect(actionTypes(a1)).toEqual(['runMainTx']);
    const [s2] = transition(plainOrderMachine, s1, { type: 'mainResult', ok: false });
    expect(s2.value).toBe('mainFailedAfterSend');
  });

  test('publish gives up after publishAttempts: main-first ends unsent', () => {
    let [s] = initialTransition(plainOrderMachine, { ...input, sendFirst: false });
    [s] = transition(plainOrderMachine, s, { type: 'mainResult', ok: true });
    for (let i = 0; i < DEFAULT_TIMING.publishAttempts; i++) {
      [s] = transition(plainOrderMachine, s, { type: 'xstate.after.publishTimeout.plain-order.publishing' } as never);
    }
    expect(s.value).toBe('unsent');
  });

  test('the reconciler is off when the interval is 0', () => {
    const off = { timing: { ...DEFAULT_TIMING, reconcileIntervalMs: 0 } } as unknown as DesignIo;
    expect(initialTransition(reconcilerMachine, { io: off })[0].value).toBe('off');
    const [s0] = initialTransition(reconcilerMachine, { io: PURE_IO });
    expect(s0.value).toBe('waiting');
    const [s1, a1] = transition(reconcilerMachine, s0, { type: 'xstate.after.interval.reconciler.waiting' } as never);
    expect(s1.value).toBe('querying');
    expect(actionTypes(a1)).toEqual(['query']);
    // A report from an older round is ignored.
    const [s2] = transition(reconcilerMachine, s1, { type: 'reconcileReport', round: 0, purchases: [] });
    expect(s2.value).toBe('querying');
    const [s3, a3] = transition(reconcilerMachine, s1, { type: 'reconcileReport', round: 1, purchases: [] });
    expect(s3.value).toBe('waiting');
    expect(actionTypes(a3)).toEqual(['repair']);
  });
});
