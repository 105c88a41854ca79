// Runs with users' machines for the report tests: the classic consumer bugs the diagrams must explain (an ack sent
// before the purchase commits, then the crash that aborts it; two concurrent deliveries that both read 'absent'
// and both buy), the correct consumer whose transaction a crash aborts, and a user producer answering a check-back.
// Each is scripted, one order, no random faults; built once per test file and shared.
import { assign, emit, setup } from 'xstate';
import { makeConfig, type ModelConfig } from '../../model/config.ts';
import type { RoleCallFields, RoleEmit } from '../../model/protocol.ts';
import type { OrderSpec, RunSpec, UserRoles } from '../../model/runSpec.ts';
import { runAndCheck, type RunResult } from '../../properties/runAndCheck.ts';
import { NO_FAULTS, type ScriptedFault } from '../../sim/faults.ts';
import { ackFirstConsumer, correctConsumer, correctProducer } from '../model/userMachines.ts';

type Deliver = { type: 'deliver' } & RoleCallFields['deliver'];
type DbResult = { type: 'db.result'; ok: boolean; value?: unknown; reason?: string };

/** Check, then act: reads processed/<txId>, and if absent buys and writes it in a second step. Races with itself. */
export const checkThenActConsumer = setup({
  types: { context: {} as { txId: string; order: string; amount: number }, events: {} as Deliver | DbResult, emitted: {} as RoleEmit },
}).createMachine({
  id: 'check-then-act-consumer',
  context: { txId: '', order: '', amount: 0 },
  initial: 'idle',
  states: {
    idle: {
      on: {
        deliver: {
          target: 'checking',
          actions: [
            assign(({ event }) => ({ txId: event.txId, order: event.order, amount: event.amount })),
            emit(({ event }) => ({ type: 'db.read' as const, key: `processed/${event.txId}` })),
          ],
        },
      },
    },
    checking: {
      on: {
        'db.result': [
          { guard: ({ event }) => event.value !== undefined, target: 'done', actions: emit({ type: 'consumeAck', status: 'success' }) },
          {
            target: 'buying',
            actions: emit(({ context }) => ({
              type: 'db.transaction' as const,
              ops: [
                { op: 'put' as const, key: `processed/${context.txId}`, value: 'done' },
                { op: 'buyTargetFund' as const, order: context.order, amount: context.amount },
              ],
            })),
          },
        ],
      },
    },
    buying: { on: { 'db.result': { target: 'done', actions: emit({ type: 'consumeAck', status: 'success' }) } } },
    done: { type: 'final' },
  },
});

/** De-duplicates in the instance's memory: a crash forgets it, the redelivery buys again. */
export const memoryDedupConsumer = setup({
  types: { context: {} as { txId: string; order: string; amount: number }, events: {} as Deliver | DbResult | { type: 'memory.result'; key: string; value?: unknown }, emitted: {} as RoleEmit },
}).createMachine({
  id: 'memory-dedup-consumer',
  context: { txId: '', order: '', amount: 0 },
  initial: 'idle',
  states: {
    idle: {
      on: {
        deliver: {
          target: 'checking',
          actions: [assign(({ event }) => ({ txId: event.txId, order: event.order, amount: event.amount })), emit(({ event }) => ({ type: 'memory.read' as const, key: `seen/${event.txId}` }))],
        },
      },
    },
    checking: {
      on: {
        'memory.result': [
          { guard: ({ event }) => event.value !== undefined, target: 'done', actions: emit({ type: 'consumeAck', status: 'success' }) },
          {
            target: 'buying',
            actions: [
              emit(({ context }) => ({ type: 'memory.write' as const, key: `seen/${context.txId}`, value: true })),
              emit(({ context }) => ({ type: 'db.transaction' as const, ops: [{ op: 'buyTargetFund' as const, order: context.order, amount: context.amount }] })),
            ],
          },
        ],
      },
    },
    buying: { on: { 'memory.result': { actions: () => undefined }, 'db.result': { target: 'done', actions: emit({ type: 'consumeAck', status: 'success' }) } } },
    done: { type: 'final' },
  },
});

const O1: OrderSpec = { id: 'o1', at: 0, amount: 100, walletBalance: 1_000, localTx: 'commit', checkAnswers: [], consumerFailures: 0 };

function spec(name: string, roles: UserRoles, script: ScriptedFault[], config: Partial<ModelConfig>): RunSpec {
  return { name, seed: 7, config: { ...makeConfig({ consumers: 1, tagSubscribers: false }), ...config }, orders: [O1], faults: { options: NO_FAULTS, script }, roles };
}

const cache = new Map<string, RunResult>();
const once = (name: string, make: () => RunResult): RunResult => {
  let result = cache.get(name);
  if (result === undefined) cache.set(name, (result = make()));
  return result;
};

export const userRuns = {
  /**
   * Ack before commit: the consumer answers CONSUME_SUCCESS at 34 ms, then starts a 20 s purchase transaction; the
   * acked offset reaches the broker at 10 s, the crash at 15.034 s aborts the transaction: never bought.
   */
  ackFirstCrash: () =>
    once('ackFirstCrash', () =>
      runAndCheck(spec('ack-before-commit', { consumer: ackFirstConsumer }, [{ type: 'crash', node: 'consumer-1', at: 15_034, restartAfterMs: 1_000 }], { dbTransactionMs: 20_000 })),
    ),
  /** A duplicated commit stores the message twice; both copies reach consumer-1 at once, both read 'absent', both buy. */
  checkThenActRace: () =>
    once('checkThenActRace', () =>
      runAndCheck(spec('check-then-act', { consumer: checkThenActConsumer }, [{ at: 0, type: 'duplicate', message: 'commit', order: 'o1' }], { dbReadMs: 20 })),
    ),
  /** The correct consumer: the crash at 39 ms aborts its transaction; the redelivery buys once. */
  correctCrash: () =>
    once('correctCrash', () => runAndCheck(spec('correct-consumer-crash', { consumer: correctConsumer }, [{ type: 'crash', node: 'consumer-1', at: 39, restartAfterMs: 1_000 }], {}))),
  /** Memory de-duplication: the crash at 5 s forgets what it saw before the ack was durable; the redelivery buys again. */
  memoryCrash: () =>
    once('memoryCrash', () => runAndCheck(spec('memory-dedup', { consumer: memoryDedupConsumer }, [{ type: 'crash', node: 'consumer-1', at: 5_000, restartAfterMs: 1_000 }], {}))),
  /** A user producer whose commit is lost: the check-back reads its durable record and commits. */
  producerCheck: () =>
    once('producerCheck', () =>
      runAndCheck(spec('user-producer-check', { producer: correctProducer, consumer: correctConsumer }, [{ at: 0, type: 'drop', message: 'commit', order: 'o1' }], {})),
    ),
};
