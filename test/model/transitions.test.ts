// Pure-transition tests: each machine's transitions through XState's initialTransition() / transition(), with no
// simulator, no actor and no world. Each test asserts the next state and the effects as data (the named effect
// actions with their params, model/effects.ts) and the built-in actions (timers, sends to children). Every env is
// sealed before the first transition (test/model/fixtures.ts pureEnv): a send, record, store write, fact or script
// step made while resolving would throw, so each test also proves its transition pure.
import { describe, expect, test } from 'vitest';
import { initialTransition, transition, type AnyEventObject } from 'xstate';
import { brokerMachine, retryDelayMs, topicQueue } from '../../model/broker.ts';
import type { DeliveryEdits, DeliveryTable } from '../../model/deliveryDraft.ts';
import { answerCheck, businessSystemMachine } from '../../model/businessSystem.ts';
import { BUSINESS_TOPIC, makeConfig } from '../../model/config.ts';
import { consumerMachine } from '../../model/consumer.ts';
import { Outbox } from '../../model/effects.ts';
import type { HalfEntry, StoredMessage } from '../../model/halfMessage.ts';
import { openBusinessAccount, runMainTransaction } from '../../model/ledger.ts';
import { localTransactionMachine, queueFor, transactionIdFor } from '../../model/localTransaction.ts';
import { interventionMachine } from '../../model/intervention.ts';
import { operatorMachine } from '../../model/operator.ts';
import { CHECK_ROUND_TIMER, transactionCenterMachine } from '../../model/transactionCenter.ts';
import { builtinsOf, effectsOf, order, pureEnv } from './fixtures.ts';

const ev = (e: Record<string, unknown> & { type: string }) => e as AnyEventObject as never;
const fact = (f: Record<string, unknown>) => ({ type: 'fact', params: { fact: f } });
const send = (to: string, message: Record<string, unknown>, order?: string, response?: boolean) => ({ type: 'send', params: { to, message, order, response } });
const persist = (key: string, value: unknown, store: 'node' | 'db' = 'node') => ({ type: 'persist', params: { store, key, value } });
const forget = (key: string, store: 'node' | 'db' = 'node') => ({ type: 'forget', params: { store, key } });
const record = (kind: string, input: Record<string, unknown>) => ({ type: 'record', params: { kind, input } });

describe('localTransaction', () => {
  const o1 = order('o1', { tag: 'TagA' });
  const txId = transactionIdFor('o1', 1, true);
  const prepare = (attempt: number, bornMs = 0) => ({
    type: 'prepare', txId, attempt, producerGroup: 'purchase-producers', topic: BUSINESS_TOPIC, tag: 'TagA', queue: queueFor(txId, 4), bornMs,
  });
  const start = (config = {}, spec = o1) => {
    const fixture = pureEnv('producer-1', { brokers: 2, ...config }, [spec]);
    openBusinessAccount(fixture.db, `inv-${spec.id}`, spec.walletBalance);
    fixture.seal();
    return { ...fixture, init: initialTransition(localTransactionMachine, { env: fixture.env, db: fixture.db, order: spec, orderIndex: 0 }) };
  };
  const sendTimeout = ev({ type: 'xstate.after.sendTimeout.localTransaction.sendingHalf' });
  const localTxDone = ev({ type: 'xstate.after.localTx.localTransaction.executing' });
  const ack = ev({ type: 'prepareAck', txId, offset: 7, attempt: 1, status: 'SEND_OK', from: 'broker-1', order: 'o1' });

  test('start: the half message goes to the first broker', () => {
    const { init: [s0, actions] } = start();
    expect(s0.value).toBe('sendingHalf');
    expect(effectsOf(actions)).toEqual([
      send('broker-1', prepare(1), 'o1'),
    ]);
  });

  test('sendTimeout with the sendMsgTimeout budget spent: no retry, the send failed (DefaultMQProducerImpl.sendDefaultImpl)', () => {
    const { init: [s0], clock } = start();
    clock.now = 3_000;
    const [s1] = transition(localTransactionMachine, s0, sendTimeout);
    expect(s1.value).toBe('sendFailed');
  });

  test('sendTimeout with retries and budget left (sendMsgMaxTimeoutPerRequest): the same transaction id goes to the next broker', () => {
    const { init: [s0], clock } = start({ sendMsgMaxTimeoutPerRequestMs: 1_000, sendMsgTimeoutMs: 6_000 });
    clock.now = 3_000;
    const [s1, actions] = transition(localTransactionMachine, s0, sendTimeout);
    expect(s1.value).toBe('sendingHalf');
    expect(s1.context).toMatchObject({ attempt: 2, broker: 'broker-2', txId });
    expect(effectsOf(actions)).toEqual([
      send('broker-2', prepare(2, 3_000), 'o1'),
    ]);
  });

  test('without unique ids each attempt gets a fresh transaction id', () => {
    expect(transactionIdFor('o1', 1, false)).not.toBe(transactionIdFor('o1', 2, false));
    expect(transactionIdFor('o1', 1, true)).toBe(transactionIdFor('o1', 2, true));
  });

  test('sendTimeout with no retry left: the send failed, the client is told', () => {
    const { init: [s0] } = start({ retryTimesWhenSendFailed: 0 });
    const [s1, actions] = transition(localTransactionMachine, s0, sendTimeout);
    expect(s1.value).toBe('sendFailed');
    expect(s1.status).toBe('done');
    expect(effectsOf(actions)).toEqual([
      { type: 'reply', params: { order: 'o1', ok: false, reason: 'send-failed' } },
    ]);
  });

  test('prepareAck (SEND_OK): the local transaction starts, remembering the half offset and the broker', () => {
    const { init: [s0] } = start();
    const [s1, actions] = transition(localTransactionMachine, s0, ack);
    expect(s1.value).toBe('executing');
    expect(s1.context).toMatchObject({ offset: 7, broker: 'broker-1' });
    expect(effectsOf(actions)).toEqual([]);
  });

  test('localTx done (commit): the main transaction is written, then COMMIT is sent', () => {
    const { init: [s0], db } = start();
    const [s1] = transition(localTransactionMachine, s0, ack);
    const [s2, actions] = transition(localTransactionMachine, s1, localTxDone);
    expect(s2.value).toBe('done');
    expect(s2.context.result).toBe('commit');
    expect(effectsOf(actions)).toEqual([
      persist('acct/inv-o1', { wallet: 900, mmf: 100 }, 'db'),
      persist('tx/o1', { status: 'committed', txId, amount: 100, at: 0 }, 'db'),
      { type: 'reply', params: { order: 'o1', ok: true, reason: 'accepted' } },
      send('broker-1', { type: 'commit', txId, offset: 7, producerGroup: 'purchase-producers', fromCheck: false }, 'o1'),
    ]);
    expect(db.get('tx/o1')).toBeUndefined(); // data only: nothing written
  });

  test('localTx done with a short wallet: rolled back, ROLLBACK sent', () => {
    const poor = order('o1', { amount: 5_000, walletBalance: 100 });
    const { init: [s0] } = start({}, poor);
    const [s1] = transition(localTransactionMachine, s0, ack);
    const [s2, actions] = transition(localTransactionMachine, s1, localTxDone);
    expect(s2.context.result).toBe('rollback');
    expect(effectsOf(actions)).toEqual([
      persist('tx/o1', { status: 'rolled_back', txId, reason: 'insufficient-balance', at: 0 }, 'db'),
      { type: 'reply', params: { order: 'o1', ok: false, reason: 'insufficient-balance' } },
      send('broker-1', { type: 'rollback', txId, offset: 7, producerGroup: 'purchase-producers', fromCheck: false }, 'o1'),
    ]);
  });

  test('localTx done (business rollback): the record says why, ROLLBACK sent', () => {
    const { init: [s0] } = start({}, order('o1', { tag: 'TagA', localTx: 'rollback' }));
    const [s1] = transition(localTransactionMachine, s0, ack);
    const [, actions] = transition(localTransactionMachine, s1, localTxDone);
    expect(effectsOf(actions)).toEqual([
      persist('tx/o1', { status: 'rolled_back', txId, reason: 'business-rollback', at: 0 }, 'db'),
      send('broker-1', { type: 'rollback', txId, offset: 7, producerGroup: 'purchase-producers', fromCheck: false }, 'o1'),
    ]);
  });

  test('localTx done (unknown): the record says unknown and nothing is sent (UNKNOW changes nothing at the broker)', () => {
    const { init: [s0] } = start({}, order('o1', { tag: 'TagA', localTx: 'unknown' }));
    const [s1] = transition(localTransactionMachine, s0, ack);
    const [s2, actions] = transition(localTransactionMachine, s1, localTxDone);
    expect(s2.value).toBe('done');
    expect(effectsOf(actions)).toEqual([
      persist('tx/o1', { status: 'unknown', txId, at: 0 }, 'db'),
      fact({ t: 0, kind: 'end-tx', order: 'o1', node: 'producer-1', txId, action: 'unknown', fromCheck: false }),
    ]);
  });

  test('localTx done (throw): nothing written, nothing sent', () => {
    const { init: [s0] } = start({}, order('o1', { tag: 'TagA', localTx: 'throw' }));
    const [s1] = transition(localTransactionMachine, s0, ack);
    const [, actions] = transition(localTransactionMachine, s1, localTxDone);
    expect(effectsOf(actions).map((e) => e.type)).toEqual(['fact']);
  });
});

