// "Did not settle" comes with its reasons: each role says why it is busy from its own typed snapshot or store, the
// run driver adds the network, and the reasons reach the Outcome, the liveness violation and the JSON report.
import { describe, expect, test } from 'vitest';
import { buildRunReport } from '../../cli/report.ts';
import { makeConfig } from '../../model/config.ts';
import type { OrderSpec, RunSpec } from '../../model/runSpec.ts';
import { consumerMachine } from '../../model/consumer.ts';
import { runModel } from '../../model/world.ts';
import { runAndCheck } from '../../properties/runAndCheck.ts';
import { createMachine } from 'xstate';
import { NO_FAULTS, type ScriptedFault } from '../../sim/faults.ts';
import { Simulation } from '../../sim/simulation.ts';

const idle = createMachine({ initial: 'waiting', states: { waiting: {} } });

function spec(settleBoundMs: number, order: Partial<OrderSpec> = {}, script: ScriptedFault[] = [], faultWindowMs?: number): RunSpec {
  return {
    name: 'settle',
    seed: 3,
    settleBoundMs,
    ...(faultWindowMs === undefined ? {} : { faultWindowMs }),
    config: makeConfig({ tagSubscribers: false, producers: 1 }),
    orders: [{ id: 'o1', at: 10, amount: 100, walletBalance: 1_000, localTx: 'commit', checkAnswers: [], consumerFailures: 0, ...order }],
    faults: { options: NO_FAULTS, script },
  };
}

describe('why a run did not settle', () => {
  test('messages in flight, a local transaction still running and its half message open, right after heal', () => {
    const outcome = runModel(spec(0, { localTxMs: 12_000 }), { trace: false });
    expect(outcome.settled).toBe(false);
    expect(outcome.unsettled).toEqual(['network: 1 message in flight', 'producer-1 local transaction of o1 open', 'half message of o1 open on broker-1']);
  });

  test('a half message left open while the local transaction runs', () => {
    const outcome = runModel(spec(100, { localTxMs: 12_000 }), { trace: false });
    expect(outcome.unsettled).toEqual(['producer-1 local transaction of o1 open', 'half message of o1 open on broker-1']);
  });

  test('a consumer consuming, its queue not yet acknowledged', () => {
    const outcome = runModel(spec(35), { trace: false });
    // The commit's op record is still in the transaction center's batch (transactionOpBatchInterval), so the half
    // message counts as open too.
    expect(outcome.unsettled).toEqual(['consumer-2 consuming o1', 'half message of o1 open on broker-1', 'broker-1 backlog T:3 for target-fund: 1 message']);
  });

  test('a retry scheduled after a failed consumption', () => {
    const outcome = runModel(spec(3_000, { consumerFailures: 3 }), { trace: false });
    expect(outcome.unsettled).toContain('broker-1 1 retry scheduled');
  });

  test('an order no producer instance accepted yet', () => {
    const crash: ScriptedFault = { type: 'crash', node: 'producer-1', at: 0, restartAfterMs: 100_000 };
    const outcome = runModel(spec(100, {}, [crash], 50), { trace: false });
    expect(outcome.unsettled).toEqual(['order o1 not placed']);
  });

  test('a settled run has no reasons', () => {
    const outcome = runModel(spec(600_000), { trace: false });
    expect(outcome.settled).toBe(true);
    expect(outcome.unsettled).toEqual([]);
  });

  test('the liveness violation and the JSON report carry the reasons', () => {
    const { outcome, violations } = runAndCheck(spec(0, { localTxMs: 12_000 }), { trace: false });
    const liveness = violations.find((v) => v.property === 'liveness' && v.order === undefined);
    expect(liveness?.detail).toBe('did not settle within 0 ms after heal (stopped: time-limit); still busy: network: 1 message in flight; producer-1 local transaction of o1 open; half message of o1 open on broker-1');
    const report = buildRunReport({ outcome, violations, replay: 'npx txsim replay --seed 3' });
    expect(report.unsettled).toEqual(outcome.unsettled);
    expect(report.unsettled).toHaveLength(3);
    expect(JSON.parse(JSON.stringify(report)).unsettled).toEqual(report.unsettled);
  });

  test('a livelock names the step limit first', () => {
    const outcome = runModel(spec(600_000), { trace: false, maxSteps: 10 });
    expect(outcome.livelock).toBe(true);
    expect(outcome.unsettled[0]).toBe('livelock: the step limit of 10 was reached');
  });
});

describe('typed snapshots', () => {
  test('a node refuses to read its snapshot as another machine, and gives none while down', () => {
    const sim = new Simulation({ seed: 1 });
    const node = sim.addNode('n', () => ({ logic: idle }));
    expect(node.snapshotOf(idle)).toBeUndefined();
    const other = sim.addNode('m', () => ({ logic: idle }));
    sim.start();
    expect(other.snapshotOf(idle)?.value).toBe('waiting');
    expect(() => other.snapshotOf(consumerMachine)).toThrow(/m does not run the logic asked for/);
  });
});
