// Runs the profiles seldom reach, judged by the checkers: a livelock (the step limit), a check-back that races a
// slow local transaction on the instance still running it, and RocketMQ's mixed-subscription loss in one group
// (apache/rocketmq#2836), which tag-routing and no-loss must report.
import { describe, expect, test } from 'vitest';
import { makeConfig, type ModelConfig } from '../../model/config.ts';
import type { OrderSpec, RunSpec } from '../../model/runSpec.ts';
import { NO_FAULTS } from '../../sim/faults.ts';
import { runAndCheck } from '../../properties/runAndCheck.ts';

function spec(config: Partial<ModelConfig>, orders: Array<Partial<OrderSpec>>): RunSpec {
  return {
    name: 'edge',
    seed: 3,
    config: makeConfig({ tagSubscribers: false, operatorRedriveAfterMs: 60_000, ...config }),
    orders: orders.map((o, i) => ({ id: `o${i + 1}`, at: 0, amount: 100, walletBalance: 1_000, localTx: 'commit', checkAnswers: [], consumerFailures: 0, ...o })),
    faults: { options: NO_FAULTS, script: [] },
  };
}

describe('liveness', () => {
  test('a run that hits the step limit is a livelock, reported by liveness only', () => {
    const { outcome, violations } = runAndCheck(spec({}, [{}]), { maxSteps: 10, trace: false });
    expect(outcome.livelock).toBe(true);
    expect(violations.length).toBeGreaterThan(0);
    expect(violations.every((v) => v.property === 'liveness' && v.class === 'liveness')).toBe(true);
    expect(violations[0]?.detail).toMatch(/livelock: the step limit was hit after 10 steps/);
  });
});

describe('a check-back racing a slow local transaction', () => {
  test('the instance still running it answers unknown; the transaction still commits exactly once', () => {
    const { outcome, violations } = runAndCheck(spec({ producers: 1, transactionTimeoutMs: 1_000, checkIntervalMs: 5_000 }, [{ localTxMs: 12_000 }]), {
      trace: false,
    });
    const answers = outcome.facts.flatMap((f) => (f.kind === 'check-answered' ? [f.answer] : []));
    expect(answers.slice(0, 2)).toEqual(['unknown', 'unknown']);
    expect(answers).toContain('commit');
    expect(violations).toEqual([]);
    expect(outcome.target['inv-o1']?.purchases).toBe(1);
  });
});

describe('mixed subscriptions in one group', () => {
  test('the messages each instance or the broker filters away are reported lost for the group', () => {
    const { violations } = runAndCheck(spec({ consumers: 2, consumerSubscriptions: ['TagA || ', 'TagB'] }, [{ tag: 'TagA' }, { tag: 'TagB' }]), { trace: false });
    const found = (property: string, order: string) => violations.some((v) => v.property === property && v.order === order);
    for (const order of ['o1', 'o2']) {
      expect(found('tag-routing', order), order).toBe(true);
      expect(found('no-loss', order), order).toBe(true);
    }
    expect(violations.find((v) => v.property === 'tag-routing')?.detail).toMatch(/^target-fund \('TagA \|\| ', 'TagB'\) never received it/);
  });

  test('an expression of empty parts subscribes to everything, as in RocketMQ', () => {
    const { violations } = runAndCheck(spec({ consumers: 1, consumerSubscriptions: ['||'] }, [{ tag: 'TagA' }, {}]), { trace: false });
    expect(violations).toEqual([]);
  });
});
