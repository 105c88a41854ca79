// Pure-transition tests: each machine's next state and the intents it hands out, through XState's
// initialTransition() / transition(), with no simulator and no actor.
import { describe, expect, test } from 'vitest';
import { assign, createActor, initialTransition, sendTo, setup, transition, type AnyEventObject } from 'xstate';
import { brokerMachine, retryDelayMs, topicQueue } from '../../model/broker.ts';
import { answerCheck, businessSystemMachine } from '../../model/businessSystem.ts';
import { consumerMachine } from '../../model/consumer.ts';
import { localTransactionMachine, transactionIdFor } from '../../model/localTransaction.ts';
import { operatorMachine } from '../../model/operator.ts';
import { transactionCenterMachine } from '../../model/transactionCenter.ts';
import { localTxRecord, runMainTransaction, openBusinessAccount } from '../../model/ledger.ts';
import { actionTypes, fakeEnv, order } from './fixtures.ts';
import { makeConfig } from '../../model/config.ts';

const ev = (e: Record<string, unknown> & { type: string }) => e as AnyEventObject as never;

describe('localTransaction', () => {
  const o1 = order('o1');

  test('sends the half message first, then retries to the next broker on timeout with the same id', () => {
    const { env, store } = fakeEnv('producer-1', { brokers: 2 }, [o1]);
    const [s0, a0] = initialTransition(localTransactionMachine, { env, db: store, order: o1, orderIndex: 0 });
    expect(s0.value).toBe('sendingHalf');
    expect(actionTypes(a0)).toContain('sendHalf');
    expect(s0.context.broker).toBe('broker-1');
    const [s1, a1] = transition(localTransactionMachine, s0, ev({ type: 'xstate.after.sendTimeout.localTransaction.sendingHalf' }));
    expect(s1.value).toBe('sendingHalf');
    expect(s1.context.attempt).toBe(2);
    expect(s1.context.broker).toBe('broker-2');
    expect(s1.context.txId).toBe(s0.context.txId);
    expect(actionTypes(a1)).toContain('sendHalf');
  });

  test('without unique ids each attempt gets a fresh transaction id', () => {
    expect(transactionIdFor('o1', 1, false)).not.toBe(transactionIdFor('o1', 2, false));
    expect(transactionIdFor('o1', 1, true)).toBe(transactionIdFor('o1', 2, true));
  });

  test('gives up after 1 + retryTimesWhenSendFailed attempts', () => {
    const { env, store } = fakeEnv('producer-1', { retryTimesWhenSendFailed: 1 }, [o1]);
    let [s] = initialTransition(localTransactionMachine, { env, db: store, order: o1, orderIndex: 0 });
    [s] = transition(localTransactionMachine, s, ev({ type: 'xstate.after.sendTimeout.localTransaction.sendingHalf' }));
    expect(s.value).toBe('sendingHalf');
    [s] = transition(localTransactionMachine, s, ev({ type: 'xstate.after.sendTimeout.localTransaction.sendingHalf' }));
    expect(s.value).toBe('sendFailed');
    expect(s.status).toBe('done');
  });

  test('SEND_OK runs the main transaction, then commit is sent', () => {
    const { env, store } = fakeEnv('producer-1', {}, [o1]);
    openBusinessAccount(store, 'inv-o1', 1_000);
    let [s] = initialTransition(localTransactionMachine, { env, db: store, order: o1, orderIndex: 0 });
    [s] = transition(localTransactionMachine, s, ev({ type: 'prepareAck', txId: s.context.txId, offset: 7, attempt: 1, from: 'broker-1' }));
    expect(s.value).toBe('executing');
    expect(s.context.offset).toBe(7);
    const [s2, a2] = transition(localTransactionMachine, s, ev({ type: 'xstate.after.localTx.localTransaction.executing' }));
    expect(s2.value).toBe('done');
    expect(s2.context.result).toBe('commit');
    expect(actionTypes(a2)).toContain('sendEndTransaction');
    expect(localTxRecord(store, 'o1')?.status).toBe('committed');
  });

  test('a short wallet rolls the main transaction back', () => {
    const poor = order('o2', { amount: 5_000, walletBalance: 100 });
    const { env, store } = fakeEnv('producer-1', {}, [poor]);
    openBusinessAccount(store, 'inv-o2', 100);
    let [s] = initialTransition(localTransactionMachine, { env, db: store, order: poor, orderIndex: 0 });
    [s] = transition(localTransactionMachine, s, ev({ type: 'prepareAck', txId: s.context.txId, offset: 0, attempt: 1, from: 'broker-1' }));
    [s] = transition(localTransactionMachine, s, ev({ type: 'xstate.after.localTx.localTransaction.executing' }));
    expect(s.context.result).toBe('rollback');
    expect(env.facts.of('client-response')[0]).toMatchObject({ ok: false, reason: 'insufficient-balance' });
  });
});

