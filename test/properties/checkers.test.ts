// Each checker against one real, clean run and doctored copies of it: the clean run passes every checker, and
// each doctored history (a duplicate purchase, a delivery before its commit, a message gone, a wrong retry delay,
// ...) is reported by the checker that owns that guarantee, with the order and evidence. Plus: checkers never
// throw, whatever is done to the history, and checkOutcome reports safety before liveness.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { makeConfig, TARGET_GROUP } from '../../model/config.ts';
import type { Fact } from '../../model/facts.ts';
import type { RunSpec } from '../../model/runSpec.ts';
import { runModel, type Outcome } from '../../model/world.ts';
import { NO_FAULTS } from '../../sim/faults.ts';
import { CHECKER_NAMES, CHECKERS, checkOutcome, formatViolation, verdictOf } from '../../properties/index.ts';
import type { Violation } from '../../properties/types.ts';
import { assertProperty } from './helpers.ts';

const FILE = 'test/properties/checkers.test.ts';

/** o1 fails once then is bought; o2's wallet is short (rolled back); o3 is poison (DLQ after 3 deliveries, no operator). */
const spec: RunSpec = {
  name: 'checkers',
  seed: 1,
  config: makeConfig({ producers: 1, brokers: 1, consumers: 1, tagSubscribers: true, operatorRedriveAfterMs: null, maxReconsumeTimes: 2 }),
  orders: [
    { id: 'o1', at: 0, amount: 100, walletBalance: 500, tag: 'TagA', localTx: 'commit', checkAnswers: [], consumerFailures: 1 },
    { id: 'o2', at: 10, amount: 100, walletBalance: 50, tag: 'TagB', localTx: 'commit', checkAnswers: [], consumerFailures: 0 },
    { id: 'o3', at: 20, amount: 100, walletBalance: 500, tag: 'TagC', localTx: 'commit', checkAnswers: [], consumerFailures: 'always' },
  ],
  faults: { options: NO_FAULTS, script: [] },
};

const clean = runModel(spec, { trace: false });

function edit(changes: Partial<{ -readonly [K in keyof Outcome]: Outcome[K] }>): Outcome {
  return { ...clean, ...changes };
}

const is =
  <K extends Fact['kind']>(kind: K, order: string, extra: (f: Extract<Fact, { kind: K }>) => boolean = () => true) =>
  (f: Fact): boolean =>
    f.kind === kind && 'order' in f && f.order === order && extra(f as Extract<Fact, { kind: K }>);

function first<K extends Fact['kind']>(kind: K, order: string, extra?: (f: Extract<Fact, { kind: K }>) => boolean): Extract<Fact, { kind: K }> {
  const found = clean.facts.find(is(kind, order, extra));
  if (found === undefined) throw new Error(`fixture: no ${kind} fact for ${order}`);
  return found as Extract<Fact, { kind: K }>;
}

function violationsOf(name: string, outcome: Outcome): Violation[] {
  const checker = CHECKERS[name];
  if (checker === undefined) throw new Error(`no checker ${name}`);
  return checker.check(outcome);
}

const targetOf = (order: string) => clean.target[`inv-${order}`] ?? { mmfRedeemed: 0, target: 0, purchases: 0 };

test('the fixture run settles, exercises retry and DLQ, and violates only atomicity, for its dead letter', () => {
  expect(clean.settled).toBe(true);
  expect(clean.dlq).toEqual(['o3']);
  expect(clean.facts.some(is('retry-scheduled', 'o1'))).toBe(true);
  // No operator re-drives o3: its wallet paid for MMF and no target fund was bought. no-loss accepts a dead letter
  // with its alert; atomicity does not (the design's guarantee ends at the alert).
  expect(checkOutcome(clean).map((v) => [v.property, v.order])).toEqual([['atomicity', 'o3']]);
  expect(checkOutcome(clean, CHECKER_NAMES.filter((n) => n !== 'atomicity'))).toEqual([]);
});

