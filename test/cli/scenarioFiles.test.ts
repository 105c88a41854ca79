// Invalid scenario files: every problem exits 2 with a message naming the JSON path and the fix, never a stack
// trace. Wrong types, unknown fields, negative times, unknown nodes and orders, empty orders, malformed JSON.
import { describe, expect, test } from 'vitest';
import { cli, scenario, writeTemp } from './support.ts';

async function invalid(content: unknown): Promise<string> {
  const r = await cli(['run', writeTemp('bad.json', content)]);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^txsim: invalid .*bad\.json:\n/);
  expect(r.stderr).not.toMatch(/\n\s+at .*\.ts:\d+/);
  return r.stderr;
}

describe('invalid scenario files exit 2 naming the field and the fix', () => {
  test('a negative amount', async () => {
    expect(await invalid(scenario({ orders: [{ id: 'o1', amount: -5 }] }))).toContain('orders[0].amount: must be a positive number (got -5)');
  });

  test('wrong types', async () => {
    const err = await invalid(scenario({ seed: 'x', orders: [{ id: 'o1', amount: '100', localTx: 'maybe', consumerFailures: 'often' }], config: { flush: true } }));
    expect(err).toContain('seed: must be a non-negative integer up to 2^53 - 1 (9007199254740991) (got "x")');
    expect(err).toContain('orders[0].amount: must be a positive number (got "100")');
    expect(err).toContain('orders[0].localTx: must be one of "commit", "rollback", "unknown", "throw" (got "maybe")');
    expect(err).toContain('orders[0].consumerFailures: must be an integer from 0 to 1000 or "always" (got "often")');
    expect(err).toContain('config.flush: must be "sync" or "async" (got true)');
  });

  test('unknown fields, with a suggestion', async () => {
    const err = await invalid(scenario({ orders: [{ id: 'o1', amout: 100 }], config: { checkMaxx: 3 }, extra: 1 }));
    expect(err).toContain('orders[0]: unknown field "amout" (did you mean "amount"?)');
    expect(err).toContain('orders[0].amount: is missing; it must be a positive number');
    expect(err).toContain('config: unknown field "checkMaxx" (did you mean "checkMax"?)');
    expect(err).toContain('(top level): unknown field "extra"');
  });

  test('negative and fractional times', async () => {
    const err = await invalid(
      scenario({
        orders: [{ id: 'o1', amount: 1, at: -1 }],
        faults: [{ at: -5, type: 'crash', node: 'broker-1' }],
        config: { transactionTimeoutMs: -1, checkIntervalMs: 0.5 },
      }),
    );
    expect(err).toContain('orders[0].at: must be a whole number of milliseconds >= 0 (got -1)');
    expect(err).toContain('faults[0].at: must be a whole number of milliseconds >= 0 (got -5)');
    expect(err).toContain('config.transactionTimeoutMs: must be a whole number of milliseconds >= 0 (got -1)');
    expect(err).toContain('config.checkIntervalMs: must be a whole number of milliseconds >= 1 (got 0.5)');
  });

  test('config ranges and enums', async () => {
    const err = await invalid(scenario({ config: { producers: 0, transactionCenter: 'perfect', maxReconsumeTimes: -2, operatorRedriveAfterMs: -1 } }));
    expect(err).toContain('config.producers: must be an integer from 1 to 32 (got 0)');
    expect(err).toContain('config.transactionCenter: must be "faithful" or "idealized" (got "perfect")');
    expect(err).toContain("config.maxReconsumeTimes: must be an integer from 0 to 100, or -1 (RocketMQ's default, meaning 16) (got -2)");
    expect(err).toContain('config.operatorRedriveAfterMs: must be a whole number of milliseconds >= 0, or null for no operator (got -1)');
  });

  test('config cross-field rules', async () => {
    const err = await invalid(scenario({ config: { latencyMsMin: 10, latencyMsMax: 5, delayLevelsMs: [1000], firstRetryDelayLevel: 3 } }));
    expect(err).toContain('config.latencyMsMax: must be >= latencyMsMin (10) (got 5)');
    // A level beyond a short table is legal: RocketMQ clamps it to the last level (HookUtils.transformDelayLevelMessage).
    expect(err).not.toContain('firstRetryDelayLevel');
  });

  test('consumer group names in config.groups and orders[].delayLevels must exist', async () => {
    const err = await invalid(
      scenario({
        config: { tagSubscribers: false, groups: { 'target-fnd': { maxReconsumeTimes: 1 }, ops: { failures: 1 } } },
        orders: [{ id: 'o1', amount: 1, delayLevels: { nobody: [1] } }],
      }),
    );
    expect(err).toContain('config.groups["target-fnd"]: no consumer group "target-fnd" (did you mean "target-fund"?); with this config the groups are target-fund');
    expect(err).toContain('config.groups.ops: no consumer group "ops"; it is a tag-matrix subscriber: set "tagSubscribers": true');
    expect(err).toContain('orders[0].delayLevels.nobody: no consumer group "nobody"');
  });

  test('a crash whose length the file does not say is refused with the fix (issue 13 point 10)', async () => {
    const err = await invalid(scenario({ faults: [{ at: 10, type: 'crash', node: 'producer-1' }] }));
    expect(err).toContain('faults[0].restartAfterMs: is missing, and without faultWindowMs the faulty phase ends 1 ms after the last fault');
    expect(err).toContain('add "restartAfterMs"');
    const late = await invalid(scenario({ faultWindowMs: 100, faults: [{ at: 200, type: 'crash', node: 'producer-1', restartAfterMs: 5 }] }));
    expect(late).toContain('faults[0].at: 200 is after the faulty phase ends (faultWindowMs 100), so the fault would never strike');
  });

  test('unknown nodes list the valid ones for this config', async () => {
    const err = await invalid(
      scenario({
        config: { consumers: 3, tagSubscribers: false },
        faults: [
          { at: 0, type: 'crash', node: 'consumer-4' },
          { at: 0, type: 'partition', between: ['producer-1', 'brokr-1'], healAfterMs: 10 },
        ],
      }),
    );
    expect(err).toContain(
      'faults[0].node: no node "consumer-4" (did you mean "consumer-1"?); with this config the nodes are producer-1, producer-2, broker-1, consumer-1, consumer-2, consumer-3, operator',
    );
    expect(err).toContain('faults[1].between[1]: no node "brokr-1" (did you mean "broker-1"?)');
  });

  test('unknown fault types and message types', async () => {
    expect(await invalid(scenario({ faults: [{ at: 0, type: 'explode' }] }))).toContain(
      'faults[0].type: must be one of "drop", "duplicate", "delay", "crash", "partition" (got "explode")',
    );
    expect(await invalid(scenario({ faults: [{ at: 0, type: 'drop', message: 'commitAck' }] }))).toContain('faults[0].message: must be a message type:');
    expect(await invalid(scenario({ faults: [{ at: 0, type: 'delay', message: 'commit' }] }))).toContain(
      'faults[0].byMs: is missing; it must be a whole number of milliseconds >= 1',
    );
  });

  test('empty orders, duplicate ids and references to unknown orders', async () => {
    expect(await invalid(scenario({ orders: [] }))).toContain('orders: must list at least one order');
    const err = await invalid(
      scenario({
        orders: [{ id: 'o1', amount: 1 }, { id: 'o1', amount: 2 }],
        faults: [{ at: 0, type: 'drop', message: 'commit', order: 'o2' }],
        expect: [{ order: 'o3', message: 'consumed' }],
      }),
    );
    expect(err).toContain('orders[1].id: duplicate order id "o1" (also orders[0].id); give each order its own id');
    expect(err).toContain('faults[0].order: no order "o2" in this scenario (did you mean "o1"?); the orders are o1');
    expect(err).toContain('expect[0].order: no order "o3" in this scenario');
  });

  test('expectations: unknown property, missing order, empty entry, contradiction', async () => {
    const err = await invalid(
      scenario({ expect: [{ violation: 'no-double-purchse' }, { message: 'consumed' }, {}, { noViolations: true }] }),
    );
    expect(err).toContain('expect[0].violation: no property "no-double-purchse" (did you mean "no-double-purchase"?)');
    expect(err).toContain('expect[1]: message need an "order" to refer to');
    expect(err).toContain('expect[2]: expects nothing');
    expect(err).toContain('expect[3].noViolations: contradicts expect[0].violation; keep one');
  });

  test('random faults need a fault window', async () => {
    expect(await invalid(scenario({ randomFaults: { dropPerMille: 10 } }))).toContain('faultWindowMs: is missing; with randomFaults, say how long the faulty phase lasts');
  });

  test('a scenario with random faults runs', async () => {
    const file = writeTemp('random.json', scenario({ randomFaults: { dropPerMille: 100, duplicatePerMille: 100, delayPerMille: 100, delayMsMax: 500 }, faultWindowMs: 60_000 }));
    const report = JSON.parse((await cli(['run', file, '--json'])).stdout);
    expect(report.healedAtMs).toBe(60_000);
  });

  test('a missing name and a non-object file', async () => {
    expect(await invalid({ orders: [{ id: 'o1', amount: 1 }] })).toContain('name: is missing; it must be a scenario name');
    expect(await invalid([1, 2])).toContain('(top level): must be an object (got an array of 2)');
  });

  test('malformed JSON gives the line and column', async () => {
    const err = await invalid('{\n  "name": "x",\n  "orders": [ { "id": "o1", "amount": 1, } ]\n}');
    expect(err).toMatch(/malformed JSON at line 3, column \d+: .*; fix the syntax/);
  });

  test('a missing file', async () => {
    const r = await cli(['run', 'no/such/file.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no/such/file.json:\n  no such file; give the path of a scenario .json file or a scenario name');
  });
});