describe('businessSystem', () => {
  const check = (order: string) => ev({ type: 'check', txId: `tx-${order}`, offset: 3, checkTimes: 1, producerGroup: 'purchase-producers', from: 'broker-1', order });
  const reply = (order: string, action: string) => send('broker-1', { type: 'checkReply', txId: `tx-${order}`, offset: 3, action, producerGroup: 'purchase-producers', fromCheck: true }, order);
  const start = (config = {}, orders = [order('o1')]) => {
    const fixture = pureEnv('producer-2', config, orders);
    for (const o of orders) openBusinessAccount(fixture.db, `inv-${o.id}`, o.walletBalance);
    return fixture;
  };

  test('placeOrder: one localTransaction child per order; a second placement of the same order is ignored', () => {
    const o1 = order('o1');
    const { env, db, seal } = start();
    seal();
    const [s0] = initialTransition(businessSystemMachine, { env, db });
    const [s1, actions] = transition(businessSystemMachine, s0, ev({ type: 'placeOrder', order: o1, orderIndex: 0 }));
    expect(Object.keys(s1.children)).toEqual(['tx:o1']);
    expect(effectsOf(actions)).toEqual([]); // order-placed is observed at the client request, not claimed
    expect([...s1.context.orders]).toEqual([['o1', 'sending']]);
    expect(builtinsOf(actions).map((a) => a.type)).toEqual(['xstate.spawnChild']);
    const [s2, again] = transition(businessSystemMachine, s1, ev({ type: 'placeOrder', order: o1, orderIndex: 0 }));
    expect(Object.keys(s2.children)).toEqual(['tx:o1']);
    expect(again).toEqual([]);
  });

  test('prepareAck: forwarded to the order\'s child', () => {
    const { env, db, seal } = start();
    seal();
    const [s0] = initialTransition(businessSystemMachine, { env, db });
    const [s1] = transition(businessSystemMachine, s0, ev({ type: 'placeOrder', order: order('o1'), orderIndex: 0 }));
    const [, actions] = transition(businessSystemMachine, s1, ev({ type: 'prepareAck', txId: 'tx-o1', offset: 0, attempt: 1, status: 'SEND_OK', from: 'broker-1', order: 'o1' }));
    expect(builtinsOf(actions)).toEqual([{ type: 'xstate.sendTo', params: expect.objectContaining({ targetId: 'tx:o1' }) }]);
    expect(effectsOf(actions)).toEqual([]);
  });

  test('check with no record and nothing running here: the configured answer goes back', () => {
    const { env, db, seal } = start({ checkAnswerWhenMissing: 'rollback' }, []);
    seal();
    const [s0] = initialTransition(businessSystemMachine, { env, db });
    const [, actions] = transition(businessSystemMachine, s0, check('o9'));
    expect(effectsOf(actions)).toEqual([
      reply('o9', 'rollback'),
    ]);
  });

  test('check of an order another instance committed: answered from the shared record', () => {
    const { env, db, seal } = start();
    runMainTransaction(db, 'o1', 'tx-o1', 100, 0);
    seal();
    const [s0] = initialTransition(businessSystemMachine, { env, db });
    const [, actions] = transition(businessSystemMachine, s0, check('o1'));
    expect(effectsOf(actions).at(-1)).toEqual(reply('o1', 'commit'));
  });

  test('check with a scripted commit: the script moves on, the main transaction completes, commit goes back', () => {
    const { env, db, seal } = start({}, [order('o1', { localTx: 'unknown', checkAnswers: ['commit'] })]);
    seal();
    const [s0] = initialTransition(businessSystemMachine, { env, db });
    const [, actions] = transition(businessSystemMachine, s0, check('o1'));
    expect(effectsOf(actions)).toEqual([
      { type: 'script', params: { order: 'o1', step: 'checkAnswer' } },
      persist('acct/inv-o1', { wallet: 900, mmf: 100 }, 'db'),
      persist('tx/o1', { status: 'committed', txId: 'tx-o1', amount: 100, at: 0 }, 'db'),
      reply('o1', 'commit'),
    ]);
  });

  test('answerCheck: a scripted rollback writes the record; a scripted throw answers unknown', () => {
    for (const [scripted, answer, writes] of [['rollback', 'rollback', 1], ['throw', 'unknown', 0]] as const) {
      const { env, seal } = start({}, [order('o1', { checkAnswers: [scripted] })]);
      seal();
      const out = new Outbox(undefined, { env, db: pureEnv('x').db });
      expect(answerCheck(env, out, 'o1', 'tx-o1', false)).toBe(answer);
      expect(out.effects.filter((e) => e.type === 'persist')).toHaveLength(writes);
    }
  });
});

