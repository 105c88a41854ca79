// A scenario file's crash at a step of a user machine (faults[].onStep, docs/scenarios.md): `txsim run` strikes at
// that step on both interpreters (the same trace hash), and a bad onStep is a clear error naming the field (exit 2).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { cli, tempDir } from './support.ts';

/** One order, the ack-before-commit consumer's instance crashing right after its first request goes out. */
function scenario(onStep: unknown): string {
  const file = join(tempDir(), 'step.json');
  const crash = { type: 'crash', at: 0, node: 'consumer-2', restartAfterMs: 5_000, kind: 'process', onStep };
  writeFileSync(file, JSON.stringify({ name: 'step-crash', orders: [{ id: 'o1', amount: 100 }], faults: [crash], faultWindowMs: 60_000 }));
  return file;
}

const CONSUMER = ['--consumer', 'examples/ack-before-commit-consumer.ts'];

describe('faults[].onStep in a scenario file', () => {
  test('the crash strikes right after the answer and the request, on both interpreters alike', async () => {
    const file = scenario({ nth: 1, when: 'issued' });
    const lean = await cli(['run', file, ...CONSUMER]);
    const xstate = await cli(['run', file, ...CONSUMER, '--runtime', 'xstate']);
    // Right after it starts the transaction, at the same instant: the transaction is aborted.
    expect(lean.stdout).toMatch(/(\d:\d\d:\d\d\.\d{3}) {2}o1 {5}your consumer machine on consumer-2 \(call #1\) starts a database transaction insert\+buyTargetFund\n \1 {9}consumer-2 crashes \(process\)[^\n]*\n \1 {2}o1 {5}consumer-2 crashed during the database transaction insert\+buyTargetFund of your consumer machine \(call #1\): aborted/);
    const hash = (out: string): string | undefined => /trace: ([0-9a-f]{64})/.exec(out)?.[1];
    expect(hash(lean.stdout)).toBeDefined();
    expect(hash(xstate.stdout)).toBe(hash(lean.stdout));
    const never = await cli(['run', scenario({ nth: 2, when: 'issued' }), ...CONSUMER]);
    expect(never.stdout).not.toContain('crashes');
    // afterMs: 5 ms later, in the middle of the 10 ms transaction, on both interpreters alike.
    const later = scenario({ nth: 1, when: 'issued', afterMs: 5 });
    const laterLean = await cli(['run', later, ...CONSUMER]);
    expect(laterLean.stdout).toMatch(/0:00:00\.037 {9}consumer-2 crashes \(process\)[^\n]*\n 0:00:00\.037 {2}o1 {5}consumer-2 crashed during the database transaction/);
    expect(hash((await cli(['run', later, ...CONSUMER, '--runtime', 'xstate'])).stdout)).toBe(hash(laterLean.stdout));
  });

  test('a bad onStep names the field and what it must be (exit 2, no stack)', async () => {
    const bad = await cli(['run', scenario({ nth: 0, when: 'sent' }), ...CONSUMER]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('faults[0].onStep.nth: must be an integer from 1 to 1000 (got 0)');
    expect(bad.stderr).toContain('faults[0].onStep.when: must be "issued"');
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    const extra = await cli(['run', scenario({ nth: 1, when: 'done', delayMs: 3 }), ...CONSUMER]);
    expect(extra.code).toBe(2);
    expect(extra.stderr).toContain('faults[0].onStep: unknown field "delayMs"');
    const negative = await cli(['run', scenario({ nth: 1, when: 'issued', afterMs: -1 }), ...CONSUMER]);
    expect([negative.code, negative.stderr]).toEqual([2, expect.stringContaining('faults[0].onStep.afterMs: must be a whole number of milliseconds >= 0 (got -1)')]);
  });

  test('a step crash on a node that runs no user machine is refused, not silently never fired (exit 2)', async () => {
    const file = scenario({ nth: 1, when: 'issued' });
    const without = await cli(['run', file]);
    expect(without.code).toBe(2);
    expect(without.stderr).toContain('faults[0].onStep: consumer-2 runs no user machine, so it makes no database requests and this crash would never fire; give --consumer FILE, or remove onStep');
    const otherRole = await cli(['run', file, '--producer', 'examples/correct-producer.ts']);
    expect(otherRole.code).toBe(2);
    expect(otherRole.stderr).toContain('give --consumer FILE');
  });
});
