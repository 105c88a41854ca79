// Regression for soak 1's failing run (default#283227 on model version 1): a duplicated last attempt fails while the
// operator re-drives the dead letter, its send-back reaches the broker after the re-drive and dead-letters the old
// message again, as RocketMQ's broker does (it looks the message up by commit-log offset, rocketmq-semantics.md 2.2).
// The dlq checker used to count that dead letter against the re-drive's new cycle, which has no failed last
// attempt, and reported "1 dead letters in one cycle but only 0 failed last attempts". Its teeth stay: a dead letter
// no failed last attempt answers for, in the same scenario, is still reported, from a doctored history and from a
// broker mutant that takes a duplicated send-back for a second failure.
import { DeliveryDraft } from '../../model/deliveryDraft.ts';
import { enqueueActions } from 'xstate';
import { describe, expect, test } from 'vitest';
import { brokerMachine } from '../../model/broker.ts';
import { TARGET_GROUP } from '../../model/config.ts';
import type { Fact } from '../../model/facts.ts';
import type { RunSpec } from '../../model/runSpec.ts';
import { CHECKERS } from '../../properties/index.ts';
import { originalAction } from '../../properties/mutants/original.ts';
import { runAndCheck } from '../../properties/runAndCheck.ts';
import type { Mutant } from '../../properties/types.ts';
import { loadScenarioFile } from '../../scenarios/load.ts';
import { toRunSpec } from '../../scenarios/toRunSpec.ts';

const FILE = new URL('../../scenarios/examples/late-send-back-after-redrive.json', import.meta.url).pathname;
const spec = toRunSpec(loadScenarioFile(FILE));
const run = runAndCheck(spec, { trace: false });
const facts = run.outcome.facts.filter((f) => 'group' in f && f.group === TARGET_GROUP && 'order' in f && f.order === 'o1');
const indexOf = (kind: Fact['kind'], nth = 0): number => facts.map((f, i) => (f.kind === kind ? i : -1)).filter((i) => i >= 0)[nth] ?? -1;

const dlqChecker = CHECKERS.dlq;
if (dlqChecker === undefined) throw new Error('no dlq checker');

const consumeAck = originalAction(brokerMachine, 'consumeAck');

/** A broker that takes every failed answer for a fresh failure, even of a delivery it no longer has in flight. */
const staleSendBackCounted: Mutant = {
  name: 'stale-send-back-counted',
  description: 'A duplicated send-back of an exhausted message dead-letters it a second time (dlq).',
  caughtBy: ['dlq'],
  machines: {
    broker: brokerMachine.provide({
      actions: {
        consumeAck: enqueueActions(({ context, event, enqueue }) => {
          if (event.type === 'consumeAck' && event.status === 'later' && context.delivery.cursor(event.group, event.queue) !== undefined) {
            // The answered offset is taken for in flight again (the cursors change by edits only: model/deliveryDraft.ts).
            const draft = new DeliveryDraft(context.delivery);
            draft.edit(event.group, event.queue, 0).writeInflight().add(event.offset);
            enqueue({ type: 'applyDeliveryEdits', params: draft.edits()! });
          }
          enqueue(consumeAck);
        }),
      },
    }),
  },
};

describe('a send-back that lands after the re-drive', () => {
  test('the scenario has the mechanism: a failed last attempt before the re-drive, its dead letter after it', () => {
    const redriven = indexOf('redriven');
    const lateDeadLetter = indexOf('dlq', 1);
    expect(redriven).toBeGreaterThan(0);
    expect(lateDeadLetter).toBeGreaterThan(redriven);
    // Two failed last attempts before the re-drive (the retry and its redelivery after the crash), one dead letter.
    const before = facts.slice(0, redriven);
    expect(before.filter((f) => f.kind === 'consume-failed' && f.reconsumeTimes === 1)).toHaveLength(2);
    expect(before.filter((f) => f.kind === 'dlq')).toHaveLength(1);
    // No failure after the re-drive: the redriven copy is consumed.
    expect(facts.slice(redriven).some((f) => f.kind === 'consume-failed')).toBe(false);
    expect(run.outcome.dlq).toEqual(['o1']);
  });

  test('is RocketMQ behaviour: no checker reports it', () => {
    expect(run.violations).toEqual([]);
  });

  test('a dead letter that no failed last attempt answers for is still reported (doctored history)', () => {
    const carried = facts.filter((f) => f.kind === 'consume-failed')[1];
    const doctored = { ...run.outcome, facts: run.outcome.facts.filter((f) => f !== carried) };
    const details = dlqChecker.check(doctored).map((v) => v.detail);
    expect(details).toContain('target-fund: 1 dead letters in one cycle but only 0 failed last attempts');
  });

  test('a broker that dead-letters twice for one failure is caught (mutant)', () => {
    // The first failed last attempt's send-back arrives twice: the model ignores the copy, the mutant does not.
    const duplicated: RunSpec = {
      ...spec,
      faults: { ...spec.faults, script: [...spec.faults.script, { at: 10_000, type: 'duplicate', message: 'consumeAck', order: 'o1' }] },
    };
    expect(runAndCheck(duplicated, { trace: false }).violations).toEqual([]);
    const broken = runAndCheck(duplicated, { mutant: staleSendBackCounted, trace: false });
    expect(broken.outcome.facts.filter((f) => f.kind === 'dlq')).toHaveLength(3);
    expect(broken.violations.filter((v) => v.property === 'dlq').map((v) => v.detail)).toContain(
      'target-fund: 1 dead letters in one cycle but only 0 failed last attempts',
    );
  });
});
