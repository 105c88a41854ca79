// Crashes at the steps of a user's machine (sim/faults.ts CrashFault.onStep): `issued` strikes right after the nth
// database request goes out and aborts it, `done` right after the nth request applied and before the machine sees
// its result; counted from `at` on, only before the heal; the same trace on both interpreters; a trigger that never
// fires changes nothing. And the draw that adds them to runs with users' machines (properties/profiles/stepCrashes.ts).
import { describe, expect, test } from 'vitest';
import { emit, setup } from 'xstate';
import type { RoleEmit } from '../../model/protocol.ts';
import { makeConfig } from '../../model/config.ts';
import type { OrderSpec, RunSpec, UserRoles } from '../../model/runSpec.ts';
import { runModel, type Outcome } from '../../model/world.ts';
import { PROFILES } from '../../properties/profiles/index.ts';
import { drawStepCrashes, MAX_NTH, MAX_STEP_CRASHES, profileWithStepCrashes, SLOW_DB_MS, STEP_CRASH_FORK } from '../../properties/profiles/stepCrashes.ts';
import { runAndCheck } from '../../properties/runAndCheck.ts';
import { NO_FAULTS, type CrashFault, type ScriptedFault } from '../../sim/faults.ts';
import type { TraceEvent } from '../../sim/trace.ts';
import { correctConsumer } from './userMachines.ts';

/** Two orders a second apart, one consumer instance: each delivery is one database transaction on consumer-1. */
function twoOrders(faults: ScriptedFault[] = [], roles: UserRoles = { consumer: correctConsumer }): RunSpec {
  const order = (id: string, at: number): OrderSpec => ({ id, at, amount: 100, walletBalance: 1_000, localTx: 'commit', checkAnswers: [], consumerFailures: 0 });
  return { name: 'two-orders', seed: 7, config: makeConfig({ consumers: 1, tagSubscribers: false }), orders: [order('o1', 0), order('o2', 1_000)], faults: { options: NO_FAULTS, script: faults }, faultWindowMs: 60_000, roles };
}

function stepCrash(nth: number, when: 'issued' | 'done', at = 0): CrashFault {
  return { type: 'crash', node: 'consumer-1', at, restartAfterMs: 2_000, kind: 'process', onStep: { nth, when } };
}

function records(outcome: Outcome): TraceEvent[] {
  return Array.from({ length: outcome.trace.size }, (_, i) => outcome.trace.at(i));
}

/** The trace records of consumer-1 of the kinds that tell the story, as `kind order detail`. */
function story(outcome: Outcome): string[] {
  return records(outcome)
    .filter((r) => r.node === 'consumer-1' && ['CALL', 'ANSWER', 'DB', 'CRASH', 'RESTART'].includes(r.kind))
    .map((r) => `${r.kind} ${r.order ?? ''} ${r.detail ?? ''}`.trim());
}