describe('businessSystem', () => {
  test('answers a check from the durable record, whichever instance holds it', () => {
    const o1 = order('o1');
    const { env, store } = fakeEnv('producer-2', {}, [o1]);
    openBusinessAccount(store, 'inv-o1', 1_000);
    expect(answerCheck(env, store, 'o1', 'tx-o1', false)).toBe('unknown');
    runMainTransaction(store, 'o1', 'tx-o1', 100, 0);
    expect(answerCheck(env, store, 'o1', 'tx-o1', false)).toBe('commit');
  });

  test('scripted check answers come first, and a scripted commit runs the main transaction', () => {
    const o1 = order('o1', { localTx: 'unknown', checkAnswers: ['unknown', 'commit'] });
    const { env, store } = fakeEnv('producer-1', {}, [o1]);
    openBusinessAccount(store, 'inv-o1', 1_000);
    expect(answerCheck(env, store, 'o1', 'tx-o1', false)).toBe('unknown');
    expect(answerCheck(env, store, 'o1', 'tx-o1', false)).toBe('commit');
    expect(localTxRecord(store, 'o1')?.status).toBe('committed');
  });

  test('a check is answered with a checkReply to the asking broker', () => {
    const { env, store, sent } = fakeEnv('producer-1', { checkAnswerWhenMissing: 'rollback' });
    const [s0] = initialTransition(businessSystemMachine, { env, db: store });
    const [, actions] = transition(businessSystemMachine, s0, ev({ type: 'check', txId: 'tx-o9', offset: 3, checkTimes: 1, from: 'broker-1', order: 'o9' }));
    expect(actionTypes(actions)).toContain('answerCheck');
    const act = actions.find((a) => a.type === 'answerCheck') as unknown as { exec?: (...args: unknown[]) => void };
    expect(act).toBeDefined();
    expect(sent).toHaveLength(0); // pure: nothing sent until the actor executes the action
  });

  test('placeOrder spawns one child per order and ignores a second placement', () => {
    const o1 = order('o1');
    const { env, store } = fakeEnv('producer-1', {}, [o1]);
    const [s0] = initialTransition(businessSystemMachine, { env, db: store });
    const [s1] = transition(businessSystemMachine, s0, ev({ type: 'placeOrder', order: o1, orderIndex: 0 }));
    expect(Object.keys(s1.children)).toEqual(['tx:o1']);
  });
});

