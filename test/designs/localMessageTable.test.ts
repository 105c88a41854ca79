import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { initialTransition, transition } from 'xstate';
import { Rng } from '../../sim/rng.ts';
import { brokerMachine } from '../../designs/broker.ts';
import { localMessageTableDesign, outboxOrderMachine, relayMachine } from '../../designs/localMessageTable.ts';
import { getCompareProfile } from '../../designs/profiles.ts';
import { generateWorkload } from '../../designs/workload.ts';
import { actionTypes, O1, PURE_IO, spec } from './support.ts';

describe('local message table (本地消息表)', () => {
  test('normal path: consistent within the relay kick', () => {
    const m = localMessageTableDesign.run(spec());
    expect(m.finalInconsistencies).toBe(0);
    expect(m.completedOrders).toBe(1);
    expect(m.longestWindowMs).toBeLessThan(50);
    expect(m.settled).toBe(true);
  });

  test('a crash right after the main tx only delays: the outbox row survives and the relay resumes at restart', () => {
    // o1 at 1090 ms, between two 200 ms relay polls, so only the kick after the commit would send it at once.
    const m = localMessageTableDesign.run({
      ...spec([{ at: 1091, type: 'crash', node: 'business', restartAfterMs: 2000 }]),
      orders: [{ ...O1, at: 1090 }],
    });
    expect(m.finalInconsistencies).toBe(0);
    expect(m.details[0]).toMatchObject({ mainCommitted: true, targetPurchases: 1 });
    // Restart at 3091 ms; the relay publishes at boot. No reconciliation needed or present.
    expect(m.longestWindowMs).toBeGreaterThan(2000);
    expect(m.longestWindowMs).toBeLessThan(2100);
    expect(m.repairs).toBe(0);
  });

  test('a lost publish and a lost publishAck are resent from the outbox; the consumer stays idempotent', () => {
    const m = localMessageTableDesign.run(
      spec([
        { at: 0, type: 'drop', message: 'publish' },
        { at: 0, type: 'drop', message: 'publishAck' },
        { at: 0, type: 'duplicate', message: 'deliver' },
      ]),
    );
    expect(m.finalInconsistencies).toBe(0);
    expect(m.doublePurchases).toBe(0);
    expect(m.details[0]?.targetPurchases).toBe(1);
  });

  test('a secondary outage delays the purchase until the broker redelivers after restart', () => {
    const m = localMessageTableDesign.run(spec([{ at: 500, type: 'crash', node: 'secondary', restartAfterMs: 20_000 }]));
    expect(m.finalInconsistencies).toBe(0);
    expect(m.completedOrders).toBe(1);
    expect(m.longestWindowMs).toBeGreaterThan(19_000);
  });

  test('property: zero final inconsistencies on any seed under the default and harsh profiles', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.constantFrom('default', 'harsh'), (n, profileName) => {
        const seed = `lmt:${n}`;
        const root = new Rng(seed);
        const orders = generateWorkload(root.fork('workload'));
        const faults = getCompareProfile(profileName).draw(root.fork(`profile/${profileName}`), orders);
        const m = localMessageTableDesign.run({ seed, orders, faults, profile: profileName });
        if (m.finalInconsistencies !== 0 || !m.settled) throw new Error(`replay: seed=${seed} profile=${profileName} ${JSON.stringify(m.details)}`);
      }),
      { numRuns: 25, seed: 6 },
    );
  });
});

describe('local message table machines (pure transitions)', () => {
  test('order: main tx with outbox row, kick the relay on commit', () => {
    const [s0, a0] = initialTransition(outboxOrderMachine, { io: PURE_IO, order: 'o1', amount: 100 });
    expect(s0.value).toBe('mainTx');
    expect(actionTypes(a0)).toEqual(['runMainTxWithOutbox']);
    const [s1, a1] = transition(outboxOrderMachine, s0, { type: 'mainResult', ok: true });
    expect(s1.value).toBe('done');
    expect(actionTypes(a1)).toEqual(['kickRelay', 'outcome']);
    const [s2, a2] = transition(outboxOrderMachine, s0, { type: 'mainResult', ok: false });
    expect(s2.value).toBe('failed');
    expect(actionTypes(a2)).not.toContain('kickRelay');
  });

  test('relay: relays at boot and on every poll or kick; deletes the row on the broker ack', () => {
    const [s0, a0] = initialTransition(relayMachine, { io: PURE_IO });
    expect(actionTypes(a0)).toEqual(['relayOutbox']);
    const [, a1] = transition(relayMachine, s0, { type: 'kick' });
    expect(actionTypes(a1)).toEqual(['relayOutbox']);
    const [, a2] = transition(relayMachine, s0, { type: 'xstate.after.poll.relay.polling' } as never);
    expect(actionTypes(a2)).toEqual(['relayOutbox']);
    const [, a3] = transition(relayMachine, s0, { type: 'publishAck', order: 'o1', msgId: 'o1' });
    expect(actionTypes(a3)).toEqual(['deleteRow']);
  });
});

describe('broker (pure transitions)', () => {
  const publish = { type: 'publish', from: 'business', order: 'o1', msgId: 'o1', kind: 'purchase', amount: 100, consumer: 'fund' } as const;

  test('a publish is stored once and redelivered until the consumer acknowledges it', () => {
    const [s0] = initialTransition(brokerMachine, { io: PURE_IO, pending: [], known: [] });
    expect(s0.value).toBe('idle');
    const [s1, a1] = transition(brokerMachine, s0, publish);
    expect(s1.value).toBe('active');
    expect(actionTypes(a1)).toEqual(['store']);
    expect(s1.context.pending).toEqual({ o1: 1 });
    // A repeated publish is acknowledged again but neither re-added nor re-counted.
    const [s2] = transition(brokerMachine, s1, publish);
    expect(s2.context.pending).toEqual({ o1: 1 });
    const [s3, a3] = transition(brokerMachine, s2, { type: 'xstate.after.redeliver.broker.active' } as never);
    expect(actionTypes(a3)).toEqual(['redeliver']);
    expect(s3.context.pending).toEqual({ o1: 2 });
    const [s4, a4] = transition(brokerMachine, s3, { type: 'consumeAck', from: 'fund', order: 'o1', msgId: 'o1' });
    expect(actionTypes(a4)).toEqual(['markConsumed']);
    expect(s4.value).toBe('idle');
  });

  test('a broker restarted with a backlog starts redelivering', () => {
    const [s0] = initialTransition(brokerMachine, { io: PURE_IO, pending: ['o1'], known: ['o1'] });
    expect(s0.value).toBe('active');
  });
});