describe('the registry', () => {
  test('maps kebab-case names to checkers of the same name, each described', () => {
    expect(CHECKER_NAMES).toEqual(['atomicity', 'no-double-purchase', 'half-invisible', 'no-loss', 'dlq', 'money-conserved', 'tag-routing', 'lifecycle', 'liveness']);
    for (const [name, checker] of Object.entries(CHECKERS)) {
      expect(name).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(checker.name).toBe(name);
      expect(checker.description.length).toBeGreaterThan(20);
    }
  });

  test('checkOutcome reports safety before liveness, verdictOf splits them, unknown names throw', () => {
    const broken = edit({ settled: false, target: { ...clean.target, 'inv-o2': { mmfRedeemed: 100, target: 100, purchases: 1 } } });
    const all = checkOutcome(broken);
    const classes = all.map((v) => v.class);
    expect(classes.indexOf('liveness')).toBeGreaterThan(classes.lastIndexOf('safety'));
    const verdict = verdictOf(all);
    expect(verdict.valid).toBe(false);
    expect(verdict.safety.length + verdict.liveness.length).toBe(all.length);
    expect(verdict.liveness.every((v) => v.property === 'liveness')).toBe(true);
    expect(() => checkOutcome(clean, ['no-such-checker'])).toThrow(/no checker named/);
    expect(formatViolation({ property: 'p', class: 'safety', order: 'o1', detail: 'd', evidence: ['t=1'] })).toBe('p o1: d (t=1)');
  });
});

describe('atomicity', () => {
  test('a committed order left in the DLQ, or parked, breaks it', () => {
    expect(violationsOf('atomicity', clean)[0]?.detail).toMatch(/never bought; the message ended dlq/);
    const parked = edit({ dlq: [], parked: ['o3'], facts: clean.facts.filter((f) => !is('dlq', 'o3')(f)) });
    expect(violationsOf('atomicity', parked)[0]?.detail).toMatch(/ended parked/);
  });

  test('a rolled-back main transaction that bought the target fund', () => {
    const v = violationsOf('atomicity', edit({ target: { ...clean.target, 'inv-o2': { mmfRedeemed: 100, target: 100, purchases: 1 } } }));
    expect(v.map((x) => x.order)).toContain('o2');
    expect(v.find((x) => x.order === 'o2')?.detail).toMatch(/although the main transaction is rolled_back/);
  });

  test('a committed main transaction whose message the center rolled back', () => {
    const facts = clean.facts
      .filter((f) => !(is('committed', 'o1')(f) || ('group' in f && f.group === TARGET_GROUP && 'order' in f && f.order === 'o1')))
      .concat({ t: 26, kind: 'rolled-back', order: 'o1', node: 'broker-1', txId: 'tx-o1' });
    const v = violationsOf('atomicity', edit({ facts, target: { ...clean.target, 'inv-o1': { mmfRedeemed: 0, target: 0, purchases: 0 } } }));
    expect(v.some((x) => x.order === 'o1' && /never bought; the message ended rolled_back/.test(x.detail))).toBe(true);
  });

  test('a main transaction that committed twice', () => {
    const again = first('main-committed', 'o1');
    const v = violationsOf('atomicity', edit({ facts: [...clean.facts, { ...again, t: 99 }] }));
    expect(v.some((x) => x.order === 'o1' && /committed 2 times/.test(x.detail))).toBe(true);
  });

  test('a ledger that disagrees with the history', () => {
    const v = violationsOf('atomicity', edit({ target: { ...clean.target, 'inv-o1': { ...targetOf('o1'), purchases: 0 } } }));
    expect(v.some((x) => x.order === 'o1')).toBe(true);
  });
});

describe('no-double-purchase', () => {
  test('two applied purchases of one order, with both times as evidence', () => {
    const bought = first('consumed', 'o1', (f) => f.group === TARGET_GROUP);
    const target = { ...clean.target, 'inv-o1': { mmfRedeemed: 200, target: 200, purchases: 2 } };
    const v = violationsOf('no-double-purchase', edit({ facts: [...clean.facts, { ...bought, t: 20_000 }], target }));
    expect(v).toHaveLength(1);
    expect(v[0]).toMatchObject({ property: 'no-double-purchase', class: 'safety', order: 'o1', evidence: [`t=${bought.t}`, 't=20000'] });
  });
});

