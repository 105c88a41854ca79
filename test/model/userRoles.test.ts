// Users' machines in the consumer and producer roles (model/userCalls.ts): judged by the same checkers as txsim's
// own model, caught when wrong, crash semantics of the simulated database, the same trace on both interpreters,
// and protocol errors that name the role, the event and the fix.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { assign, emit, enqueueActions, fromPromise, log, not, setup, type AnyStateMachine } from 'xstate';
import { makeConfig } from '../../model/config.ts';
import type { RoleCallFields, RoleEmit } from '../../model/protocol.ts';
import type { OrderSpec, RunSpec, UserRoles } from '../../model/runSpec.ts';
import { LeanRefusal, RoleProtocolError, roleRuntimeFor } from '../../model/userRoles.ts';
import { runModel } from '../../model/world.ts';
import { PROFILES } from '../../properties/profiles/index.ts';
import { runAndCheck } from '../../properties/runAndCheck.ts';
import { NO_FAULTS, type ScriptedFault } from '../../sim/faults.ts';
import type { Trace, TraceEvent } from '../../sim/trace.ts';
import { ackFirstConsumer, correctConsumer, correctProducer, nonIdempotentConsumer } from './userMachines.ts';

const SEEDS = Array.from({ length: 40 }, (_, i) => i + 1);

function withRoles(seed: number, roles: UserRoles): RunSpec {
  return { ...PROFILES.default!.generate(seed), roles };
}

function records(trace: Trace): TraceEvent[] {
  return Array.from({ length: trace.size }, (_, i) => trace.at(i));
}

/** One order, no random faults, a small world: the crash tests place their crash by the trace of a clean run. */
function oneOrder(faults: ScriptedFault[] = [], roles: UserRoles = { consumer: correctConsumer }): RunSpec {
  const order: OrderSpec = { id: 'o1', at: 0, amount: 100, walletBalance: 1_000, localTx: 'commit', checkAnswers: [], consumerFailures: 0 };
  return { name: 'one-order', seed: 7, config: makeConfig({ consumers: 1, tagSubscribers: false }), orders: [order], faults: { options: NO_FAULTS, script: faults }, roles };
}

describe('a user consumer is judged by the same checkers', () => {
  test('the correct consumer (insert processed/<txId> + buy in one transaction) passes the default profile', () => {
    for (const seed of SEEDS) {
      const { violations, outcome } = runAndCheck(withRoles(seed, { consumer: correctConsumer }), { trace: false });
      expect(violations, `seed ${seed}`).toEqual([]);
      expect(outcome.userRoleRuntime).toEqual({ consumer: { runtime: 'lean' } });
    }
  });

  test('a non-idempotent consumer (buys on every delivery) is caught by no-double-purchase', () => {
    const caught = SEEDS.filter((seed) => runAndCheck(withRoles(seed, { consumer: nonIdempotentConsumer }), { trace: false }).violations.some((v) => v.property === 'no-double-purchase'));
    expect(caught.length).toBeGreaterThan(0);
  });

  test('a consumer that acks before its purchase commits loses the purchase when it crashes in between', () => {
    // A slow database (20 s per transaction): the acked offset reaches the broker (persisted every 5 s) before the
    // purchase commits, so a crash in between is not repaired by a redelivery.
    const slow = (spec: RunSpec): RunSpec => ({ ...spec, config: { ...spec.config, dbTransactionMs: 20_000 } });
    const clean = runModel(slow(oneOrder([], { consumer: ackFirstConsumer })));
    expect(clean.target['inv-o1']?.purchases).toBe(1);
    const answer = records(clean.trace).find((r) => r.kind === 'ANSWER' && r.order === 'o1') as TraceEvent;
    expect(answer.node).toBe('consumer-1');
    const crash: ScriptedFault = { type: 'crash', node: 'consumer-1', at: answer.time + 15_000, restartAfterMs: 1_000 };
    const { violations, outcome } = runAndCheck(slow(oneOrder([crash], { consumer: ackFirstConsumer })));
    expect(outcome.target['inv-o1']?.purchases).toBe(0);
    expect(violations.map((v) => v.property)).toContain('atomicity');
    // The correct consumer under the same crash: its transaction is aborted, the message comes again, one purchase.
    const correct = runAndCheck(slow(oneOrder([crash])));
    expect(correct.violations).toEqual([]);
    expect(correct.outcome.target['inv-o1']?.purchases).toBe(1);
  });

  test('a database transaction in flight when its instance crashes is aborted (the connection dropped before commit)', () => {
    const clean = runModel(oneOrder());
    const call = records(clean.trace).find((r) => r.kind === 'CALL' && r.order === 'o1') as TraceEvent;
    const crash: ScriptedFault = { type: 'crash', node: call.node, at: call.time + 5, restartAfterMs: 1_000 };
    const outcome = runModel(oneOrder([crash]));
    const trace = records(outcome.trace);
    const crashedAt = trace.find((r) => r.kind === 'CRASH') as TraceEvent;
    const db = trace.filter((r) => r.kind === 'DB' && r.order === 'o1');
    // No transaction of the crashed incarnation ran; the one after the redelivery did, once.
    expect(db.every((r) => r.time > crashedAt.time + 1_000)).toBe(true);
    expect(db).toHaveLength(1);
    expect(trace.filter((r) => r.kind === 'CALL' && r.order === 'o1').length).toBe(2);
    expect(outcome.target['inv-o1']?.purchases).toBe(1);
  });
});