describe('transactionCenter', () => {
  const prepare = (txId: string, order: string, bornMs = 0) =>
    ev({ type: 'prepare', from: 'producer-1', order, txId, attempt: 1, producerGroup: 'purchase-producers', topic: 't', tag: 'TagA', queue: 0, bornMs });

  test('a prepare stores an invisible half message, acknowledges with its offset and schedules a check round', () => {
    const { env, store, sent, clock } = fakeEnv('broker-1');
    const [s0, a0] = initialTransition(transactionCenterMachine, { env, store });
    expect(actionTypes(a0)).not.toContain('xstate.raise'); // nothing open: no round scheduled
    clock.now = 12_000;
    const [s1, actions] = transition(transactionCenterMachine, s0, prepare('tx-o1', 'o1'));
    expect(store.get('tc/half/0')).toMatchObject({ txId: 'tx-o1', checkTimes: 0 });
    expect(store.keys('m/')).toEqual([]); // invisible: nothing in any consumable queue
    expect(sent).toEqual([expect.objectContaining({ to: 'producer-1', type: 'prepareAck', payload: expect.objectContaining({ offset: 0 }) })]);
    const round = actions.find((a) => a.type === 'xstate.raise') as unknown as { params: { id: string; delay: number } };
    expect(round.params).toMatchObject({ id: 'checkRound', delay: 18_000 }); // the next 30 s boundary since boot
    expect(s1.context.roundArmed).toBe(true);
  });

  test('faithful mode appends a duplicated commit twice; idealized mode once', () => {
    for (const [mode, appends] of [['faithful', 2], ['idealized', 1]] as const) {
      const { env, store } = fakeEnv('broker-1', { transactionCenter: mode });
      store.set('tc/half/0', { offset: 0, txId: 'tx-o1', order: 'o1', producerGroup: 'purchase-producers', topic: 't', tag: '', queue: 0, bornMs: 0, checkTimes: 0, originalOffset: -1 });
      store.set('tc/next', 1);
      // A stand-in broker counts what the transaction center asks it to append.
      const parent = setup({ actors: { tc: transactionCenterMachine } }).createMachine({
        context: { appended: 0 },
        invoke: { src: 'tc', id: 'tc', input: { env, store } },
        on: {
          appendCommitted: { actions: assign({ appended: ({ context }) => context.appended + 1 }) },
          commit: { actions: sendTo('tc', ({ event }) => event) },
        },
      });
      const actor = createActor(parent).start();
      const commit = { type: 'commit', from: 'producer-1', order: 'o1', txId: 'tx-o1', offset: 0, producerGroup: 'purchase-producers', fromCheck: false };
      actor.send(commit);
      actor.send(commit);
      expect(actor.getSnapshot().context.appended, mode).toBe(appends);
      actor.stop();
    }
  });

  test('a commit for an unknown offset or the wrong producer group is rejected', () => {
    const { env, store } = fakeEnv('broker-1');
    store.set('tc/half/0', { offset: 0, txId: 'tx-o1', order: 'o1', producerGroup: 'purchase-producers', topic: 't', tag: '', queue: 0, bornMs: 0, checkTimes: 0, originalOffset: -1 });
    const [s] = initialTransition(transactionCenterMachine, { env, store });
    transition(transactionCenterMachine, s, ev({ type: 'commit', from: 'p', order: 'o1', txId: 'tx-o1', offset: 5, producerGroup: 'purchase-producers', fromCheck: false }));
    transition(transactionCenterMachine, s, ev({ type: 'commit', from: 'p', order: 'o1', txId: 'tx-o1', offset: 0, producerGroup: 'other', fromCheck: false }));
    expect(env.facts.of('end-tx-rejected').map((f) => f.reason)).toEqual(['half message not found', 'producer group wrong']);
  });

  test('a check round re-appends an old half message as a copy and parks it after checkMax checks', () => {
    const { env, store, clock } = fakeEnv('broker-1', { checkMax: 2 });
    store.set('tc/half/0', { offset: 0, txId: 'tx-o1', order: 'o1', producerGroup: 'purchase-producers', topic: 't', tag: '', queue: 0, bornMs: 0, checkTimes: 0, originalOffset: -1 });
    store.set('tc/next', 1);
    let [s] = initialTransition(transactionCenterMachine, { env, store });
    const round = 'checkRound';
    clock.now = 3_000; // younger than transactionTimeoutMs: no check yet
    [s] = transition(transactionCenterMachine, s, ev({ type: round }));
    expect(env.facts.of('check-sent')).toHaveLength(0);
    for (const t of [30_000, 60_000, 90_000]) {
      clock.now = t;
      [s] = transition(transactionCenterMachine, s, ev({ type: round }));
    }
    expect(env.facts.of('check-sent').map((f) => f.checkTimes)).toEqual([1, 2]);
    expect(env.facts.of('parked')).toHaveLength(1);
    expect(env.facts.of('alert')[0]).toMatchObject({ alert: 'check-max', order: 'o1' });
  });
});

