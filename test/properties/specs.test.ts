// The lifecycle specs: the compiled tables step exactly as XState steps the same machines; the correct model
// takes only spec transitions on every profile; doctored histories (a double commit under the idealized center,
// a retry with no failure, a re-drive of a message never dead-lettered, a resume of nothing parked) are
// `lifecycle` violations with evidence, while faithful mode accepts RocketMQ's known double commit.
import { describe, expect, test } from 'vitest';
import { getNextSnapshot, setup } from 'xstate';
import type { Fact } from '../../model/facts.ts';
import { runModel } from '../../model/world.ts';
import { CHECKERS } from '../../properties/index.ts';
import { PROFILES } from '../../properties/profiles/index.ts';
import { compileSpec, SPECS, SPEC_NAMES } from '../../properties/specs/index.ts';
import { runSpecs } from '../../properties/specs/runSpecs.ts';

describe('compiled specs', () => {
  test.each(SPEC_NAMES)('%s steps exactly as XState steps its machine', (name) => {
    const spec = SPECS[name];
    if (spec === undefined) throw new Error(name);
    for (const [s, state] of spec.states.entries()) {
      for (const [event, e] of spec.events) {
        const from = spec.machine.resolveState({ value: state, context: {} });
        const next = getNextSnapshot(spec.machine, from, { type: event } as never);
        const t = spec.next[s * spec.events.size + e] ?? -1;
        // XState leaves the snapshot unchanged for an event with no transition; the table says -1 there.
        if (t < 0) expect(next.value, `${name}: ${state} on ${event}`).toBe(state);
        else expect(next.value, `${name}: ${state} on ${event}`).toBe(spec.transitions[t]?.to);
      }
    }
  });

  test('a nested or guarded machine is refused by name', () => {
    const nested = setup({}).createMachine({ id: 'nested', initial: 'a', states: { a: { initial: 'b', states: { b: {} } } } });
    expect(() => compileSpec(nested)).toThrow(/state 'a' has child states/);
    const guarded = setup({ guards: { g: () => true } }).createMachine({ id: 'guarded', initial: 'a', states: { a: { on: { x: { target: 'a', guard: 'g' } } } } });
    expect(() => compileSpec(guarded)).toThrow(/guarded choice on 'x'/);
  });
});

test('the correct model takes only spec transitions on every profile, and exercises most of them', () => {
  const covered = new Set<string>();
  for (const profile of Object.values(PROFILES)) {
    for (let seed = 1; seed <= 120; seed++) {
      const outcome = runModel(profile.generate(seed), { trace: false });
      const run = runSpecs(outcome.facts, outcome.spec.config.transactionCenter);
      expect(run.violations, `${profile.name} seed ${seed}`).toEqual([]);
      for (const [name, counts] of Object.entries(run.taken)) counts.forEach((n, i) => n > 0 && covered.add(`${name}#${i}`));
    }
  }
  const all = Object.values(SPECS).reduce((n, s) => n + s.transitions.length, 0);
  expect(covered.size).toBeGreaterThan(all / 2);
});

const at = (t: number, fact: Omit<Fact, 't'>): Fact => ({ t, ...fact }) as Fact;
const half = (t: number, node = 'broker-1'): Fact => at(t, { kind: 'half-stored', order: 'o1', node, txId: 'tx-o1', offset: 0 } as Omit<Fact, 't'>);
const commit = (t: number, node = 'broker-1'): Fact =>
  at(t, { kind: 'committed', order: 'o1', node, txId: 'tx-o1', queue: 0, offset: t, tag: 'TagA' } as Omit<Fact, 't'>);
const group = (t: number, kind: string, extra: Record<string, unknown> = {}): Fact =>
  at(t, { kind, order: 'o1', node: 'consumer-1', group: 'target-fund', txId: 'tx-o1', tag: 'TagA', reconsumeTimes: 0, redriven: false, applied: true, delayMs: 1, ...extra } as Omit<Fact, 't'>);

describe('the transactional-message spec', () => {
  test('idealized forbids a second commit of one half message; faithful allows it (apache/rocketmq#5574)', () => {
    const facts = [half(1), commit(5), commit(9)];
    const [v, ...more] = runSpecs(facts, 'idealized').violations;
    expect(more).toEqual([]);
    expect(v).toMatchObject({ property: 'lifecycle', class: 'safety', order: 'o1', evidence: ['t=5', 't=9'] });
    expect(v?.detail).toMatch(/transactional-message-idealized o1 tx-o1 on broker-1: 'committed' at t=9 has no transition from 'committed'/);
    expect(runSpecs(facts, 'faithful').violations).toEqual([]);
    // The same transaction committed on two brokers is two half messages: a retry to another broker, not a spec breach.
    expect(runSpecs([half(1), half(2, 'broker-2'), commit(5), commit(9, 'broker-2')], 'idealized').violations).toEqual([]);
  });

  test('a commit with no half message stored, and a resume of nothing parked', () => {
    const v = runSpecs([commit(5), at(7, { kind: 'resumed', order: 'o1', node: 'broker-2' } as Omit<Fact, 't'>)], 'faithful').violations;
    expect(v.map((x) => x.detail)).toEqual([
      expect.stringMatching(/'committed' at t=5 has no transition from 'absent'/),
      expect.stringMatching(/o1 on broker-2: 'resumed' at t=7 has no transition from 'absent'/),
    ]);
  });

  test('the lifecycle checker reports what the specs found, in the registry', () => {
    const outcome = runModel(PROFILES.default?.generate(3) as never, { trace: false });
    const doctored = { ...outcome, spec: { ...outcome.spec, config: { ...outcome.spec.config, transactionCenter: 'idealized' as const } } };
    const firstCommit = outcome.facts.find((f) => f.kind === 'committed');
    expect(firstCommit).toBeDefined();
    const facts = [...outcome.facts, { ...(firstCommit as Fact), t: outcome.simTimeMs + 1 }];
    const v = CHECKERS.lifecycle?.check({ ...doctored, facts }) ?? [];
    expect(v.some((x) => /'committed' .* has no transition from 'committed'/.test(x.detail))).toBe(true);
  });
});

describe('the delivery spec', () => {
  test('a retry with no failure before it, and a re-drive of a message never dead-lettered', () => {
    const v = runSpecs([group(1, 'delivered'), group(2, 'retry-scheduled'), group(3, 'consumed'), group(4, 'redriven')], 'faithful').violations;
    expect(v.map((x) => x.detail)).toEqual([
      expect.stringMatching(/delivery o1 in target-fund: 'retry-scheduled' at t=2 has no transition from 'delivered'/),
      expect.stringMatching(/'redriven' at t=4 has no transition from 'consumed'/),
    ]);
  });

  test('nothing reaches a group that filtered the message out; a full retry, DLQ and re-drive cycle is clean', () => {
    expect(runSpecs([group(1, 'filtered'), group(2, 'delivered')], 'faithful').violations).toHaveLength(1);
    const cycle = ['delivered', 'consume-failed', 'retry-scheduled', 'delivered', 'consume-failed', 'dlq', 'redriven', 'delivered', 'consumed'];
    expect(runSpecs(cycle.map((k, i) => group(i, k)), 'faithful').violations).toEqual([]);
  });
});
