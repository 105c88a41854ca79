// Resolving a transition is pure: every machine of the model (and every mutant's variant of it) walks a set of
// events through XState's initialTransition() / transition() against a host whose effectful methods throw (send,
// record, store writes, facts, script steps: test/model/fixtures.ts pureEnv). Nothing throws, nothing is written,
// and the effects the walk decides come back as data.
import { describe, expect, test } from 'vitest';
import { initialTransition, transition, type AnyEventObject, type AnyStateMachine } from 'xstate';
import { topicQueue } from '../../model/broker.ts';
import { MODEL_MACHINES, type ModelMachines } from '../../model/world.ts';
import { interventionMachine } from '../../model/intervention.ts';
import { localTransactionMachine } from '../../model/localTransaction.ts';
import { CHECK_ROUND_TIMER, transactionCenterMachine } from '../../model/transactionCenter.ts';
import { MUTANTS } from '../../properties/mutants/index.ts';
import { effectsOf, order, pureEnv } from './fixtures.ts';

type Step = { at?: number; event: Record<string, unknown> & { type: string } };

/** Walk the events from the initial state; returns how many effects the walk decided. */
function walk(machine: AnyStateMachine, input: unknown, steps: Step[], clock: { now: number }): number {
  let [snapshot, actions] = initialTransition(machine, input);
  let effects = effectsOf(actions).length;
  for (const { at, event } of steps) {
    if (at !== undefined) clock.now = at;
    [snapshot, actions] = transition(machine, snapshot, event as AnyEventObject);
    effects += effectsOf(actions).length;
  }
  return effects;
}

const o1 = order('o1', { localTx: 'unknown', checkAnswers: ['commit'], consumerFailures: 1 });
const queue = topicQueue(0);
const half = { offset: 0, txId: 'tx-o1', order: 'o1', producerGroup: 'purchase-producers', topic: 't', tag: '', queue: 0, bornMs: 0, checkTimes: 0, originalOffset: -1 };
const message = { txId: 'tx-o1', order: 'o1', tag: '', bornMs: 0, reconsumeTimes: 0, redriven: false };