describe('half-invisible', () => {
  test('a delivery before the first commit', () => {
    const committed = first('committed', 'o1');
    const early: Fact = { ...first('delivered', 'o1', (f) => f.group === 'ops'), t: committed.t - 1 };
    const facts = [...clean.facts];
    facts.splice(facts.indexOf(committed), 0, early);
    const v = violationsOf('half-invisible', edit({ facts }));
    expect(v.some((x) => x.order === 'o1' && /before any commit/.test(x.detail))).toBe(true);
  });

  test('a commit nobody decided, and a commit after a rollback', () => {
    const facts = clean.facts.concat({ t: 50_000, kind: 'committed', order: 'o2', node: 'broker-1', txId: 'tx-o2', queue: 0, offset: 9, tag: 'TagB' });
    const v = violationsOf('half-invisible', edit({ facts }));
    expect(v.some((x) => x.order === 'o2' && /nobody decided commit/.test(x.detail))).toBe(true);
    expect(v.some((x) => x.order === 'o2' && /after it was rolled back/.test(x.detail))).toBe(true);
  });

  test('a rolled-back message delivered', () => {
    const facts = clean.facts.concat({ t: 50_000, kind: 'delivered', order: 'o2', node: 'consumer-1', group: TARGET_GROUP, txId: 'tx-o2', tag: 'TagB', reconsumeTimes: 0, redriven: false });
    const v = violationsOf('half-invisible', edit({ facts }));
    expect(v.some((x) => x.order === 'o2' && /rolled back at t=\d+, yet delivered/.test(x.detail))).toBe(true);
  });
});

describe('no-loss', () => {
  test('a committed order whose message vanished in a settled run', () => {
    const facts = clean.facts.filter((f) => !is('consumed', 'o1', (c) => c.group === TARGET_GROUP)(f));
    const v = violationsOf('no-loss', edit({ facts }));
    expect(v.some((x) => x.order === 'o1' && /vanished/.test(x.detail))).toBe(true);
    // Unsettled, the same order is liveness's to report.
    expect(violationsOf('no-loss', edit({ facts, settled: false }))).toEqual([]);
  });

  test('a dead letter without its alert', () => {
    const facts = clean.facts.filter((f) => !is('alert', 'o3')(f));
    const v = violationsOf('no-loss', edit({ facts }));
    expect(v.some((x) => x.order === 'o3' && /without a dlq alert/.test(x.detail))).toBe(true);
  });

  test('a parked message without its alert, and a committed message rolled back', () => {
    const parked = edit({ facts: clean.facts.filter((f) => !is('dlq', 'o3')(f) && !is('alert', 'o3')(f)), dlq: [], parked: ['o3'] });
    expect(violationsOf('no-loss', parked).some((x) => x.order === 'o3' && /without a check-max alert/.test(x.detail))).toBe(true);
    const facts = clean.facts.filter((f) => !is('consumed', 'o1')(f) && !is('committed', 'o1')(f)).concat({ t: 26, kind: 'rolled-back', order: 'o1', node: 'broker-1', txId: 'tx-o1' });
    expect(violationsOf('no-loss', edit({ facts })).some((x) => x.order === 'o1' && /rolled the message back/.test(x.detail))).toBe(true);
  });
});

describe('dlq', () => {
  test('a retry delay off its delay level', () => {
    const retry = first('retry-scheduled', 'o3', (f) => f.reconsumeTimes === 2);
    const facts = clean.facts.map((f) => (f === retry ? { ...retry, delayMs: 10_000 } : f));
    const v = violationsOf('dlq', edit({ facts }));
    expect(v.some((x) => x.order === 'o3' && /expected 30000 ms/.test(x.detail))).toBe(true);
  });

  test('a retry delivered before it was due', () => {
    const delivered = first('delivered', 'o1', (f) => f.group === TARGET_GROUP && f.reconsumeTimes === 1);
    const facts = clean.facts.map((f) => (f === delivered ? { ...delivered, t: 100 } : f));
    const v = violationsOf('dlq', edit({ facts }));
    expect(v.some((x) => x.order === 'o1' && /before any retry 1 fell due/.test(x.detail))).toBe(true);
  });

  test('too many deliveries, a dead letter at the wrong count, and a missing alert', () => {
    const dead = first('dlq', 'o3');
    const extra: Fact = { t: 40_080, kind: 'delivered', order: 'o3', node: 'consumer-1', group: TARGET_GROUP, txId: 'tx-o3', tag: 'TagC', reconsumeTimes: 3, redriven: false };
    const facts = clean.facts.filter((f) => !is('alert', 'o3')(f)).map((f) => (f === dead ? { ...dead, reconsumeTimes: 3 } : f));
    facts.splice(facts.length - 1, 0, extra);
    const details = violationsOf('dlq', edit({ facts })).map((x) => x.detail);
    expect(details.some((d) => /delivered 4 times before the DLQ \(at most maxReconsumeTimes\+1 = 3\)/.test(d))).toBe(true);
    expect(details.some((d) => /reconsumeTimes=3, expected maxReconsumeTimes=2/.test(d))).toBe(true);
    expect(details.some((d) => /1 dead letters but 0 dlq alerts/.test(d))).toBe(true);
  });

  test('an exhausted message that never reached the DLQ', () => {
    const facts = clean.facts.filter((f) => !is('dlq', 'o3')(f) && !is('alert', 'o3')(f));
    const v = violationsOf('dlq', edit({ facts, dlq: [] }));
    expect(v.some((x) => x.order === 'o3' && /never reached the DLQ/.test(x.detail))).toBe(true);
  });
});