describe('transactionCenter', () => {
  // Without its broker (the parent) the append request stays a named action: data, like the effects.
  const standalone = transactionCenterMachine.provide({ actions: { appendCommitted: () => {} } });
  const half = (offset: number, overrides: Partial<HalfEntry> = {}): HalfEntry => ({
    offset, txId: 'tx-o1', order: 'o1', producerGroup: 'purchase-producers', topic: 't', tag: 'TagA', queue: 0, bornMs: 0, checkTimes: 0, originalOffset: -1, ...overrides,
  });
  const seeded = (config = {}, entries: HalfEntry[] = [half(0)]) => {
    const fixture = pureEnv('broker-1', config);
    for (const entry of entries) fixture.store.set(`tc/half/${entry.offset}`, entry);
    if (entries.length > 0) fixture.store.set('tc/next', entries.length);
    fixture.seal();
    const [s0, initial] = initialTransition(standalone, { env: fixture.env, store: fixture.store });
    return { ...fixture, s0, initial };
  };
  const end = (type: string, offset = 0, producerGroup = 'purchase-producers') =>
    ev({ type, from: 'producer-1', order: 'o1', txId: 'tx-o1', offset, producerGroup, fromCheck: false });

  const roundTimer = (delay: number) => ({ type: 'xstate.raise', params: expect.objectContaining({ id: CHECK_ROUND_TIMER, delay }) });
  const prepareO1 = ev({ type: 'prepare', from: 'producer-1', order: 'o1', txId: 'tx-o1', attempt: 1, producerGroup: 'purchase-producers', topic: 't', tag: 'TagA', queue: 0, bornMs: 12_000 });

  test('starting, nothing open: the half queue is read, the check service goes idle, no round is scheduled', () => {
    const { initial, s0 } = seeded({}, []);
    expect(s0.value).toBe('idle');
    expect(s0.context.halfOpen).toBe(false);
    expect(builtinsOf(initial)).toEqual([]);
  });

  test('starting with an open half message (a restarted broker): waiting for a round at the next checkIntervalMs', () => {
    const { initial, s0 } = seeded();
    expect(s0.value).toBe('waiting');
    expect(s0.context.halfOpen).toBe(true);
    expect(builtinsOf(initial)).toEqual([roundTimer(30_000)]);
  });

  test('prepare while idle: an invisible half message is stored, acknowledged with its offset, and the wait for a round starts', () => {
    const { s0, clock } = seeded({}, []);
    clock.now = 12_000;
    const [s1, actions] = transition(standalone, s0, prepareO1);
    const stored = half(0, { bornMs: 12_000 });
    expect(effectsOf(actions)).toEqual([
      persist('tc/half/0', stored),
      persist('tc/next', 1),
      record('HALF_STORED', { order: 'o1', detail: 'tx-o1', value: 0 }),
      send('producer-1', { type: 'prepareAck', txId: 'tx-o1', offset: 0, attempt: 1, status: 'SEND_OK' }, 'o1', true),
    ]);
    expect(builtinsOf(actions)).toEqual([roundTimer(18_000)]);
    expect(s1.value).toBe('waiting');
  });

  test('prepare while waiting: stored and acknowledged; the round already scheduled stays the only one', () => {
    const { s0, clock } = seeded();
    clock.now = 12_000;
    const [s1, actions] = transition(standalone, s0, prepareO1);
    expect(effectsOf(actions).map((e) => e.type)).toEqual(['persist', 'persist', 'record', 'send']);
    expect(builtinsOf(actions)).toEqual([]);
    expect(s1.value).toBe('waiting');
  });

  test('commit: the broker is asked to append the message, and an op record resolves the half message', () => {
    const { s0 } = seeded({ transactionOpBatchIntervalMs: 0 });
    const [, actions] = transition(standalone, s0, end('commit'));
    expect(actions.map((a) => ({ type: a.type, params: a.params }))).toEqual([
      { type: 'appendCommitted', params: { entry: half(0) } },
      { type: 'effects', params: [persist('tc/op/0', 'commit')] },
    ]);
  });

  test('commit with op batching (transactionOpBatchInterval): the op is buffered and written by the batch', () => {
    const { s0 } = seeded();
    const [s1, actions] = transition(standalone, s0, end('commit'));
    expect(effectsOf(actions)).toEqual([]);
    expect(builtinsOf(actions)).toEqual([{ type: 'xstate.raise', params: expect.objectContaining({ id: 'flushOps', delay: 3_000 }) }]);
    expect(s1.context.opBuffer).toEqual([{ offset: 0, action: 'commit' }]);
    const [s2, flushed] = transition(standalone, s1, ev({ type: 'flushOps' }));
    expect(effectsOf(flushed)).toEqual([persist('tc/op/0', 'commit')]);
    expect(s2.context).toMatchObject({ opBuffer: [], opFlushArmed: false });
  });

  test('rollback: an op record, no append', () => {
    const { s0 } = seeded({ transactionOpBatchIntervalMs: 0 });
    const [, actions] = transition(standalone, s0, end('rollback'));
    expect(builtinsOf(actions)).toEqual([]);
    expect(effectsOf(actions)).toEqual([
      record('ROLLED_BACK', { order: 'o1', detail: 'tx-o1', value: 0 }),
      persist('tc/op/0', 'rollback'),
    ]);
  });

  test('checkReply unknown: nothing happens', () => {
    const { s0 } = seeded();
    const [, actions] = transition(standalone, s0, ev({ type: 'checkReply', from: 'producer-1', order: 'o1', txId: 'tx-o1', offset: 0, action: 'unknown', producerGroup: 'purchase-producers', fromCheck: true }));
    expect(actions).toEqual([]);
  });

  test('commit of an unknown offset or from the wrong producer group: rejected', () => {
    const { s0 } = seeded();
    const [, a1] = transition(standalone, s0, end('commit', 5));
    const [, a2] = transition(standalone, s0, end('commit', 0, 'other'));
    expect([...effectsOf(a1), ...effectsOf(a2)]).toEqual([
      fact({ t: 0, kind: 'end-tx-rejected', order: 'o1', node: 'broker-1', reason: 'half message not found' }),
      fact({ t: 0, kind: 'end-tx-rejected', order: 'o1', node: 'broker-1', reason: 'producer group wrong' }),
    ]);
  });

  test('idealized mode: the first resolution is remembered, a second is rejected', () => {
    const first = seeded({ transactionCenter: 'idealized', transactionOpBatchIntervalMs: 0 });
    const [, a1] = transition(standalone, first.s0, end('commit'));
    expect(effectsOf(a1)).toEqual([persist('tc/resolved/tx-o1', 'commit'), persist('tc/op/0', 'commit')]);
    const again = pureEnv('broker-1', { transactionCenter: 'idealized' });
    again.store.set('tc/half/0', half(0));
    again.store.set('tc/next', 1);
    again.store.set('tc/resolved/tx-o1', 'commit');
    again.seal();
    const [s0] = initialTransition(standalone, { env: again.env, store: again.store });
    const [, a2] = transition(standalone, s0, end('commit'));
    expect(effectsOf(a2)).toEqual([fact({ t: 0, kind: 'end-tx-rejected', order: 'o1', node: 'broker-1', reason: 'already resolved (idealized)' })]);
  });

  test('round timer before transactionTimeoutMs: checking, no check, progress stays, waiting for the next round', () => {
    const { s0, clock } = seeded();
    clock.now = 3_000;
    const [s1, actions] = transition(standalone, s0, ev({ type: CHECK_ROUND_TIMER }));
    expect(effectsOf(actions)).toEqual([persist('tc/progress', 0)]);
    expect(builtinsOf(actions)).toEqual([roundTimer(27_000)]);
    expect(s1.value).toBe('waiting');
  });

  test('round timer after transactionTimeoutMs: a copy with checkTimes + 1, a check to the next producer; the copy keeps it waiting', () => {
    const { s0, clock } = seeded();
    clock.now = 30_000;
    const [s1, actions] = transition(standalone, s0, ev({ type: CHECK_ROUND_TIMER }));
    expect(effectsOf(actions)).toEqual([
      persist('tc/half/1', half(1, { checkTimes: 1, originalOffset: 0 })),
      persist('tc/next', 2),
      send('producer-1', { type: 'check', txId: 'tx-o1', offset: 1, checkTimes: 1, producerGroup: 'purchase-producers' }, 'o1'),
      persist('tc/progress', 1),
    ]);
    expect(s1.context.checkCursor).toBe(1);
    expect(s1.value).toBe('waiting');
  });

  test('round timer, a half message checked checkMax times: parked, alert raised, operator told; nothing open, idle', () => {
    const { s0, clock } = seeded({ checkMax: 2 }, [half(0, { checkTimes: 2 })]);
    clock.now = 30_000;
    const [s1, actions] = transition(standalone, s0, ev({ type: CHECK_ROUND_TIMER }));
    expect(effectsOf(actions)).toEqual([
      persist('tc/parked/o1/0', half(0, { checkTimes: 2 })),
      record('PARKED', { order: 'o1', detail: 'TRANS_CHECK_MAX_TIME_TOPIC', value: 2 }),
      send('operator', { type: 'alert', alert: 'check-max', group: 'purchase-producers' }, 'o1'),
      persist('tc/progress', 1),
    ]);
    expect(builtinsOf(actions)).toEqual([]);
    expect(s1.context.halfOpen).toBe(false);
    expect(s1.value).toBe('idle');
  });

  test('resume while idle: the parked half message is re-appended with checkTimes 0, and the wait for a round starts', () => {
    const fixture = pureEnv('broker-1');
    fixture.store.set('tc/parked/o1/0', half(0, { checkTimes: 15 }));
    fixture.store.set('tc/next', 1);
    fixture.store.set('tc/op/0', true);
    fixture.seal();
    const [s0] = initialTransition(standalone, { env: fixture.env, store: fixture.store });
    expect(s0.value).toBe('idle');
    const [s1, actions] = transition(standalone, s0, ev({ type: 'resume', from: 'operator', order: 'o1' }));
    expect(effectsOf(actions)).toEqual([
      forget('tc/parked/o1/0'),
      persist('tc/half/1', half(1, { checkTimes: 0 })),
      persist('tc/next', 2),
      record('RESUMED', { order: 'o1' }),
    ]);
    expect(builtinsOf(actions)).toEqual([roundTimer(30_000)]);
    expect(s1.value).toBe('waiting');
  });
});

