import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { initialTransition, transition } from 'xstate';
import { Rng } from '../../sim/rng.ts';
import { getCompareProfile } from '../../designs/profiles.ts';
import { tccDesign, tccParticipantMachine } from '../../designs/tcc.ts';
import { TCC_VOCABULARY, txMachine } from '../../designs/twoPhase.ts';
import { generateWorkload } from '../../designs/workload.ts';
import { actionTypes, O1, PURE_IO, spec } from './support.ts';

describe('TCC (try / confirm / cancel)', () => {
  test('normal path: both confirmed, reservations only, no DB locks', () => {
    const m = tccDesign.run(spec());
    expect(m.finalInconsistencies).toBe(0);
    expect(m.completedOrders).toBe(1);
    expect(m.locksHeldMs).toBe(0);
    expect(m.reservationsHeldMs).toBeGreaterThan(0);
    // try + confirm on each of the two services
    expect(m.callsPerOrder).toBe(4);
  });

  test('a coordinator crash after the tries holds both reservations until recovery cancels them', () => {
    const m = tccDesign.run(
      spec([
        { at: 0, type: 'delay', message: 'vote', count: 2, byMs: 50 },
        { at: 1020, type: 'crash', node: 'coordinator', restartAfterMs: 20_000 },
      ]),
    );
    expect(m.reservationsHeldMs).toBeGreaterThan(2 * 19_900);
    expect(m.locksHeldMs).toBe(0);
    expect(m.finalInconsistencies).toBe(0);
    expect(m.details[0]).toMatchObject({ mainCommitted: false, targetPurchases: 0 });
    expect(m.negativeBalances).toBe(0);
  });

  test('lost and duplicated confirms: retried until acknowledged, applied once', () => {
    const m = tccDesign.run(
      spec([
        { at: 0, type: 'drop', message: 'confirm', to: 'fund' },
        { at: 0, type: 'duplicate', message: 'confirm', to: 'business' },
        { at: 0, type: 'drop', message: 'ack', from: 'business' },
      ]),
    );
    expect(m.finalInconsistencies).toBe(0);
    expect(m.doublePurchases).toBe(0);
    expect(m.completedOrders).toBe(1);
  });

  test('a short wallet: the business try refuses, both sides cancel (the fund side may be an empty cancel)', () => {
    const m = tccDesign.run({ ...spec(), orders: [{ ...O1, walletBalance: 10 }] });
    expect(m.finalInconsistencies).toBe(0);
    expect(m.details[0]).toMatchObject({ mainCommitted: false, targetPurchases: 0 });
  });

  test('property: zero final inconsistencies on any seed under the default and harsh profiles', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.constantFrom('default', 'harsh'), (n, profileName) => {
        const seed = `tcc:${n}`;
        const root = new Rng(seed);
        const orders = generateWorkload(root.fork('workload'));
        const faults = getCompareProfile(profileName).draw(root.fork(`profile/${profileName}`), orders);
        const m = tccDesign.run({ seed, orders, faults, profile: profileName });
        if (m.finalInconsistencies !== 0 || !m.settled || m.negativeBalances !== 0) throw new Error(`replay: seed=${seed} profile=${profileName}`);
      }),
      { numRuns: 20, seed: 4 },
    );
  });
});

describe('TCC machines (pure transitions)', () => {
  test('the coordinator speaks try / confirm / cancel through the same two-phase machine', () => {
    const [s0, a0] = initialTransition(txMachine, { io: PURE_IO, vocabulary: TCC_VOCABULARY, order: 'o1', amount: 100, resume: 'fresh' });
    expect(s0.value).toBe('phaseOne');
    expect(actionTypes(a0)).toEqual(['log', 'sendPhaseOne']);
    expect(s0.context.vocabulary.phaseOne).toBe('try');
    const [s1] = transition(txMachine, s0, { type: 'vote', from: 'fund', order: 'o1', yes: true });
    const [s2] = transition(txMachine, s1, { type: 'vote', from: 'business', order: 'o1', yes: false });
    expect(s2.value).toBe('aborting');
    // An ack for the other decision does not count.
    const [s3] = transition(txMachine, s2, { type: 'ack', from: 'fund', order: 'o1', decision: 'commit' });
    expect(s3.context.acked).toEqual({});
    const [s4] = transition(txMachine, s3, { type: 'ack', from: 'fund', order: 'o1', decision: 'abort' });
    expect(s4.context.acked).toEqual({ fund: true });
  });

  test('participant: try, confirm and cancel are the three business interfaces', () => {
    const [p0] = initialTransition(tccParticipantMachine, { io: PURE_IO, resource: 'target' });
    for (const type of ['try', 'confirm', 'cancel'] as const) {
      const [next, actions] = transition(tccParticipantMachine, p0, { type, from: 'coordinator', order: 'o1', amount: 100 });
      expect(actionTypes(actions)).toEqual([type]);
      expect(next.status).toBe('active');
    }
  });
});