describe('money-conserved', () => {
  test('money created, and a negative part', () => {
    const created = violationsOf('money-conserved', edit({ business: { ...clean.business, 'inv-o1': { wallet: 450, mmf: 100 } } }));
    expect(created.some((x) => x.order === 'o1' && /but the initial wallet was 500/.test(x.detail))).toBe(true);
    const negative = violationsOf('money-conserved', edit({ target: { ...clean.target, 'inv-o3': { mmfRedeemed: 200, target: 100, purchases: 1 } } }));
    expect(negative.some((x) => x.order === 'o3' && /a negative part/.test(x.detail))).toBe(true);
  });
});

describe('tag-routing', () => {
  test('a group receiving a tag it did not subscribe, and one missing a tag it did', () => {
    const wrong: Fact = { t: 30, kind: 'delivered', order: 'o3', node: 'ops', group: 'ops', txId: 'tx-o3', tag: 'TagC', reconsumeTimes: 0, redriven: false };
    const facts = clean.facts.filter((f) => !is('delivered', 'o1', (d) => d.group === 'compliance')(f)).concat(wrong);
    const v = violationsOf('tag-routing', edit({ facts }));
    expect(v.some((x) => x.order === 'o3' && /^ops \(TagA\) received it/.test(x.detail))).toBe(true);
    expect(v.some((x) => x.order === 'o1' && /^compliance \(TagA \|\| TagC\) never received it/.test(x.detail))).toBe(true);
  });

  test('a delivery carrying another tag than the order', () => {
    const facts = clean.facts.map((f) => (is('delivered', 'o1', (d) => d.group === 'data-center')(f) ? { ...f, tag: 'TagB' } : f));
    expect(violationsOf('tag-routing', edit({ facts })).some((x) => x.order === 'o1' && /tagged 'TagB'/.test(x.detail))).toBe(true);
  });
});

describe('liveness', () => {
  test('an unsettled run, a livelock and a pending order are liveness violations', () => {
    expect(violationsOf('liveness', edit({ settled: false, settleStop: 'time-limit' }))[0]).toMatchObject({ class: 'liveness', detail: expect.stringMatching(/did not settle/) });
    expect(violationsOf('liveness', edit({ livelock: true }))[0]?.detail).toMatch(/livelock/);
    const facts = clean.facts.filter((f) => !is('consumed', 'o1')(f));
    const v = violationsOf('liveness', edit({ facts, openHalves: ['o1'] }));
    expect(v.some((x) => x.order === 'o1' && /still pending .*still open/.test(x.detail))).toBe(true);
  });

  test('an order abandoned before any half message was stored is terminal', () => {
    const facts = clean.facts.filter((f) => !('order' in f) || f.order !== 'o2' || f.kind === 'order-placed' || f.kind === 'half-sent');
    expect(violationsOf('liveness', edit({ facts }))).toEqual([]);
  });
});

test('checkers never throw, whatever is dropped, duplicated or reordered in the history', () => {
  const n = clean.facts.length;
  const edits = fc.array(fc.tuple(fc.constantFrom('drop', 'dup', 'swap'), fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 20 });
  assertProperty(
    FILE,
    'checkers never throw',
    fc.property(edits, fc.boolean(), (ops, settled) => {
      const facts = [...clean.facts];
      for (const [op, i, j] of ops) {
        const a = facts[i % facts.length];
        const b = facts[j % facts.length];
        if (a === undefined || b === undefined) continue;
        if (op === 'drop') facts.splice(i % facts.length, 1);
        else if (op === 'dup') facts.splice(j % facts.length, 0, a);
        else [facts[i % facts.length], facts[j % facts.length]] = [b, a];
      }
      const violations = checkOutcome(edit({ facts, settled }));
      return violations.every((v) => CHECKER_NAMES.includes(v.property) && v.detail.length > 0);
    }),
    { numRuns: 200 },
  );
});