describe('broker', () => {
  /**
   * Play the host between two transitions: the delivery edits a transition returns as data (`applyDeliveryEdits`)
   * run on the snapshot's table, as a running actor runs them in its macrostep.
   */
  const hosted = <S extends { context: { delivery: DeliveryTable } }>(snapshot: S, actions: ReadonlyArray<{ type: string; params?: unknown }>): S => {
    for (const a of actions) if (a.type === 'applyDeliveryEdits') snapshot.context.delivery.apply(a.params as DeliveryEdits);
    return snapshot;
  };
  const message = (overrides: Partial<StoredMessage> = {}): StoredMessage => ({ txId: 'tx-o1', order: 'o1', tag: '', bornMs: 0, reconsumeTimes: 0, redriven: false, ...overrides });
  const deliver = (queue: string, offset: number, m: StoredMessage = message()) =>
    send('consumer-1', { type: 'deliver', group: 'target-fund', queue, offset, txId: m.txId, tag: m.tag, reconsumeTimes: m.reconsumeTimes, redriven: m.redriven }, m.order);
  const redeliverTimer = (queue: string, offset: number) => [
    { type: 'xstate.cancel', params: { sendId: `redeliver:target-fund:${queue}:${offset}` } },
    { type: 'xstate.raise', params: expect.objectContaining({ id: `redeliver:target-fund:${queue}:${offset}`, delay: 30_000 }) },
  ];
  const queue = topicQueue(0);
  /** A broker store with one message on T:0 (delivered at boot to consumer-1), and the booted machine. */
  const booted = (config = {}, seed: (store: import('../../sim/durableStore.ts').DurableStore) => void = () => {}) => {
    const fixture = pureEnv('broker-1', { tagSubscribers: false, ...config });
    fixture.store.set(`m/${queue}/0`, message());
    fixture.store.set(`qnext/${queue}`, 1);
    seed(fixture.store);
    fixture.seal();
    const [s0, initial] = initialTransition(brokerMachine, { env: fixture.env, store: fixture.store });
    return { ...fixture, s0: hosted(s0, initial), initial };
  };
  const consumeAck = (status: 'success' | 'later', q = queue) => ev({ type: 'consumeAck', from: 'consumer-1', order: 'o1', group: 'target-fund', queue: q, offset: 0, status });

  test('retry delays follow the delay levels from level 3, clamped at the last', () => {
    const config = makeConfig();
    expect([0, 1, 2, 15, 16, 30].map((n) => retryDelayMs(config, n))).toEqual([10_000, 30_000, 60_000, 7_200_000, 7_200_000, 7_200_000]);
  });

  test('boot: what is past the persisted offset is delivered again, with a redelivery timer', () => {
    const { initial } = booted();
    expect(effectsOf(initial)).toEqual([deliver(queue, 0)]);
    expect(builtinsOf(initial).slice(0, 2)).toEqual(redeliverTimer(queue, 0));
  });

  test('prepare / commit / rollback / checkReply / resume: forwarded to the transaction center child', () => {
    const { s0 } = booted();
    for (const type of ['prepare', 'commit', 'rollback', 'checkReply', 'resume']) {
      const [, actions] = transition(brokerMachine, s0, ev({ type, from: 'producer-1', order: 'o1' }));
      expect(builtinsOf(actions), type).toEqual([{ type: 'xstate.sendTo', params: expect.objectContaining({ targetId: 'tc' }) }]);
    }
  });

  test('appendCommitted: the message is appended to its queue and delivered', () => {
    const { s0 } = booted();
    const entry: HalfEntry = { offset: 4, txId: 'tx-o2', order: 'o2', producerGroup: 'purchase-producers', topic: 't', tag: 'TagA', queue: 0, bornMs: 0, checkTimes: 0, originalOffset: -1 };
    const [, actions] = transition(brokerMachine, s0, ev({ type: 'appendCommitted', entry }));
    const stored = message({ txId: 'tx-o2', order: 'o2', tag: 'TagA' });
    expect(effectsOf(actions)).toEqual([
      persist(`m/${queue}/1`, stored),
      persist(`qnext/${queue}`, 2),
      record('COMMITTED', { order: 'o2', detail: `${queue} tag=TagA`, value: 1 }),
      deliver(queue, 1, stored),
    ]);
    expect(builtinsOf(actions)).toEqual(redeliverTimer(queue, 1));
  });

  test('register: the instance\'s queues are delivered again from the persisted offset, and the register confirmed', () => {
    const { s0 } = booted();
    const [, actions] = transition(brokerMachine, s0, ev({ type: 'register', from: 'consumer-1', group: 'target-fund', incarnation: 1 }));
    expect(effectsOf(actions)).toEqual([deliver(queue, 0), send('consumer-1', { type: 'registered', group: 'target-fund', incarnation: 1 }, undefined, true)]);
  });

  test('a delivery\'s cursor edits are data: transition() returns them and leaves the snapshot\'s table as it was', () => {
    const { s0 } = booted();
    expect(s0.context.delivery.cursor('target-fund', queue)?.inflight).toEqual(new Set([0]));
    const [, actions] = transition(brokerMachine, s0, consumeAck('success'));
    expect(actions.find((a) => a.type === 'applyDeliveryEdits')?.params).toEqual({
      cursors: [{ group: 'target-fund', queue, cursor: expect.objectContaining({ next: 1, inflight: new Set(), acked: new Set([0]) }) }],
      owners: [],
    });
    expect(s0.context.delivery.cursor('target-fund', queue)).toMatchObject({ inflight: new Set([0]), acked: new Set() });
  });

  test('consumeAck success: the redelivery timer is cancelled, nothing is stored yet (the consumer commits offsets)', () => {
    const { s0 } = booted();
    const [, actions] = transition(brokerMachine, s0, consumeAck('success'));
    expect(builtinsOf(actions)).toEqual([redeliverTimer(queue, 0)[0]]);
    expect(effectsOf(actions)).toEqual([]);
  });

  test('consumeAck later: a retry is scheduled in SCHEDULE_TOPIC at its delay level', () => {
    const { s0 } = booted();
    const [, actions] = transition(brokerMachine, s0, consumeAck('later'));
    expect(effectsOf(actions)).toEqual([
      persist('sched/next', 1),
      persist('sched/r/0', { id: 0, dueMs: 10_000, group: 'target-fund', message: message({ reconsumeTimes: 1 }) }),
    ]);
    expect(builtinsOf(actions).at(-1)).toEqual({ type: 'xstate.raise', params: expect.objectContaining({ id: 'retry:0', delay: 10_000 }) });
  });

  test('consumeAck later after maxReconsumeTimes: dead-lettered with an alert to the operator', () => {
    const { s0 } = booted({ maxReconsumeTimes: 0 });
    const [, actions] = transition(brokerMachine, s0, consumeAck('later'));
    expect(effectsOf(actions)).toEqual([
      persist('dlq/target-fund/0', message()),
      persist('dlqnext/target-fund', 1),
      record('DLQ', { order: 'o1', detail: '%DLQ%target-fund', value: 0 }),
      send('operator', { type: 'alert', alert: 'dlq', group: 'target-fund' }, 'o1'),
    ]);
  });

  test('consumeAck for an offset not in flight: ignored', () => {
    const { s0 } = booted();
    const [, actions] = transition(brokerMachine, s0, ev({ type: 'consumeAck', from: 'consumer-1', order: 'o1', group: 'target-fund', queue, offset: 9, status: 'success' }));
    expect(actions).toEqual([]);
  });

  test('redeliver: an unacknowledged delivery is sent again', () => {
    const { s0 } = booted();
    const [, actions] = transition(brokerMachine, s0, ev({ type: 'redeliver', group: 'target-fund', queue, offset: 0 }));
    expect(effectsOf(actions)).toEqual([deliver(queue, 0)]);
    expect(builtinsOf(actions)).toEqual(redeliverTimer(queue, 0));
  });

  test('retryDue: the scheduled retry moves to the group\'s retry queue and is delivered to its first instance', () => {
    const retry = { id: 0, dueMs: 10_000, group: 'target-fund', message: message({ reconsumeTimes: 1 }) };
    const { s0 } = booted({}, (store) => {
      store.set(`off/target-fund/${queue}`, 1);
      store.set('sched/r/0', retry);
    });
    const [, actions] = transition(brokerMachine, s0, ev({ type: 'retryDue', id: 0 }));
    expect(effectsOf(actions)).toEqual([
      forget('sched/r/0'),
      persist('m/R:target-fund/0', retry.message),
      persist('qnext/R:target-fund', 1),
      deliver('R:target-fund', 0, retry.message),
    ]);
  });

  test('redrive: the order\'s dead letters go back to the retry queue, marked re-driven, counter reset', () => {
    const dead = message({ reconsumeTimes: 16 });
    const { s0 } = booted({}, (store) => {
      store.set(`off/target-fund/${queue}`, 1);
      store.set('dlq/target-fund/0', dead);
    });
    const [, actions] = transition(brokerMachine, s0, ev({ type: 'redrive', from: 'operator', order: 'o1', group: 'target-fund' }));
    const redriven = message({ redriven: true });
    expect(effectsOf(actions)).toEqual([
      forget('dlq/target-fund/0'),
      persist('m/R:target-fund/0', redriven),
      persist('qnext/R:target-fund', 1),
      record('REDRIVEN', { order: 'o1', detail: 'target-fund' }),
      deliver('R:target-fund', 0, redriven),
    ]);
  });

  test('offsetCommit: acknowledged offsets are persisted and confirmed', () => {
    const { s0 } = booted();
    const [s1, acked] = transition(brokerMachine, s0, consumeAck('success'));
    const [, actions] = transition(brokerMachine, hosted(s1, acked), ev({ type: 'offsetCommit', from: 'consumer-1', group: 'target-fund', offsets: [{ queue, offset: 0 }] }));
    expect(effectsOf(actions)).toEqual([
      persist(`off/target-fund/${queue}`, 1),
      send('consumer-1', { type: 'offsetCommitted', group: 'target-fund', offsets: [{ queue, offset: 0 }] }, undefined, true),
    ]);
  });
});

