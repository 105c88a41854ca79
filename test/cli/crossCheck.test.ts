// `txsim explore --cross-check N` against a deliberately broken lean runtime: the lean actor of broker-1 loses
// the first event sent to it, so its traces depart from XState's. The cross-checked seed stops the exploration
// with exit 3, naming the seed and both hashes. (--workers 1: a module mock does not reach worker threads.)
import { describe, expect, test, vi } from 'vitest';
import { cli, tempDir } from './support.ts';

vi.mock('../../sim/lean/actor.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../sim/lean/actor.ts')>();
  const createLeanActor: typeof actual.createLeanActor = (machine, options) => {
    const actor = actual.createLeanActor(machine, options);
    if (options.id === 'broker-1') {
      const send = actor.send.bind(actor);
      let dropped = false;
      actor.send = (event) => {
        if (dropped) send(event);
        dropped = true;
      };
    }
    return actor;
  };
  return { ...actual, createLeanActor };
});

describe('--cross-check', () => {
  test('a lean runtime that departs from XState stops explore with exit 3, naming the seed and both hashes', async () => {
    const r = await cli(['explore', '--runs', '4', '--seed', '1', '--cross-check', '3', '--workers', '1', '--out', tempDir()]);
    expect(r.code).toBe(3);
    const line = /txsim: cross-check failed: seed 3 gives trace hash ([0-9a-f]{64}) on the lean runtime and ([0-9a-f]{64}) on XState's interpreter/.exec(r.stderr);
    expect(line, r.stderr).not.toBeNull();
    expect(line?.[1]).not.toBe(line?.[2]);
    expect(r.stderr).toContain('`npx txsim replay --seed 3 --profile default --runtime xstate` runs XState\'s');
  });

  test('seeds not divisible by N are not cross-checked', async () => {
    const r = await cli(['explore', '--runs', '2', '--seed', '1', '--cross-check', '3', '--workers', '1', '--out', tempDir(), '--json']);
    expect(r.code).toBe(0);
  });
});