describe('broker', () => {
  test('retry delays follow the delay levels from level 3, clamped at the last', () => {
    const config = makeConfig();
    expect([0, 1, 2, 15, 16, 30].map((n) => retryDelayMs(config, n))).toEqual([10_000, 30_000, 60_000, 7_200_000, 7_200_000, 7_200_000]);
  });

  test('a failed consumption schedules a retry; after maxReconsumeTimes it goes to the DLQ with an alert', () => {
    const { env, store } = fakeEnv('broker-1', { tagSubscribers: false, maxReconsumeTimes: 1 });
    const queue = topicQueue(0);
    store.set(`m/${queue}/0`, { txId: 'tx-o1', order: 'o1', tag: '', bornMs: 0, reconsumeTimes: 0, redriven: false });
    store.set(`qnext/${queue}`, 1);
    let [s] = initialTransition(brokerMachine, { env, store });
    [s] = transition(brokerMachine, s, ev({ type: 'consumeAck', from: 'consumer-1', order: 'o1', group: 'target-fund', queue, offset: 0, status: 'later' }));
    expect(env.facts.of('retry-scheduled')[0]).toMatchObject({ reconsumeTimes: 1, delayMs: 10_000 });
    const retry = store.get<{ id: number }>('sched/r/0');
    expect(retry).toBeDefined();
    [s] = transition(brokerMachine, s, ev({ type: 'retryDue', id: 0 }));
    [s] = transition(brokerMachine, s, ev({ type: 'consumeAck', from: 'consumer-1', order: 'o1', group: 'target-fund', queue: 'R:target-fund', offset: 0, status: 'later' }));
    expect(env.facts.of('dlq')).toHaveLength(1);
    expect(env.facts.of('alert')[0]).toMatchObject({ alert: 'dlq', order: 'o1' });
  });
});

describe('consumer', () => {
  test('a delivery is consumed after consumeMs through a delayed event with an explicit id', () => {
    const o1 = order('o1');
    const { env, store } = fakeEnv('consumer-1', {}, [o1]);
    const group = env.topology.groups[0]!;
    const [s0, a0] = initialTransition(consumerMachine, { env, group, subscription: '*', db: store });
    expect(actionTypes(a0)).toContain('register');
    const [s1, a1] = transition(consumerMachine, s0, ev({ type: 'deliver', from: 'broker-1', order: 'o1', group: 'target-fund', queue: 'T:0', offset: 0, txId: 'tx-o1', tag: '', reconsumeTimes: 0, redriven: false }));
    const raise = a1.find((a) => a.type === 'xstate.raise') as unknown as { params: { id: string; delay: number } };
    expect(raise.params.id).toBe('consume:0');
    expect(raise.params.delay).toBe(env.config.consumeMs);
    expect(s1.context.consuming.size).toBe(1);
  });

  test('a message for a tag the instance did not subscribe is acked without reaching the listener', () => {
    const { env, store, sent } = fakeEnv('ops', {});
    const group = env.topology.groups.find((g) => g.group === 'ops')!;
    const [s0] = initialTransition(consumerMachine, { env, group, subscription: 'TagA', db: store });
    transition(consumerMachine, s0, ev({ type: 'deliver', from: 'broker-1', order: 'o1', group: 'ops', queue: 'T:0', offset: 0, txId: 'tx-o1', tag: 'TagB', reconsumeTimes: 0, redriven: false }));
    expect(sent.map((s) => [s.type, s.payload.status])).toEqual([['consumeAck', 'success']]);
    expect(env.facts.of('delivered')).toHaveLength(0);
  });
});

describe('operator', () => {
  test('acts once per alert, after operatorRedriveAfterMs, by an event with an explicit id', () => {
    const { env } = fakeEnv('operator', { operatorRedriveAfterMs: 60_000 });
    const [s0] = initialTransition(operatorMachine, { env });
    const alert = ev({ type: 'alert', from: 'broker-1', order: 'o1', alert: 'dlq', group: 'target-fund' });
    const [s1, a1] = transition(operatorMachine, s0, alert);
    const raise = a1.find((a) => a.type === 'xstate.raise') as unknown as { params: { id: string; delay: number } };
    expect(raise.params).toMatchObject({ id: 'acted/dlq/o1', delay: 60_000 });
    const [, a2] = transition(operatorMachine, s1, alert);
    expect(a2.filter((a) => a.type === 'xstate.raise')).toHaveLength(0);
  });

  test('without an operator configured nothing is planned', () => {
    const { env } = fakeEnv('operator');
    const [s0] = initialTransition(operatorMachine, { env });
    const [, actions] = transition(operatorMachine, s0, ev({ type: 'alert', from: 'broker-1', order: 'o1', alert: 'dlq', group: 'g' }));
    expect(actions.filter((a) => a.type === 'xstate.raise')).toHaveLength(0);
  });
});