describe('a scripted crash at a step of a user machine', () => {
  test('`issued`: right after the request goes out, the request is aborted (nothing applied), and the redelivery buys once', () => {
    const outcome = runModel(twoOrders([stepCrash(2, 'issued')]));
    const lines = story(outcome);
    const crash = lines.indexOf('CRASH  process');
    // o1 ran through; o2's call issued its transaction and the node went down before anything of it applied.
    expect(lines.slice(0, crash)).toEqual(['CALL o1 deliver tx-o1', 'DB o1 transaction insert+buyTargetFund: ok', 'ANSWER o1 consumeAck success', 'CALL o2 deliver tx-o2']);
    const crashedAt = records(outcome).find((r) => r.kind === 'CRASH') as TraceEvent;
    const call = records(outcome).filter((r) => r.kind === 'CALL' && r.order === 'o2')[0] as TraceEvent;
    expect(crashedAt.time).toBe(call.time); // the request goes out at the call; the crash is right there
    // After the restart (the two calls interleave): o2 again, bought now; o1 again too (its offset was not persisted yet), found bought.
    expect(lines.slice(crash + 1).sort()).toEqual([
      'RESTART',
      'CALL o2 deliver tx-o2',
      'DB o2 transaction insert+buyTargetFund: ok',
      'ANSWER o2 consumeAck success',
      'CALL o1 deliver tx-o1',
      'DB o1 transaction insert+buyTargetFund: duplicate-key',
      'ANSWER o1 consumeAck success',
    ].sort());
    expect(runAndCheck(twoOrders([stepCrash(2, 'issued')])).violations).toEqual([]);
  });

  test('`done`: right after the request applied, before the machine took its next step (no answer); the write is kept', () => {
    const outcome = runModel(twoOrders([stepCrash(1, 'done')]));
    const lines = story(outcome);
    expect(lines.slice(0, 3)).toEqual(['CALL o1 deliver tx-o1', 'DB o1 transaction insert+buyTargetFund: ok', 'CRASH  process']);
    const db = records(outcome).find((r) => r.kind === 'DB') as TraceEvent;
    const crashedAt = records(outcome).find((r) => r.kind === 'CRASH') as TraceEvent;
    expect(crashedAt.time).toBe(db.time);
    // The redelivery finds the record (duplicate-key): still one purchase.
    expect(lines).toContain('DB o1 transaction insert+buyTargetFund: duplicate-key');
    expect(outcome.target['inv-o1']?.purchases).toBe(1);
    expect(runAndCheck(twoOrders([stepCrash(1, 'done')])).violations).toEqual([]);
  });

  test('steps count from `at` on: armed after o1 finished, the first issued step is o2\'s', () => {
    expect(runModel(twoOrders([stepCrash(1, 'issued', 500)])).traceHash).toBe(runModel(twoOrders([stepCrash(2, 'issued')])).traceHash);
  });

  test('the same run on both interpreters', () => {
    for (const fault of [stepCrash(1, 'issued'), stepCrash(2, 'done'), stepCrash(1, 'done', 500)]) {
      const spec = twoOrders([fault]);
      expect(runModel(spec, { runtime: 'xstate' }).traceHash, JSON.stringify(fault.onStep)).toBe(runModel(spec, { runtime: 'lean' }).traceHash);
    }
  });

  test('two triggers on one node: each counts its own kind of step; the one that strikes first wins', () => {
    const both = runModel(twoOrders([stepCrash(2, 'issued'), stepCrash(1, 'done')]));
    expect(story(both).slice(0, 3)).toEqual(['CALL o1 deliver tx-o1', 'DB o1 transaction insert+buyTargetFund: ok', 'CRASH  process']);
    expect(records(both).filter((r) => r.kind === 'CRASH')).toHaveLength(2); // the issued one strikes o2's request later
  });

  test('a request an entry action issues while the actor starts: the crash stops the new actor at once, no protocol error', () => {
    // Reads a warm-up key on entry, before it takes the call; the crash strikes at that read.
    const eager = setup({ types: { events: {} as { type: string }, emitted: {} as RoleEmit } }).createMachine({
      initial: 'warming',
      states: {
        warming: {
          entry: emit({ type: 'db.read', key: 'warm-up' } as RoleEmit),
          on: { deliver: { actions: emit({ type: 'consumeAck', status: 'later' } as RoleEmit) }, 'db.result': 'ready' },
        },
        ready: { on: { deliver: { target: 'done', actions: emit({ type: 'consumeAck', status: 'success' } as RoleEmit) } } },
        done: { type: 'final' },
      },
    });
    for (const runtime of ['lean', 'xstate'] as const) {
      // runModel would throw a RoleProtocolError had the stopped actor been sent the call.
      const outcome = runModel(twoOrders([stepCrash(1, 'issued')], { consumer: eager }), { runtime });
      expect(story(outcome).slice(0, 2), runtime).toEqual(['CALL o1 deliver tx-o1', 'CRASH  process']);
    }
  });

  test('a trigger that never fires does nothing (nth beyond the steps, armed after the heal, or on a node with no machine)', () => {
    const clean = runModel(twoOrders()).traceHash;
    expect(runModel(twoOrders([stepCrash(3, 'issued')])).traceHash).toBe(clean);
    expect(runModel(twoOrders([stepCrash(1, 'issued', 61_000)])).traceHash).toBe(clean);
    expect(runModel(twoOrders([{ ...stepCrash(1, 'issued'), node: 'producer-1' }])).traceHash).toBe(clean);
  });
});