describe('a user producer', () => {
  test('debitWallet with its own record in one transaction, check-backs answered from that record: consistent', () => {
    for (const seed of SEEDS) {
      const { violations } = runAndCheck(withRoles(seed, { producer: correctProducer, consumer: correctConsumer }), { trace: false });
      expect(violations, `seed ${seed}`).toEqual([]);
    }
  });

  test('its main transaction is observed as txsim\'s own (main-committed, tx/<order>) and the client is told', () => {
    const outcome = runModel(oneOrder([], { producer: correctProducer }));
    const kinds = outcome.facts.map((f) => f.kind);
    expect(kinds).toContain('main-committed');
    expect(outcome.facts.find((f) => f.kind === 'client-response')).toMatchObject({ ok: true, reason: 'accepted' });
    expect(outcome.business['inv-o1']).toEqual({ wallet: 900, mmf: 100 });
  });

  test('a short wallet rolls the transaction back: nothing moves, the client is refused with the reason', () => {
    const spec = oneOrder([], { producer: correctProducer });
    const outcome = runModel({ ...spec, orders: [{ ...(spec.orders[0] as OrderSpec), walletBalance: 50 }] });
    expect(outcome.facts.find((f) => f.kind === 'client-response')).toMatchObject({ ok: false, reason: 'insufficient-balance' });
    expect(outcome.facts.map((f) => f.kind)).toContain('main-rolled-back');
    expect(outcome.business['inv-o1']).toEqual({ wallet: 50, mmf: 0 });
    expect(outcome.target['inv-o1']?.purchases).toBe(0);
  });
});

describe('interpreters', () => {
  test('the same trace hash on the lean runtime and on XState\'s for user machines', () => {
    for (const seed of SEEDS.slice(0, 12)) {
      const spec = withRoles(seed, { producer: correctProducer, consumer: correctConsumer });
      const lean = runModel(spec, { runtime: 'lean' });
      const xstate = runModel(spec, { runtime: 'xstate' });
      expect(lean.traceHash, `seed ${seed}`).toBe(xstate.traceHash);
      expect(xstate.userRoleRuntime).toEqual({ producer: { runtime: 'xstate' }, consumer: { runtime: 'xstate' } });
    }
  });

  test('a machine the lean runtime refuses runs on XState\'s, with the reason, and the same trace', () => {
    const parallel = setup({ types: { events: {} as { type: 'deliver' } | { type: 'db.result' }, emitted: {} as RoleEmit } }).createMachine({
      id: 'parallel-consumer',
      type: 'parallel',
      states: { a: { on: { deliver: { actions: emit({ type: 'consumeAck', status: 'success' }) } } }, b: {} },
    });
    expect(roleRuntimeFor(parallel).reason).toMatch(/parallel state/);
    const outcome = runModel(oneOrder([], { consumer: parallel }));
    expect(outcome.userRoleRuntime?.consumer).toEqual({ runtime: 'xstate', reason: expect.stringMatching(/parallel state/) });
    expect(runModel(oneOrder([], { consumer: parallel }), { runtime: 'xstate' }).traceHash).toBe(outcome.traceHash);
  });

  test('a refusal only an action body shows (a built-in guard in enqueueActions) makes the run again on XState\'s', () => {
    const logging = setup({ types: { events: {} as { type: 'deliver' }, emitted: {} as RoleEmit } }).createMachine({
      id: 'guarded-consumer',
      on: {
        deliver: {
          actions: enqueueActions(({ enqueue, check }) => {
            if (check(not(() => false))) enqueue.emit({ type: 'consumeAck', status: 'success' });
          }),
        },
      },
    });
    expect(roleRuntimeFor(logging)).toEqual({ runtime: 'lean' });
    const outcome = runModel(oneOrder([], { consumer: logging }));
    expect(outcome.userRoleRuntime?.consumer?.runtime).toBe('xstate');
    expect(outcome.userRoleRuntime?.consumer?.reason).toMatch(/built-in guard/);
    expect(outcome.facts.filter((f) => f.kind === 'consumed')).toHaveLength(1);
    expect(new LeanRefusal('consumer', 'x').role).toBe('consumer');
  });
});

