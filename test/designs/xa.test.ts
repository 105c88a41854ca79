import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { initialTransition, transition } from 'xstate';
import { Rng } from '../../sim/rng.ts';
import { getCompareProfile } from '../../designs/profiles.ts';
import { txMachine, XA_VOCABULARY, type TxInput } from '../../designs/twoPhase.ts';
import { generateWorkload } from '../../designs/workload.ts';
import { xaDesign, xaParticipantMachine } from '../../designs/xa.ts';
import { DEFAULT_TIMING, type DesignIo } from '../../designs/harness.ts';
import { actionTypes, PURE_IO, spec } from './support.ts';

// Both participants prepare o1 at about 1001-1005 ms and vote; the votes are held back 50 ms, and the
// coordinator crashes at 1020 ms, after the votes were cast and before it heard them. It restarts 20 s later.
const VOTES_THEN_COORDINATOR_CRASH = [
  { at: 0, type: 'delay', message: 'vote', count: 2, byMs: 50 },
  { at: 1020, type: 'crash', node: 'coordinator', restartAfterMs: 20_000 },
] as const;

describe('XA two-phase commit (XA(2PC))', () => {
  test('normal path: locks held for a round trip, both sides committed', () => {
    const m = xaDesign.run(spec());
    expect(m.finalInconsistencies).toBe(0);
    expect(m.completedOrders).toBe(1);
    expect(m.longestLockMs).toBeGreaterThan(0);
    expect(m.longestLockMs).toBeLessThan(50);
    expect(m.settled).toBe(true);
  });

  test('a coordinator crash after the votes blocks both participants, locks held, until it recovers', () => {
    const m = xaDesign.run(spec([...VOTES_THEN_COORDINATOR_CRASH]));
    // In doubt for the whole outage: each participant held its lock about 20 s.
    expect(m.longestLockMs).toBeGreaterThan(19_900);
    expect(m.longestLockMs).toBeLessThan(20_100);
    expect(m.locksHeldMs).toBeGreaterThan(2 * 19_900);
    // Recovery finds the transaction logged as started and undecided: presumed abort. Consistent, not completed.
    expect(m.finalInconsistencies).toBe(0);
    expect(m.details[0]).toMatchObject({ mainCommitted: false, targetPurchases: 0 });
    expect(m.settled).toBe(true);
  });

  test('a coordinator crash after the decision, with the commit to the fund lost: inconsistent until recovery', () => {
    const m = xaDesign.run(
      spec([
        { at: 0, type: 'drop', message: 'commit', to: 'fund' },
        { at: 1015, type: 'crash', node: 'coordinator', restartAfterMs: 20_000 },
      ]),
    );
    // The business DB committed at once; the fund stays prepared, locked, until the coordinator resends commit.
    expect(m.details[0]).toMatchObject({ mainCommitted: true, targetPurchases: 1, consistent: true });
    expect(m.longestWindowMs).toBeGreaterThan(19_900);
    expect(m.longestLockMs).toBeGreaterThan(19_900);
    expect(m.finalInconsistencies).toBe(0);
  });

  test('a participant down at prepare time fails the order: the main tx waits for the secondary', () => {
    const m = xaDesign.run(spec([{ at: 500, type: 'crash', node: 'secondary', restartAfterMs: 10_000 }]));
    expect(m.finalInconsistencies).toBe(0);
    expect(m.completedOrders).toBe(0);
    expect(m.details[0]).toMatchObject({ mainCommitted: false });
  });

  test('property: zero final inconsistencies on any seed under the default profile', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (n) => {
        const seed = `xa:${n}`;
        const root = new Rng(seed);
        const orders = generateWorkload(root.fork('workload'));
        const faults = getCompareProfile('default').draw(root.fork('profile/default'), orders);
        const m = xaDesign.run({ seed, orders, faults, profile: 'default' });
        if (m.finalInconsistencies !== 0 || !m.settled) throw new Error(`replay: seed=${seed} profile=default`);
      }),
      { numRuns: 20, seed: 3 },
    );
  });
});