describe('consumer', () => {
  const delivery = (overrides: Record<string, unknown> = {}) =>
    ev({ type: 'deliver', from: 'broker-1', order: 'o1', group: 'target-fund', queue: 'T:0', offset: 0, txId: 'tx-o1', tag: '', reconsumeTimes: 0, redriven: false, ...overrides });
  const ackOf = (status: string, group = 'target-fund') => send('broker-1', { type: 'consumeAck', group, queue: 'T:0', offset: 0, status }, 'o1', true);
  const start = (spec = order('o1'), groupName = 'target-fund', subscription = '*', seed: (db: import('../../sim/durableStore.ts').DurableStore) => void = () => {}) => {
    const fixture = pureEnv(groupName === 'target-fund' ? 'consumer-1' : groupName, { brokers: 2 }, [spec]);
    seed(fixture.db);
    fixture.seal();
    const group = fixture.env.topology.groups.find((g) => g.group === groupName)!;
    const [s0, initial] = initialTransition(consumerMachine, { env: fixture.env, group, subscription, db: fixture.db });
    return { ...fixture, s0, initial };
  };
  const consumeDone = ev({ type: 'consumeDone', key: 'consume:0' });

  const registered = (from: string, incarnation = 0) => ev({ type: 'registered', from, group: 'target-fund', incarnation });
  const commitTimer = { type: 'xstate.raise', params: expect.objectContaining({ id: 'commitOffsets' }) };

  test('start: starting (offset task quiet); register with every broker, and re-register until each confirms', () => {
    const { initial, s0 } = start();
    expect(s0.value).toEqual({ starting: 'quiet' });
    expect(effectsOf(initial)).toEqual([
      send('broker-1', { type: 'register', group: 'target-fund', incarnation: 0 }),
      send('broker-2', { type: 'register', group: 'target-fund', incarnation: 0 }),
    ]);
    expect(builtinsOf(initial)).toEqual([{ type: 'xstate.raise', params: expect.objectContaining({ id: 'reregister', delay: 30_000 }) }]);
  });

  test('registered: that broker is confirmed; a reply to an older incarnation is not', () => {
    const { s0 } = start();
    const [s1] = transition(consumerMachine, s0, ev({ type: 'registered', from: 'broker-1', group: 'target-fund', incarnation: 0 }));
    expect([...s1.context.unregistered]).toEqual(['broker-2']);
    const [s2] = transition(consumerMachine, s1, ev({ type: 'registered', from: 'broker-2', group: 'target-fund', incarnation: 7 }));
    expect([...s2.context.unregistered]).toEqual(['broker-2']);
    expect([...s0.context.unregistered]).toEqual(['broker-1', 'broker-2']); // the old snapshot is untouched
    expect(s2.value).toEqual({ starting: 'quiet' });
  });

  test('registered by the last broker: running, the offset task where it was (quiet)', () => {
    const { s0 } = start();
    const [s1] = transition(consumerMachine, s0, registered('broker-1'));
    const [s2, actions] = transition(consumerMachine, s1, registered('broker-2'));
    expect(s2.value).toEqual({ running: 'quiet' });
    expect(s2.context.unregistered.size).toBe(0);
    expect(actions).toEqual([]); // the register noted (an assign), nothing sent, no timer
  });

  test('registered by the last broker while a persist tick is scheduled: running, still ticking (no second timer)', () => {
    const { s0 } = start(order('o1'), 'ops', 'TagA');
    let [s] = transition(consumerMachine, s0, delivery({ group: 'ops', tag: 'TagB' }));
    expect(s.value).toEqual({ starting: 'ticking' });
    [s] = transition(consumerMachine, s, registered('broker-1'));
    const [s2, actions] = transition(consumerMachine, s, registered('broker-2'));
    expect(s2.value).toEqual({ running: 'ticking' });
    expect(builtinsOf(actions)).toEqual([]);
  });

  test('reregister while running (a timer left from starting): nothing sent, nothing re-armed', () => {
    const { s0 } = start();
    let [s] = transition(consumerMachine, s0, registered('broker-1'));
    [s] = transition(consumerMachine, s, registered('broker-2'));
    const [s3, actions] = transition(consumerMachine, s, ev({ type: 'reregister' }));
    expect(actions).toEqual([]);
    expect(s3.value).toEqual({ running: 'quiet' });
  });

  test('reregister: the brokers still unconfirmed get the register again', () => {
    const { s0 } = start();
    const [s1] = transition(consumerMachine, s0, ev({ type: 'registered', from: 'broker-1', group: 'target-fund', incarnation: 0 }));
    const [, actions] = transition(consumerMachine, s1, ev({ type: 'reregister' }));
    expect(effectsOf(actions)).toEqual([send('broker-2', { type: 'register', group: 'target-fund', incarnation: 0 })]);
  });

  test('deliver: consumption starts, ending after consumeMs by a timer with an explicit id', () => {
    const { s0, env } = start();
    const [s1, actions] = transition(consumerMachine, s0, delivery());
    expect(effectsOf(actions)).toEqual([
    ]);
    expect(builtinsOf(actions)).toEqual([{ type: 'xstate.raise', params: expect.objectContaining({ id: 'consume:0', delay: env.config.consumeMs }) }]);
    expect(s1.context.consuming.size).toBe(1);
    expect(s0.context.consuming.size).toBe(0);
  });

  test('deliver of a tag the instance did not subscribe: acked without reaching the listener', () => {
    const { s0 } = start(order('o1'), 'ops', 'TagA');
    const [s1, actions] = transition(consumerMachine, s0, delivery({ group: 'ops', tag: 'TagB' }));
    expect(effectsOf(actions)).toEqual([ackOf('success', 'ops')]);
    expect(s1.context.consuming.size).toBe(0);
    // An acked offset to commit: the offset persist task schedules its tick, 10 s after the instance started.
    expect(builtinsOf(actions)).toEqual([{ type: 'xstate.raise', params: expect.objectContaining({ id: 'commitOffsets', delay: 10_000 }) }]);
    expect(s1.value).toEqual({ starting: 'ticking' });
  });

  test('consumeDone: the target fund is bought once, idempotently, and the delivery acked', () => {
    const { s0 } = start();
    const [s1] = transition(consumerMachine, s0, delivery());
    const [s2, actions] = transition(consumerMachine, s1, consumeDone);
    expect(effectsOf(actions)).toEqual([
      { type: 'script', params: { order: 'o1', step: 'consumerAttempt' } },
      persist('target/inv-o1', { mmfRedeemed: 100, target: 100, purchases: 1 }, 'db'),
      persist('done/tx-o1', true, 'db'),
      record('CONSUMED', { order: 'o1', detail: 'target-fund' }),
      ackOf('success'),
    ]);
    expect(s2.context.consuming.size).toBe(0);
    expect(s2.context.uncommitted.get('broker-1')).toEqual([{ queue: 'T:0', offset: 0 }]);
  });

  test('consumeDone of an already processed transaction: acked, nothing bought', () => {
    const { s0 } = start(order('o1'), 'target-fund', '*', (db) => db.set('done/tx-o1', true));
    const [s1] = transition(consumerMachine, s0, delivery());
    const [, actions] = transition(consumerMachine, s1, consumeDone);
    expect(effectsOf(actions)).toEqual([
      ackOf('success'),
    ]);
  });

  test('consumeDone when the script fails this attempt: consume later', () => {
    const { s0 } = start(order('o1', { consumerFailures: 1 }));
    const [s1] = transition(consumerMachine, s0, delivery());
    const [, actions] = transition(consumerMachine, s1, consumeDone);
    expect(effectsOf(actions)).toEqual([
      { type: 'script', params: { order: 'o1', step: 'consumerAttempt' } },
      ackOf('later'),
    ]);
  });

  test('commitOffsets (the persist tick): the acked offsets go to their broker, kept until confirmed; the next tick is scheduled', () => {
    const { s0, clock } = start();
    let [s] = transition(consumerMachine, s0, delivery());
    [s] = transition(consumerMachine, s, consumeDone);
    expect(s.value).toEqual({ starting: 'ticking' });
    clock.now = 10_000;
    const [s3, actions] = transition(consumerMachine, s, ev({ type: 'commitOffsets' }));
    expect(effectsOf(actions)).toEqual([send('broker-1', { type: 'offsetCommit', group: 'target-fund', offsets: [{ queue: 'T:0', offset: 0 }] })]);
    expect(s3.context.uncommitted.size).toBe(1);
    // ticking -> quiet -> ticking again: persistConsumerOffsetInterval (5 s) later.
    expect(builtinsOf(actions)).toEqual([{ type: 'xstate.raise', params: expect.objectContaining({ id: 'commitOffsets', delay: 5_000 }) }]);
    expect(s3.value).toEqual({ starting: 'ticking' });
  });

  test('commitOffsets with every offset confirmed: nothing sent, quiet, no tick scheduled', () => {
    const { s0 } = start();
    let [s] = transition(consumerMachine, s0, delivery());
    [s] = transition(consumerMachine, s, consumeDone);
    [s] = transition(consumerMachine, s, ev({ type: 'offsetCommitted', from: 'broker-1', group: 'target-fund', offsets: [{ queue: 'T:0', offset: 0 }] }));
    const [s4, actions] = transition(consumerMachine, s, ev({ type: 'commitOffsets' }));
    expect(effectsOf(actions)).toEqual([]);
    expect(builtinsOf(actions)).not.toContainEqual(commitTimer);
    expect(s4.value).toEqual({ starting: 'quiet' });
  });

  test('offsetCommitted: the confirmed offsets are forgotten', () => {
    const { s0 } = start();
    let [s] = transition(consumerMachine, s0, delivery());
    [s] = transition(consumerMachine, s, consumeDone);
    const [s3, actions] = transition(consumerMachine, s, ev({ type: 'offsetCommitted', from: 'broker-1', group: 'target-fund', offsets: [{ queue: 'T:0', offset: 0 }] }));
    expect(s3.context.uncommitted.size).toBe(0);
    expect(effectsOf(actions)).toEqual([]);
    // The tick already scheduled stays: it finds nothing to send (the next test).
    expect(s3.value).toEqual({ starting: 'ticking' });
  });
});

