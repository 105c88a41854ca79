// Which interpreter runs a user's machine: the lean one when it can, else XState's own, and the command says so
// once on stderr (issue 9's differential contract holds for user machines: the same trace either way).
import { describe, expect, test } from 'vitest';
import { cli } from '../cli/support.ts';

const XSTATE_ONLY = 'test/fixtures/roles/xstate-only-consumer.ts';
const NOTICE = `txsim: your consumer machine (${XSTATE_ONLY}) runs on XState's own interpreter, not the lean one: the lean runtime does not support built-in guards (and, or, not, stateIn); the results are the same, the runs slower`;

const count = (text: string, line: string) => text.split('\n').filter((l) => l === line).length;

describe('a machine the lean interpreter cannot run', () => {
  test('runs on XState\'s, and `txsim run` says so once', async () => {
    const r = await cli(['run', 'happy-path', '--consumer', XSTATE_ONLY]);
    expect(r.code).toBe(0);
    expect(count(r.stderr, NOTICE)).toBe(1);
  });

  test('explore on workers says so once for the whole exploration', async () => {
    const r = await cli(['explore', '--runs', '6', '--seed', '1', '--workers', '2', '--consumer', XSTATE_ONLY]);
    expect(r.code).toBe(0);
    expect(count(r.stderr, NOTICE)).toBe(1);
  });

  test('nothing is said when XState\'s interpreter was asked for, or for a machine the lean one runs', async () => {
    expect((await cli(['run', 'happy-path', '--consumer', XSTATE_ONLY, '--runtime', 'xstate'])).stderr).toBe('');
    expect((await cli(['run', 'happy-path', '--consumer', 'examples/correct-consumer.ts'])).stderr).toBe('');
  });

  test.each([XSTATE_ONLY, 'examples/correct-consumer.ts'])('%s gives the same trace on both interpreters', async (file) => {
    const hashes = await Promise.all(['lean', 'xstate'].map(async (runtime) => JSON.parse((await cli(['run', 'lost-commit', '--json', '--runtime', runtime, '--consumer', file])).stdout).traceHash as string));
    expect(hashes[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(hashes[1]).toBe(hashes[0]);
  });
});