/** Each machine's walk: its name, how to build its input from a sealed env, and the events. */
function walks(machines: ModelMachines): Array<{ name: string; machine: AnyStateMachine; run(): number }> {
  const broker = (machine: AnyStateMachine) => () => {
    const { env, store, clock, seal } = pureEnv('broker-1', { tagSubscribers: true, maxReconsumeTimes: 1, checkMax: 1 });
    store.set(`m/${queue}/0`, message);
    store.set(`qnext/${queue}`, 1);
    store.set('tc/half/0', half);
    store.set('tc/next', 1);
    seal();
    const ack = (status: string, q = queue) => ({ type: 'consumeAck', from: 'consumer-1', order: 'o1', group: 'target-fund', queue: q, offset: 0, status });
    return walk(machine, { env, store }, [
      { event: { type: 'register', from: 'consumer-1', group: 'target-fund', incarnation: 1 } },
      { event: ack('later') },
      { at: 10_000, event: { type: 'retryDue', id: 0 } },
      { event: { type: 'redeliver', group: 'target-fund', queue: 'R:target-fund', offset: 0 } },
      { event: ack('later', 'R:target-fund') },
      { event: { type: 'redrive', from: 'operator', order: 'o1', group: 'target-fund' } },
      { event: { type: 'appendCommitted', entry: { ...half, tag: 'TagA' } } },
      { event: { type: 'offsetCommit', from: 'consumer-1', group: 'target-fund', offsets: [{ queue, offset: 0 }] } },
      { event: { type: 'prepare', from: 'producer-1', order: 'o2', txId: 'tx-o2', attempt: 1, producerGroup: 'purchase-producers', topic: 't', tag: '', queue: 1, bornMs: 0 } },
    ], clock);
  };
  const center = () => {
    const { env, store, clock, seal } = pureEnv('broker-1', { checkMax: 1 });
    store.set('tc/half/0', half);
    store.set('tc/next', 1);
    seal();
    const standalone = transactionCenterMachine.provide({ actions: { appendCommitted: () => {} } });
    const end = (type: string, offset: number) => ({ type, from: 'producer-1', order: 'o1', txId: 'tx-o1', offset, producerGroup: 'purchase-producers', fromCheck: false });
    return walk(standalone, { env, store }, [
      { event: { type: 'prepare', from: 'producer-1', order: 'o2', txId: 'tx-o2', attempt: 1, producerGroup: 'purchase-producers', topic: 't', tag: '', queue: 1, bornMs: 0 } },
      { at: 30_000, event: { type: CHECK_ROUND_TIMER } },
      { at: 60_000, event: { type: CHECK_ROUND_TIMER } },
      { event: { type: 'resume', from: 'operator', order: 'o1' } },
      { event: end('commit', 1) },
      { event: end('rollback', 2) },
      { event: { type: 'checkReply', from: 'producer-1', order: 'o1', txId: 'tx-o1', offset: 3, action: 'commit', producerGroup: 'purchase-producers', fromCheck: true } },
    ], clock);
  };
  return [
    { name: 'broker', machine: machines.broker, run: broker(machines.broker) },
    { name: 'transactionCenter', machine: transactionCenterMachine, run: center },
    {
      name: 'businessSystem',
      machine: machines.businessSystem,
      run: () => {
        const { env, db, clock, seal } = pureEnv('producer-1', {}, [o1]);
        seal();
        return walk(machines.businessSystem, { env, db }, [
          { event: { type: 'placeOrder', order: o1, orderIndex: 0 } },
          { event: { type: 'prepareAck', txId: 'tx-o1', offset: 0, attempt: 1, status: 'SEND_OK', from: 'broker-1', order: 'o1' } },
          { event: { type: 'check', txId: 'tx-o1', offset: 1, checkTimes: 1, producerGroup: 'purchase-producers', from: 'broker-1', order: 'o1' } },
          { event: { type: 'check', txId: 'tx-o9', offset: 2, checkTimes: 1, producerGroup: 'purchase-producers', from: 'broker-1', order: 'o9' } },
        ], clock);
      },
    },
    {
      name: 'localTransaction',
      machine: localTransactionMachine,
      run: () => {
        const { env, db, clock, seal } = pureEnv('producer-1', {}, [order('o1')]);
        seal();
        return walk(localTransactionMachine, { env, db, order: order('o1'), orderIndex: 0 }, [
          { at: 3_000, event: { type: 'xstate.after.sendTimeout.localTransaction.sendingHalf' } },
          { event: { type: 'prepareAck', txId: 'tx-o1', offset: 0, attempt: 2, status: 'SEND_OK', from: 'broker-1', order: 'o1' } },
          { event: { type: 'xstate.after.localTx.localTransaction.executing' } },
        ], clock);
      },
    },
    {
      name: 'consumer',
      machine: machines.consumer,
      run: () => {
        const { env, db, clock, seal } = pureEnv('consumer-1', {}, [o1]);
        seal();
        const group = env.topology.groups[0]!;
        const deliver = (offset: number, tag = '') => ({ type: 'deliver', from: 'broker-1', order: 'o1', group: 'target-fund', queue, offset, txId: 'tx-o1', tag, reconsumeTimes: 0, redriven: false });
        return walk(machines.consumer, { env, group, subscription: 'TagA || ', db }, [
          { event: { type: 'registered', from: 'broker-1', group: 'target-fund', incarnation: 0 } },
          { event: { type: 'reregister' } },
          { event: deliver(0, 'TagA') },
          { event: deliver(1, 'TagB') },
          { event: { type: 'consumeDone', key: 'consume:0' } },
          { event: deliver(2, 'TagA') },
          { event: { type: 'consumeDone', key: 'consume:1' } },
          { event: { type: 'commitOffsets' } },
          { event: { type: 'offsetCommitted', from: 'broker-1', group: 'target-fund', offsets: [{ queue, offset: 0 }] } },
        ], clock);
      },
    },
    {
      name: 'operator',
      machine: machines.operator,
      run: () => {
        const { env, clock, seal } = pureEnv('operator', { operatorRedriveAfterMs: 1_000 });
        seal();
        return walk(machines.operator, { env }, [
          { event: { type: 'alert', from: 'broker-1', order: 'o1', alert: 'dlq', group: 'target-fund' } },
          { event: { type: 'alert', from: 'broker-1', order: 'o2', alert: 'check-max', group: 'purchase-producers' } },
          { event: { type: 'xstate.done.actor.intervention:dlq:o1' } },
          { event: { type: 'xstate.done.actor.intervention:check-max:o2' } },
        ], clock);
      },
    },
    ...(['dlq', 'check-max'] as const).map((alert) => ({
      name: `intervention (${alert})`,
      machine: interventionMachine,
      run: () => {
        const { env, clock, seal } = pureEnv('operator', { operatorRedriveAfterMs: 1_000 });
        seal();
        return walk(interventionMachine, { env, alert, broker: 'broker-1', order: 'o1', group: 'target-fund' }, [
          { at: 1_000, event: { type: 'xstate.after.causeFixed.intervention.investigating' } },
        ], clock);
      },
    })),
  ];
}

describe('resolving transitions writes, sends and records nothing', () => {
  for (const { name, run } of walks(MODEL_MACHINES)) {
    test(`${name}: the walk resolves against a throwing host and decides its effects as data`, () => {
      expect(run()).toBeGreaterThan(0);
    });
  }

  test('every mutant\'s machines are pure too', () => {
    for (const mutant of Object.values(MUTANTS)) {
      const machines: ModelMachines = { ...MODEL_MACHINES, ...mutant.machines };
      for (const { name, machine, run } of walks(machines)) {
        if (machine === (MODEL_MACHINES as unknown as Record<string, unknown>)[name]) continue;
        expect(() => run(), `${mutant.name}: ${name}`).not.toThrow();
      }
    }
  });
});