describe('operator', () => {
  const alert = ev({ type: 'alert', from: 'broker-1', order: 'o1', alert: 'dlq', group: 'target-fund' });
  const alert2 = ev({ type: 'alert', from: 'broker-2', order: 'o2', alert: 'check-max', group: 'purchase-producers' });
  const spawned = (id: string, input: Record<string, unknown>) => ({ type: 'xstate.spawnChild', params: expect.objectContaining({ id, input: expect.objectContaining(input) }) });
  const done = (id: string) => ev({ type: `xstate.done.actor.${id}` });
  const start = () => {
    const { env, seal } = pureEnv('operator', { operatorRedriveAfterMs: 60_000 });
    seal();
    return initialTransition(operatorMachine, { env })[0];
  };

  test('watching, alert: remembered durably, an intervention started; intervening', () => {
    const s0 = start();
    expect(s0.value).toBe('watching');
    const [s1, actions] = transition(operatorMachine, s0, alert);
    expect(effectsOf(actions)).toEqual([persist('acted/dlq/o1', true)]);
    expect(builtinsOf(actions)).toEqual([spawned('intervention:dlq:o1', { alert: 'dlq', broker: 'broker-1', order: 'o1', group: 'target-fund' })]);
    expect(s1.value).toBe('intervening');
    expect([...s1.context.interventions]).toEqual(['intervention:dlq:o1']);
  });

  test('watching, alert already acted on, or no operator configured: nothing; still watching', () => {
    const acted = pureEnv('operator', { operatorRedriveAfterMs: 60_000 });
    acted.store.set('acted/dlq/o1', true);
    acted.seal();
    const none = pureEnv('operator');
    none.seal();
    for (const { env } of [acted, none]) {
      const [s0] = initialTransition(operatorMachine, { env });
      const [s1, actions] = transition(operatorMachine, s0, alert);
      expect(actions).toEqual([]);
      expect(s1.value).toBe('watching');
    }
  });

  test('intervening, another alert: a second intervention alongside the first', () => {
    const [s1] = transition(operatorMachine, start(), alert);
    const [s2, actions] = transition(operatorMachine, s1, alert2);
    expect(effectsOf(actions)).toEqual([persist('acted/check-max/o2', true)]);
    expect(builtinsOf(actions)).toEqual([spawned('intervention:check-max:o2', { alert: 'check-max', broker: 'broker-2', order: 'o2' })]);
    expect(s2.value).toBe('intervening');
    expect(s2.context.interventions.size).toBe(2);
  });

  test('intervening, an intervention done with another under way: its child is removed; still intervening', () => {
    let [s] = transition(operatorMachine, start(), alert);
    [s] = transition(operatorMachine, s, alert2);
    const [s3, actions] = transition(operatorMachine, s, done('intervention:dlq:o1'));
    expect(builtinsOf(actions)).toEqual([{ type: 'xstate.stopChild', params: expect.objectContaining({ id: 'intervention:dlq:o1' }) }]);
    expect(s3.value).toBe('intervening');
    expect([...s3.context.interventions]).toEqual(['intervention:check-max:o2']);
  });

  test('intervening, the last intervention done: watching again', () => {
    const [s1] = transition(operatorMachine, start(), alert);
    const [s2] = transition(operatorMachine, s1, done('intervention:dlq:o1'));
    expect(s2.value).toBe('watching');
    expect(s2.context.interventions.size).toBe(0);
  });
});