/** A consumer that answers a deliver with the given emit. */
function answering(event: Record<string, unknown>): AnyStateMachine {
  return setup({ types: { events: {} as { type: 'deliver' } } }).createMachine({ on: { deliver: { actions: emit(event as never) } } });
}

function protocolError(roles: UserRoles): RoleProtocolError {
  try {
    runModel(oneOrder([], roles));
  } catch (error) {
    if (error instanceof RoleProtocolError) return error;
    throw error;
  }
  throw new Error('the run did not fail');
}

describe('protocol errors are the user\'s: they name the role, the event and the fix', () => {
  test('an unknown emit', () => {
    const error = protocolError({ consumer: answering({ type: 'ack' }) });
    expect(error).toMatchObject({ role: 'consumer', event: 'ack' });
    expect(error.message).toMatch(/^consumer machine: .*'ack'.*fix: emit only consumeAck, db\.read/);
  });

  test('an answer that does not fit the call', () => {
    const error = protocolError({ consumer: answering({ type: 'checkReply', action: 'commit' }) });
    expect(error).toMatchObject({ role: 'consumer', event: 'checkReply' });
    expect(error.fix).toMatch(/answer deliver with consumeAck/);
  });

  test('a bad answer field, and an answer given twice', () => {
    expect(protocolError({ consumer: answering({ type: 'consumeAck', status: 'ok' }) }).message).toMatch(/status "ok"/);
    const twice = setup({ types: { events: {} as { type: 'deliver' }, emitted: {} as RoleEmit } }).createMachine({
      on: { deliver: { actions: [emit({ type: 'consumeAck', status: 'success' }), emit({ type: 'consumeAck', status: 'success' })] } },
    });
    expect(protocolError({ consumer: twice }).problem).toMatch(/answered twice/);
  });

  test('a result it asked for and cannot take', () => {
    const deaf = setup({ types: { events: {} as { type: 'deliver' } | { type: 'db.result' }, emitted: {} as RoleEmit } }).createMachine({
      initial: 'idle',
      states: { idle: { on: { deliver: { target: 'waiting', actions: emit({ type: 'db.read', key: 'k' }) } } }, waiting: {} },
    });
    const error = protocolError({ consumer: deaf });
    expect(error).toMatchObject({ role: 'consumer', event: 'db.result' });
    expect(error.fix).toMatch(/transition on 'db.result'/);
  });

  test('a call its initial state cannot take, an operation of the other role, a machine that throws', () => {
    const producerLike = setup({ types: { events: {} as { type: 'executeLocal' } } }).createMachine({ on: { executeLocal: {} } });
    expect(protocolError({ consumer: producerLike })).toMatchObject({ event: 'deliver' });
    const debits = answering({ type: 'db.transaction', ops: [{ op: 'debitWallet', order: 'o1', amount: 1 }] });
    expect(protocolError({ consumer: debits }).problem).toMatch(/debitWallet belongs to the producer role/);
    const throws = setup({ types: { events: {} as { type: 'deliver' } } }).createMachine({
      on: {
        deliver: {
          actions: () => {
            throw new Error('boom');
          },
        },
      },
    });
    for (const runtime of ['lean', 'xstate'] as const) {
      expect(() => runModel(oneOrder([], { consumer: throws }), { runtime })).toThrow(/consumer machine: threw boom/);
    }
  });

  test('a producer answering executeLocal with checkReply', () => {
    const wrong = setup({ types: { events: {} as ({ type: 'executeLocal' } & RoleCallFields['executeLocal']) | { type: 'check' } } }).createMachine({
      on: { executeLocal: { actions: emit({ type: 'checkReply', action: 'commit' } as never) }, check: {} },
    });
    const error = protocolError({ producer: wrong });
    expect(error).toMatchObject({ role: 'producer', event: 'checkReply' });
    expect(error.fix).toMatch(/answer executeLocal with endTransaction/);
  });
});

