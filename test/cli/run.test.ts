// `txsim run`: named scenarios and files, narration in both languages, the JSON report contract, expectations
// (met, failed, and expected violations) and the shared example files, which must pass unchanged.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { cli, REPO_ROOT, scenario, writeTemp } from './support.ts';

const EXAMPLES = ['../shared/examples/lost-rollback.json', '../shared/examples/consumer-crash-redelivery.json'];
// CI lays ../shared beside the clone; a bare clone elsewhere has only the repo copies in scenarios/examples.
const SHARED_PRESENT = existsSync(join(REPO_ROOT, '../shared/examples'));

describe('txsim run', () => {
  test('happy-path narrates in English and passes', async () => {
    const r = await cli(['run', 'happy-path']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('What happened:');
    expect(r.stdout).toContain('main transaction committed on producer-');
    expect(r.stdout).toContain('consistent: the main transaction failed and nothing was bought');
    expect(r.stdout).toMatch(/OK: happy-path \(seed 1, \d+ events/);
    expect(r.stdout).toContain('replay: npx txsim run happy-path --seed 1');
  });

  test('--lang zh narrates in Chinese', async () => {
    const r = await cli(['run', 'happy-path', '--lang', 'zh']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('经过：');
    expect(r.stdout).toContain('主事务在 producer-');
    expect(r.stdout).toContain('通过：happy-path');
    expect(r.stdout).toContain('happy-path：可靠网络上的三笔优惠购');
  });

  test('--json prints the run report with the contract fields', async () => {
    const r = await cli(['run', 'happy-path', '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    for (const field of ['name', 'seed', 'ok', 'traceHash', 'simTimeMs', 'events', 'orders', 'dlq', 'parked', 'alerts', 'violations', 'expectations']) {
      expect(report, field).toHaveProperty(field);
    }
    expect(report).toMatchObject({ name: 'happy-path', seed: 1, ok: true, dlq: [], parked: [], alerts: [], violations: [] });
    expect(report.traceHash).toMatch(/^[0-9a-f]{64}$/);
    expect(report.orders[0]).toEqual({ id: 'o1', main: 'committed', message: 'consumed', targetPurchases: 1, deliveries: 1, checks: 0 });
    expect(report.expectations.every((e: { met: boolean }) => e.met)).toBe(true);
    expect(report.expectations[0]).toMatchObject({ what: 'o1 main = committed', met: true });
    expect(report.trace).toBeUndefined();
  });

  test('--seed overrides the seed and --trace adds the trace', async () => {
    const a = JSON.parse((await cli(['run', 'happy-path', '--json', '--seed', '7', '--trace'])).stdout);
    const b = JSON.parse((await cli(['run', 'happy-path', '--json', '--seed', '7'])).stdout);
    expect(a.seed).toBe(7);
    expect(a.traceHash).toBe(b.traceHash);
    expect(a.trace).toHaveLength(a.events);
    expect(a.trace[0]).toMatch(/^\s+0\s+0ms/);
    const text = await cli(['run', 'happy-path', '--trace']);
    expect(text.stdout).toContain('Trace:');
    expect(text.stdout).toMatch(/HALF_STORED/);
  });

  test.skipIf(!SHARED_PRESENT).each(EXAMPLES)('the shared example %s passes unchanged', async (file) => {
    const r = await cli(['run', file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse((await cli(['run', file, '--json'])).stdout);
    expect(report.ok).toBe(true);
    expect(report.expectations.length).toBeGreaterThan(0);
  });

  test.skipIf(!SHARED_PRESENT).each(EXAMPLES)('the repo copy of %s gives the same run', async (file) => {
    const copy = file.replace('../shared/examples/', 'scenarios/examples/');
    const a = JSON.parse((await cli(['run', file, '--json'])).stdout);
    const b = JSON.parse((await cli(['run', copy, '--json'])).stdout);
    expect(b.traceHash).toBe(a.traceHash);
  });

  test('the lost rollback is narrated with its cause', async () => {
    const r = await cli(['run', 'scenarios/examples/lost-rollback.json']);
    expect(r.stdout).toContain('the rollback from producer-1 to broker-1 is lost (scripted)');
    expect(r.stdout).toContain('sends check-back #1');
  });

  test('an unmet expectation exits 1 and says what happened instead', async () => {
    const file = writeTemp('unmet.json', scenario({ expect: [{ order: 'o1', message: 'dlq' }] }));
    const r = await cli(['run', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('[FAIL] o1 message = dlq (got: consumed)');
    expect(r.stdout).toContain('FAILED: test');
    const report = JSON.parse((await cli(['run', file, '--json'])).stdout);
    expect(report.ok).toBe(false);
    expect(report.expectations).toEqual([{ what: 'o1 message = dlq', met: false, actual: 'consumed' }]);
  });

  test('an expected violation that does not happen is an unmet expectation', async () => {
    const file = writeTemp('design-limit.json', scenario({ expect: [{ violation: 'no-double-purchase', order: 'o1' }] }));
    const report = JSON.parse((await cli(['run', file, '--json'])).stdout);
    expect(report.ok).toBe(false);
    expect(report.expectations).toEqual([{ what: 'violation no-double-purchase on o1', met: false, actual: 'not found' }]);
  });

  test('a design-limit scenario is ok only when every violation it shows is expected', async () => {
    const base = {
      config: { idempotentConsumer: false },
      // consumer-2 consumes o1, then dies before its offset is persisted: the restart is given o1 again.
      faults: [{ at: 1_000, type: 'crash', node: 'consumer-2', kind: 'process', restartAfterMs: 2_000 }],
    };
    const partial = writeTemp('double.json', scenario({ ...base, expect: [{ violation: 'no-double-purchase', order: 'o1' }, { order: 'o1', targetPurchases: 2 }] }));
    const first = JSON.parse((await cli(['run', partial, '--json'])).stdout);
    const properties: string[] = [...new Set<string>(first.violations.map((v: { property: string }) => v.property))];
    expect(properties).toContain('no-double-purchase');
    expect(first.expectations.every((e: { met: boolean }) => e.met)).toBe(true);
    expect(first.ok).toBe(properties.length === 1);

    const all = writeTemp('double-all.json', scenario({ ...base, expect: properties.map((violation) => ({ violation })) }));
    const r = await cli(['run', all]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('REPEATED PURCHASE: the target fund was bought 2 times for one order');
  });
});