describe('intervention', () => {
  const begin = (alert: 'dlq' | 'check-max') => {
    const { env, seal } = pureEnv('operator', { operatorRedriveAfterMs: 60_000 });
    seal();
    return initialTransition(interventionMachine, { env, alert, broker: 'broker-1', order: 'o1', group: alert === 'dlq' ? 'target-fund' : 'purchase-producers' });
  };
  const causeFixed = ev({ type: 'xstate.after.causeFixed.intervention.investigating' });

  test('start: investigating for operatorRedriveAfterMs', () => {
    const [s0, actions] = begin('dlq');
    expect(s0.value).toBe('investigating');
    expect(builtinsOf(actions)).toEqual([{ type: 'xstate.raise', params: expect.objectContaining({ delay: 60_000 }) }]);
  });

  test('cause fixed, a dead letter: the group\'s dead letters of the order are re-driven; done', () => {
    const [s1, actions] = transition(interventionMachine, begin('dlq')[0], causeFixed);
    expect(s1.value).toBe('redriving');
    expect(s1.status).toBe('done');
    expect(effectsOf(actions)).toEqual([send('broker-1', { type: 'redrive', group: 'target-fund' }, 'o1')]);
  });

  test('cause fixed, a parked half message: RESUME_CHECK_HALF_MESSAGE; done', () => {
    const [s1, actions] = transition(interventionMachine, begin('check-max')[0], causeFixed);
    expect(s1.value).toBe('resuming');
    expect(s1.status).toBe('done');
    expect(effectsOf(actions)).toEqual([send('broker-1', { type: 'resume' }, 'o1')]);
  });
});
