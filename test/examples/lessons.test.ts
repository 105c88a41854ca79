// Each example machine, driven by hand with XState's pure transition() (no harness): it emits what its lesson
// says, step by step. test/examples/explore.test.ts shows the harness finding the wrong ones.
import { describe, expect, test } from 'vitest';
import { initialTransition, transition, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';
import ackBeforeCommit from '../../examples/ack-before-commit-consumer.ts';
import correctConsumer from '../../examples/correct-consumer.ts';
import correctProducer from '../../examples/correct-producer.ts';
import memoryProducer from '../../examples/memory-producer.ts';
import msgIdDedup from '../../examples/msgid-dedup-consumer.ts';
import twoTransactions from '../../examples/two-transactions-consumer.ts';
import type { RoleCall } from '../../model/protocol.ts';

/** An event sent or emitted, with its fields. */
type EventObject = { type: string; [field: string]: unknown };

/** One actor of a machine stepped by hand, collecting what it emits. */
class Stepper {
  private snapshot: AnyMachineSnapshot;
  readonly emitted: EventObject[] = [];
  constructor(private readonly machine: AnyStateMachine) {
    this.snapshot = initialTransition(machine)[0];
  }

  /** Send one event; returns what this step emitted. */
  send(event: EventObject): EventObject[] {
    const [next, actions] = transition(this.machine, this.snapshot, event);
    this.snapshot = next;
    const emitted = (actions as Array<{ type: string; params?: unknown }>).filter((a) => a.type === 'xstate.emit').map((a) => (a.params as { event: EventObject }).event);
    this.emitted.push(...emitted);
    return emitted;
  }

  get done(): boolean {
    return this.snapshot.status === 'done';
  }
}

const delivery = (over: Partial<RoleCall<'deliver'>> = {}): RoleCall<'deliver'> => ({ type: 'deliver', txId: 'tx1', msgId: 'm1', order: 'o1', investor: 'i1', amount: 100, tag: 'buy', reconsumeTimes: 0, ...over });
const ok = (value?: unknown) => ({ type: 'db.result', ok: true, ...(value === undefined ? {} : { value }) });
const failed = (reason?: string) => ({ type: 'db.result', ok: false, ...(reason === undefined ? {} : { reason }) });
const purchases = (emitted: EventObject[]) => emitted.flatMap((e) => ((e as { ops?: Array<{ op: string }> }).ops ?? []).filter((op) => op.op === 'buyTargetFund'));

describe('correct-consumer', () => {
  test('buys in the same transaction as the unique insert of the txId, and acknowledges only after it commits', () => {
    const c = new Stepper(correctConsumer);
    expect(c.send(delivery())).toEqual([{ type: 'db.transaction', ops: [{ op: 'insert', key: 'purchase/tx1' }, { op: 'buyTargetFund', order: 'o1', amount: 100 }] }]);
    expect(c.send(ok())).toEqual([{ type: 'consumeAck', status: 'success' }]);
    expect(c.done).toBe(true);
  });

  test('a duplicate key means an earlier delivery bought: success, nothing bought twice; another failure: later', () => {
    const again = new Stepper(correctConsumer);
    again.send(delivery({ msgId: 'm2', reconsumeTimes: 1 }));
    expect(again.send(failed('duplicate-key'))).toEqual([{ type: 'consumeAck', status: 'success' }]);
    const other = new Stepper(correctConsumer);
    other.send(delivery());
    expect(other.send(failed())).toEqual([{ type: 'consumeAck', status: 'later' }]);
  });

  test('two copies of one transaction (new msgId) insert the same key, so the database lets only one buy', () => {
    const keys = [delivery({ msgId: 'm1' }), delivery({ msgId: 'm2' })].map((d) => (new Stepper(correctConsumer).send(d)[0] as unknown as { ops: Array<{ key?: string }> }).ops[0]?.key);
    expect(keys).toEqual(['purchase/tx1', 'purchase/tx1']);
  });
});

describe('two-transactions-consumer (wrong)', () => {
  test('two concurrent deliveries of one txId both read "absent", then both buy', () => {
    const first = new Stepper(twoTransactions);
    const second = new Stepper(twoTransactions);
    expect(first.send(delivery())).toEqual([{ type: 'db.read', key: 'purchase/tx1' }]);
    expect(second.send(delivery({ msgId: 'm2' }))).toEqual([{ type: 'db.read', key: 'purchase/tx1' }]);
    // Both reads return before either transaction commits: the check-then-act race.
    first.send(ok());
    second.send(ok());
    expect(purchases(first.emitted)).toHaveLength(1);
    expect(purchases(second.emitted)).toHaveLength(1);
    // And `put` does not fail on the other's record: both commit and acknowledge.
    expect([first.send(ok()), second.send(ok())]).toEqual([[{ type: 'consumeAck', status: 'success' }], [{ type: 'consumeAck', status: 'success' }]]);
  });

  test('one delivery after another is fine: the second finds the record', () => {
    const later = new Stepper(twoTransactions);
    later.send(delivery());
    expect(later.send(ok('bought'))).toEqual([{ type: 'consumeAck', status: 'success' }]);
    expect(purchases(later.emitted)).toEqual([]);
  });
});

describe('msgid-dedup-consumer (wrong)', () => {
  test('a second stored copy of one transaction has a new msgId, so its unique insert succeeds and it buys again', () => {
    const copies = [delivery({ msgId: 'm1' }), delivery({ msgId: 'm2', reconsumeTimes: 1 })].map((d) => new Stepper(msgIdDedup).send(d)[0] as unknown as { ops: Array<{ op: string; key?: string }> });
    expect(copies.map((t) => t.ops[0]?.key)).toEqual(['consumed/m1', 'consumed/m2']);
    expect(copies.every((t) => t.ops.some((op) => op.op === 'buyTargetFund'))).toBe(true);
  });
});

describe('ack-before-commit-consumer (wrong)', () => {
  test('acknowledges success before the purchase transaction even starts', () => {
    const c = new Stepper(ackBeforeCommit);
    const emitted = c.send(delivery());
    expect(emitted.map((e) => e.type)).toEqual(['consumeAck', 'db.transaction']);
    expect(emitted[0]).toEqual({ type: 'consumeAck', status: 'success' });
    // If the transaction is aborted (a crash), nothing more is said: the broker already forgot the message.
    expect(c.send(failed())).toEqual([]);
  });
});

describe('correct-producer', () => {
  const executeLocal = { type: 'executeLocal', txId: 'tx1', order: 'o1', investor: 'i1', amount: 100 };
  const check = { type: 'check', txId: 'tx1', order: 'o1', checkTimes: 1 };

  test('executeLocal debits the wallet and records the txId in one transaction; commit, or rollback when short', () => {
    const p = new Stepper(correctProducer);
    expect(p.send(executeLocal)).toEqual([{ type: 'db.transaction', ops: [{ op: 'insert', key: 'localtx/tx1', value: 'committed' }, { op: 'debitWallet', order: 'o1', amount: 100 }] }]);
    expect(p.send(ok())).toEqual([{ type: 'endTransaction', action: 'commit' }]);
    const short = new Stepper(correctProducer);
    short.send(executeLocal);
    expect(short.send(failed('insufficient-balance'))).toEqual([{ type: 'endTransaction', action: 'rollback' }]);
  });

  test('check answers from the durable record', () => {
    for (const [value, action] of [['committed', 'commit'], ['rolled-back', 'rollback']] as const) {
      const p = new Stepper(correctProducer);
      expect(p.send(check)).toEqual([{ type: 'db.read', key: 'localtx/tx1' }]);
      expect(p.send(ok(value))).toEqual([{ type: 'checkReply', action }]);
    }
  });

  test('no record: the check fences a late local transaction before it answers rollback; losing the race answers unknown', () => {
    const p = new Stepper(correctProducer);
    p.send(check);
    expect(p.send(ok())).toEqual([{ type: 'db.transaction', ops: [{ op: 'insert', key: 'localtx/tx1', value: 'rolled-back' }] }]);
    expect(p.send(ok())).toEqual([{ type: 'checkReply', action: 'rollback' }]);
    const raced = new Stepper(correctProducer);
    raced.send(check);
    raced.send(ok());
    expect(raced.send(failed('duplicate-key'))).toEqual([{ type: 'checkReply', action: 'unknown' }]);
  });

  test('a local transaction that finds the fence rolls back, and says so', () => {
    const p = new Stepper(correctProducer);
    p.send(executeLocal);
    expect(p.send(failed('duplicate-key'))).toEqual([{ type: 'db.read', key: 'localtx/tx1' }]);
    expect(p.send(ok('rolled-back'))).toEqual([{ type: 'endTransaction', action: 'rollback' }]);
  });
});

describe('memory-producer (wrong)', () => {
  test('remembers a commit only in memory, and a check-back that finds nothing there answers rollback', () => {
    const p = new Stepper(memoryProducer);
    p.send({ type: 'executeLocal', txId: 'tx1', order: 'o1', investor: 'i1', amount: 100 });
    expect(p.send(ok())).toEqual([{ type: 'memory.write', key: 'answer/tx1', value: 'commit' }, { type: 'endTransaction', action: 'commit' }]);
    // After a crash (or on another instance) the memory is empty, though the debit committed.
    const afterCrash = new Stepper(memoryProducer);
    expect(afterCrash.send({ type: 'check', txId: 'tx1', order: 'o1', checkTimes: 1 })).toEqual([{ type: 'memory.read', key: 'answer/tx1' }]);
    expect(afterCrash.send({ type: 'memory.result', key: 'answer/tx1' })).toEqual([{ type: 'checkReply', action: 'rollback' }]);
    const sameInstance = new Stepper(memoryProducer);
    sameInstance.send({ type: 'check', txId: 'tx1', order: 'o1', checkTimes: 1 });
    expect(sameInstance.send({ type: 'memory.result', key: 'answer/tx1', value: 'commit' })).toEqual([{ type: 'checkReply', action: 'commit' }]);
  });
});