describe('step crashes drawn for runs with users\' machines', () => {
  const SEEDS = Array.from({ length: 200 }, (_, i) => i + 1);

  test('no roles: the profile itself, so every run without users\' machines is unchanged', () => {
    expect(profileWithStepCrashes(PROFILES.default!, [])).toBe(PROFILES.default);
  });

  test('with roles: the profile\'s run plus 0..2 step crashes of the filled roles\' instances, from a fork of their own', () => {
    const profile = PROFILES.default!;
    const counts = new Set<number>();
    const kinds = new Set<string>();
    let slowRuns = 0;
    let afterMsSeen = 0;
    for (const seed of SEEDS) {
      const base = profile.generate(seed);
      const spec = profileWithStepCrashes(profile, ['consumer']).generate(seed);
      const added = spec.faults.script.slice(base.faults.script.length) as CrashFault[];
      expect(spec.faults.script.slice(0, base.faults.script.length)).toEqual(base.faults.script); // the profile's own draws unchanged
      // Else only the database may be slow (SLOW_DB_MS); an issued crash may then come while the request is in flight.
      expect({ ...spec, faults: base.faults, config: { ...spec.config, dbTransactionMs: base.config.dbTransactionMs } }).toEqual(base);
      const slow = spec.config.dbTransactionMs !== base.config.dbTransactionMs;
      if (slow) {
        slowRuns++;
        expect(spec.config.dbTransactionMs).toBeGreaterThanOrEqual(SLOW_DB_MS[0]);
        expect(spec.config.dbTransactionMs).toBeLessThanOrEqual(SLOW_DB_MS[1]);
      }
      for (const crash of added) {
        if (crash.onStep?.afterMs === undefined) continue;
        afterMsSeen++;
        expect([slow, crash.onStep.when]).toEqual([true, 'issued']);
        expect(crash.onStep.afterMs).toBeLessThan(spec.config.dbTransactionMs);
      }
      expect(added.length).toBeLessThanOrEqual(MAX_STEP_CRASHES);
      counts.add(added.length);
      for (const crash of added) {
        expect(crash.node).toMatch(/^consumer-\d$/);
        expect(crash.onStep?.nth).toBeGreaterThanOrEqual(1);
        expect(crash.onStep?.nth).toBeLessThanOrEqual(MAX_NTH);
        expect(crash.restartAfterMs).toBeGreaterThanOrEqual(500);
        kinds.add(crash.onStep?.when ?? '');
      }
      expect(drawStepCrashes(seed, base, ['consumer']).map((c) => c.node)).toEqual(added.map((c) => c.node)); // a pure function of the seed
    }
    expect([...counts].sort()).toEqual([0, 1, 2]);
    expect([...kinds].sort()).toEqual(['done', 'issued']);
    expect(slowRuns).toBeGreaterThan(SEEDS.length / 4); // SLOW_DB_PER_MILLE of them, about half
    expect(afterMsSeen).toBeGreaterThan(0);
    expect(STEP_CRASH_FORK).toBe('roles/step-crashes');
  });

  test('a producer role crashes producers; both roles draw from both pools', () => {
    const nodes = new Set<string>();
    for (const seed of SEEDS.slice(0, 60)) for (const c of drawStepCrashes(seed, PROFILES.default!.generate(seed), ['consumer', 'producer'])) nodes.add(c.node.replace(/-\d$/, ''));
    expect([...nodes].sort()).toEqual(['consumer', 'producer']);
    for (const seed of SEEDS.slice(0, 30)) for (const c of drawStepCrashes(seed, PROFILES.default!.generate(seed), ['producer'])) expect(c.node).toMatch(/^producer-\d$/);
  });
});