describe('two-phase coordinator with the XA vocabulary (pure transitions)', () => {
  const input: TxInput = { io: PURE_IO, vocabulary: XA_VOCABULARY, order: 'o1', amount: 100, resume: 'fresh' };

  test('logs the start, prepares both; commits after two yes votes', () => {
    const [s0, a0] = initialTransition(txMachine, input);
    expect(s0.value).toBe('phaseOne');
    expect(a0).toContainEqual(expect.objectContaining({ type: 'log', params: { state: 'started' } }));
    expect(actionTypes(a0)).toEqual(['log', 'sendPhaseOne']);
    const [s1, a1] = transition(txMachine, s0, { type: 'vote', from: 'business', order: 'o1', yes: true });
    expect(s1.value).toBe('phaseOne');
    expect(actionTypes(a1)).toEqual([]);
    const [s2, a2] = transition(txMachine, s1, { type: 'vote', from: 'fund', order: 'o1', yes: true });
    expect(s2.value).toBe('committing');
    // The decision is logged before it is sent: the commit point.
    expect(actionTypes(a2)).toEqual(['log', 'sendDecision']);
    expect(a2).toContainEqual(expect.objectContaining({ type: 'log', params: { state: 'committing' } }));
    const [s3] = transition(txMachine, s2, { type: 'ack', from: 'business', order: 'o1', decision: 'commit' });
    const [s4, a4] = transition(txMachine, s3, { type: 'ack', from: 'fund', order: 'o1', decision: 'commit' });
    expect(s4.value).toBe('committed');
    expect(actionTypes(a4)).toEqual(['forget', 'outcome']);
  });

  test('a no vote or a timeout aborts', () => {
    const [s0] = initialTransition(txMachine, input);
    const [s1, a1] = transition(txMachine, s0, { type: 'vote', from: 'business', order: 'o1', yes: false });
    expect(s1.value).toBe('aborting');
    expect(a1).toContainEqual(expect.objectContaining({ type: 'log', params: { state: 'aborting' } }));
    const [s2] = transition(txMachine, s0, { type: 'xstate.after.phaseOneTimeout.tx.phaseOne' } as never);
    expect(s2.value).toBe('aborting');
  });

  test('recovery: a logged decision is resent without relogging; an undecided start is aborted', () => {
    const [c, ca] = initialTransition(txMachine, { ...input, resume: 'committing' });
    expect(c.value).toBe('committing');
    expect(actionTypes(ca)).toEqual(['sendDecision']);
    const [a, aa] = initialTransition(txMachine, { ...input, resume: 'started' });
    expect(a.value).toBe('aborting');
    expect(aa).toContainEqual(expect.objectContaining({ type: 'log', params: { state: 'aborting' } }));
  });

  test('decisions are resent until acknowledged, then the coordinator gives up at the bound', () => {
    const io = { timing: { ...DEFAULT_TIMING, decisionMaxAttempts: 3 } } as unknown as DesignIo;
    let [s] = initialTransition(txMachine, { ...input, io, resume: 'committing' });
    const retry = { type: 'xstate.after.retry.tx.committing' } as never;
    const [s1, a1] = transition(txMachine, s, retry);
    expect(s1.value).toBe('committing');
    expect(actionTypes(a1)).toEqual(['sendDecision']);
    [s] = transition(txMachine, s1, retry);
    expect(s.value).toBe('committing');
    [s] = transition(txMachine, s, retry);
    expect(s.value).toBe('gaveUp');
  });

  test('participant: each protocol message is one named effect', () => {
    const [p0] = initialTransition(xaParticipantMachine, { io: PURE_IO, resource: 'main' });
    for (const type of ['prepare', 'commit', 'rollback'] as const) {
      const [, actions] = transition(xaParticipantMachine, p0, { type, from: 'coordinator', order: 'o1', amount: 100 });
      expect(actionTypes(actions)).toEqual([type]);
    }
  });
});