describe('memory is the instance\'s own and volatile', () => {
  test('memory.write then memory.read answers at once with the value', () => {
    type Ev = ({ type: 'deliver' } & RoleCallFields['deliver']) | { type: 'memory.result'; key: string; value?: unknown };
    const remembers = setup({ types: { events: {} as Ev, emitted: {} as RoleEmit } }).createMachine({
      initial: 'idle',
      states: {
        idle: { on: { deliver: { target: 'writing', actions: emit(({ event }) => ({ type: 'memory.write' as const, key: 'last', value: event.txId })) } } },
        writing: { on: { 'memory.result': { target: 'reading', actions: emit({ type: 'memory.read', key: 'last' }) } } },
        reading: {
          on: {
            'memory.result': {
              target: 'done',
              actions: emit(({ event }) => ({ type: 'consumeAck' as const, status: event.value === 'tx-o1' ? ('success' as const) : ('later' as const) })),
            },
          },
        },
        done: { type: 'final' },
      },
    });
    const outcome = runModel(oneOrder([], { consumer: remembers }));
    expect(outcome.facts.filter((f) => f.kind === 'consumed')).toHaveLength(1);
    expect(outcome.facts.some((f) => f.kind === 'consume-failed')).toBe(false);
  });
});

describe('the API takes roles', () => {
  test('runScenario, checkRuns and exploreSeeds run the user machines and judge them', async () => {
    const { runScenario } = await import('../../api/run.ts');
    const { checkRuns } = await import('../../api/property.ts');
    const { exploreSeeds } = await import('../../properties/explore.ts');
    const scenario = { name: 'user-consumer', orders: [{ id: 'o1', amount: 100 }], expect: [{ noViolations: true as const }] };
    const { report, outcome } = runScenario(scenario, { roles: { consumer: correctConsumer } });
    expect(report.ok).toBe(true);
    expect(JSON.parse(JSON.stringify(report)).ok).toBe(true);
    expect(outcome.userRoleRuntime).toEqual({ consumer: { runtime: 'lean' } });
    expect(records(outcome.trace).some((r) => r.kind === 'CALL')).toBe(true);
    expect(() => checkRuns({ roles: { consumer: nonIdempotentConsumer }, numRuns: 60, seed: 3, out: '/tmp/txsim-u1-test' })).toThrow(/no-double-purchase/);
    const summary = await exploreSeeds({ profile: 'default', fromSeed: 1, runs: 40, roles: { consumer: nonIdempotentConsumer } });
    expect(summary.failingSeeds.length).toBeGreaterThan(0);
  });

  test('explore with machine objects runs in this thread, finds the bug and shrinks it with the same machines', async () => {
    const { explore } = await import('../../api/explore.ts');
    const out = mkdtempSync(join(tmpdir(), 'txsim-u1-'));
    const summary = await explore({ profile: 'default', runs: 25, seed: 1, workers: 2, out, roles: { consumer: nonIdempotentConsumer } });
    expect(summary.workers).toBe(1);
    expect(summary.failingRuns).toBeGreaterThan(0);
    expect(summary.shrunk?.violations.join(' ')).toMatch(/no-double-purchase/);
    const correct = await explore({ profile: 'default', runs: 25, seed: 1, out, roles: { consumer: correctConsumer } });
    expect(correct.failingRuns).toBe(0);
  });
});

describe('the requests, end to end on both interpreters', () => {
  type Ev =
    | ({ type: 'deliver' } & RoleCallFields['deliver'])
    | { type: 'db.result'; ok: boolean; value?: unknown }
    | { type: 'memory.result'; key: string; value?: unknown }
    | { type: 'wake' };
  // Reads its memory at start (answered before the call arrives), writes and reads back a key, waits on its own
  // timer (simulated time), then deletes the key and buys in one transaction, answering with enqueue.emit.
  const thorough = setup({ types: { context: {} as { txId: string; order: string; amount: number }, events: {} as Ev, emitted: {} as RoleEmit } }).createMachine({
    context: { txId: '', order: '', amount: 0 },
    entry: emit({ type: 'memory.read', key: 'boot' }),
    initial: 'idle',
    states: {
      idle: {
        on: {
          'memory.result': { actions: assign({ txId: '' }) },
          deliver: {
            target: 'writing',
            actions: enqueueActions(({ event, enqueue }) => {
              enqueue.assign({ txId: event.txId, order: event.order, amount: event.amount });
              enqueue.emit({ type: 'db.write', key: `seen/${event.txId}`, value: { n: 1 } });
            }),
          },
        },
      },
      writing: { on: { 'db.result': { target: 'reading', actions: emit(({ context }) => ({ type: 'db.read' as const, key: `seen/${context.txId}` })) } } },
      reading: {
        on: {
          'db.result': [
            { guard: ({ event }) => (event as { value?: { n?: number } }).value?.n === 1, target: 'waiting' },
            { target: 'done', actions: emit({ type: 'consumeAck', status: 'later' }) },
          ],
        },
      },
      waiting: { after: { 50: 'buying' } },
      buying: {
        entry: emit(({ context }) => ({
          type: 'db.transaction' as const,
          ops: [
            { op: 'put' as const, key: 'scratch' },
            { op: 'delete' as const, key: 'scratch' },
            { op: 'delete' as const, key: `seen/${context.txId}` },
            { op: 'buyTargetFund' as const, order: context.order, amount: context.amount },
          ],
        })),
        on: { 'db.result': { target: 'done', actions: enqueueActions(({ enqueue }) => enqueue.emit({ type: 'consumeAck', status: 'success' })) } },
      },
      done: { type: 'final' },
    },
  });

  test('write, read back, a timer of its own, delete and buy: one purchase, the same trace on both', () => {
    const lean = runAndCheck(oneOrder([], { consumer: thorough }));
    expect(lean.violations).toEqual([]);
    expect(lean.outcome.facts.some((f) => f.kind === 'consume-failed')).toBe(false);
    expect(lean.outcome.target['inv-o1']?.purchases).toBe(1);
    expect(records(lean.outcome.trace).filter((r) => r.kind === 'DB').map((r) => r.detail)).toEqual([
      'write seen/tx-o1: ok',
      'read seen/tx-o1: found {"n":1}',
      'transaction put+delete+delete+buyTargetFund: ok',
    ]);
    expect(runModel(oneOrder([], { consumer: thorough }), { runtime: 'xstate' }).traceHash).toBe(lean.outcome.traceHash);
  });

  test('bad requests are protocol errors naming the field', () => {
    expect(protocolError({ consumer: answering({ type: 'db.write', key: 'k', value: () => 1 }) }).problem).toMatch(/not data/);
    expect(protocolError({ consumer: answering({ type: 'memory.read', key: 7 }) }).problem).toMatch(/key that is not a string/);
    expect(protocolError({ consumer: answering({ type: 'db.read', key: '' }) }).problem).toMatch(/non-empty string/);
    expect(protocolError({ consumer: answering({ type: 'db.transaction', ops: 'insert' }) }).problem).toMatch(/ops that are not an array/);
    expect(protocolError({ consumer: answering({ type: 'db.transaction', ops: [{ op: 'upsert', key: 'k' }] }) }).problem).toMatch(/unknown operation 'upsert'/);
    expect(protocolError({ consumer: answering({ type: 'db.transaction', ops: [{ op: 'insert' }] }) }).problem).toMatch(/insert needs a non-empty string key/);
    expect(protocolError({ consumer: answering({ type: 'db.transaction', ops: [null] }) }).problem).toMatch(/not an object/);
    expect(protocolError({ consumer: answering({ type: 'db.transaction', ops: [{ op: 'buyTargetFund', order: 'o1' }] }) }).problem).toMatch(/needs \{ order: string, amount/);
    expect(protocolError({ consumer: answering({ type: 'consumeAck', status: 'later', delayLevel: 1.5 }) }).problem).toMatch(/delayLevel 1.5/);
    const badAction = setup({ types: { events: {} as { type: 'executeLocal' } | { type: 'check' } } }).createMachine({
      on: { executeLocal: { actions: emit({ type: 'endTransaction', action: 'maybe' } as never) }, check: {} },
    });
    expect(protocolError({ producer: badAction })).toMatchObject({ role: 'producer', event: 'endTransaction' });
  });

  test('which interpreter: each feature lean refuses is named', () => {
    const withLog = setup({}).createMachine({ entry: log('hi') });
    expect(roleRuntimeFor(withLog).reason).toMatch(/xstate.log action/);
    const withNot = setup({ guards: { yes: () => true } }).createMachine({ on: { go: { guard: not('yes'), actions: () => undefined } } });
    expect(roleRuntimeFor(withNot).reason).toMatch(/built-in guards/);
    const withPromise = setup({ actors: { work: fromPromise(async () => 1) } }).createMachine({ invoke: { src: 'work' } });
    expect(roleRuntimeFor(withPromise).reason).toMatch(/invoked actors that are not machines/);
    expect(roleRuntimeFor(fromPromise(async () => 1) as never).reason).toMatch(/state machines only/);
    const named = setup({ actions: { note: assign({}) }, guards: { yes: () => true } }).createMachine({ on: { go: { guard: 'yes', actions: 'note' } } });
    expect(roleRuntimeFor(named)).toEqual({ runtime: 'lean' });
    expect(roleRuntimeFor(withLog, 'xstate')).toEqual({ runtime: 'xstate' });
  });
});

describe('memory is lost with the instance', () => {
  type Ev = ({ type: 'deliver' } & RoleCallFields['deliver']) | { type: 'memory.result'; key: string; value?: unknown };
  // Fails (later) a delivery when its memory already holds an earlier one: it shows whether memory survived.
  const remembering = setup({ types: { context: {} as { txId: string }, events: {} as Ev, emitted: {} as RoleEmit } }).createMachine({
    context: { txId: '' },
    initial: 'idle',
    states: {
      idle: { on: { deliver: { target: 'reading', actions: [assign({ txId: ({ event }) => event.txId }), emit({ type: 'memory.read', key: 'last' })] } } },
      reading: {
        on: {
          'memory.result': [
            { guard: ({ event }) => event.value !== undefined, target: 'done', actions: emit({ type: 'consumeAck', status: 'later', delayLevel: 1 }) },
            { target: 'writing', actions: emit(({ context }) => ({ type: 'memory.write' as const, key: 'last', value: context.txId })) },
          ],
        },
      },
      writing: { on: { 'memory.result': { target: 'done', actions: emit({ type: 'consumeAck', status: 'success' }) } } },
      done: { type: 'final' },
    },
  });
  const twoOrders = (faults: ScriptedFault[]): RunSpec => {
    const spec = oneOrder(faults, { consumer: remembering });
    const first = spec.orders[0] as OrderSpec;
    return { ...spec, orders: [first, { ...first, id: 'o2', at: 60_000 }] };
  };
  const failedOrders = (spec: RunSpec): string[] => runModel(spec).facts.flatMap((f) => (f.kind === 'consume-failed' ? [f.order] : []));

  test('a later call on the same incarnation reads what an earlier one wrote; after a crash it reads nothing', () => {
    expect(failedOrders(twoOrders([]))).toContain('o2');
    expect(failedOrders(twoOrders([{ type: 'crash', node: 'consumer-1', at: 30_000, restartAfterMs: 1_000 }]))).toEqual([]);
  });
});

describe('the scenario format', () => {
  test('dbReadMs, dbWriteMs and dbTransactionMs are config fields; a bad one is named', async () => {
    const { parseScenario, ScenarioError } = await import('../../scenarios/load.ts');
    const { toRunSpec } = await import('../../scenarios/toRunSpec.ts');
    const ok = parseScenario({ name: 'slow-db', orders: [{ id: 'o1', amount: 1 }], config: { dbReadMs: 3, dbWriteMs: 7, dbTransactionMs: 40 } }, 'slow-db');
    expect(toRunSpec(ok).config).toMatchObject({ dbReadMs: 3, dbWriteMs: 7, dbTransactionMs: 40 });
    expect(makeConfig()).toMatchObject({ dbReadMs: 2, dbWriteMs: 5, dbTransactionMs: 10 });
    expect(() => parseScenario({ name: 'bad', orders: [{ id: 'o1', amount: 1 }], config: { dbTransactionMs: -1 } }, 'bad')).toThrow(ScenarioError);
    expect(() => parseScenario({ name: 'bad', orders: [{ id: 'o1', amount: 1 }], config: { dbTransactionMs: -1 } }, 'bad')).toThrow(/dbTransactionMs/);
  });
});
