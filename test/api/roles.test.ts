// `roles` through the API: machine objects are checked like machine files (a RoleMachineError names the role and
// the fix); explore runs machines whose file it knows (a path, or loadRoleMachine's) on workers, others in this
// thread; a property failure's run line names the file when txsim knows it.
import { describe, expect, test } from 'vitest';
import { checkRuns, explore, loadRoleMachine, RoleMachineError, runScenario, TxsimPropertyError } from '../../api/index.ts';
import ackBeforeCommit from '../../examples/ack-before-commit-consumer.ts';
import msgIdDedup from '../../examples/msgid-dedup-consumer.ts';
import { cli, tempDir } from '../cli/support.ts';

/** The error a call throws (or rejects with). */
async function thrown(call: () => unknown): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  throw new Error('expected it to throw');
}

describe('roles through the API', () => {
  test('runScenario checks a machine object first: not a machine, or one that misses a call', async () => {
    const notMachine = await thrown(() => runScenario('happy-path', { roles: { consumer: (() => undefined) as never } }));
    expect(notMachine).toBeInstanceOf(RoleMachineError);
    expect((notMachine as RoleMachineError).message).toMatch(/^consumer machine roles\.consumer: the default export is a function/);
    const wrongRole = await thrown(() => runScenario('happy-path', { roles: { producer: msgIdDedup } }));
    expect([(wrongRole as RoleMachineError).role, (wrongRole as RoleMachineError).event]).toEqual(['producer', 'executeLocal']);
  });

  test('explore: a machine loadRoleMachine loaded runs on workers and is named by its file; any other object stays in this thread', async () => {
    const consumer = await loadRoleMachine('consumer', 'examples/msgid-dedup-consumer.ts');
    const summary = await explore({ roles: { consumer }, runs: 10, seed: 1, workers: 2, shrink: false, out: tempDir() });
    expect([summary.workers, summary.failingSeeds.map((f) => f.seed)]).toEqual([2, [10]]);
    expect(summary.failingSeeds[0]?.replay).toBe('npx txsim replay --seed 10 --profile default --runtime lean --consumer examples/msgid-dedup-consumer.ts');
    // The same machine as an imported object: the same failure, in this thread, and a placeholder that replay refuses loudly.
    const inThread = await explore({ roles: { consumer: msgIdDedup }, runs: 10, seed: 1, workers: 2, shrink: false, out: tempDir() });
    expect([inThread.workers, inThread.failingSeeds.map((f) => f.seed)]).toEqual([1, [10]]);
    expect(inThread.failingSeeds[0]?.replay).toBe("npx txsim replay --seed 10 --profile default --runtime lean --consumer '<your consumer file>'");
    const placeholder = await cli(['replay', '--seed', '10', '--consumer', '<your consumer file>']);
    expect([placeholder.code, placeholder.stderr]).toEqual([2, expect.stringMatching(/^txsim: consumer machine <your consumer file>: no such file /)]);
    const notMachine = await thrown(() => explore({ roles: { producer: 'examples/correct-consumer.ts' }, runs: 1, seed: 1, workers: 1, out: tempDir() }));
    expect((notMachine as RoleMachineError).message).toContain('so it looks like a consumer machine');
  });

  test("checkRuns: a failure's run line names the machine's file, or says to add it", async () => {
    const loaded = await loadRoleMachine('consumer', 'examples/msgid-dedup-consumer.ts');
    const named = (await thrown(() => checkRuns({ roles: { consumer: loaded }, numRuns: 100, seed: 1, out: tempDir() }))) as TxsimPropertyError;
    expect(named).toBeInstanceOf(TxsimPropertyError);
    expect(named.message).toMatch(/\n {2}run it: {3}npx txsim run \S+ --consumer examples\/msgid-dedup-consumer\.ts\n/);
    const unnamed = (await thrown(() => checkRuns({ roles: { consumer: msgIdDedup }, numRuns: 100, seed: 1, out: tempDir() }))) as TxsimPropertyError;
    expect(unnamed.message).toContain("(add --consumer FILE: your machine's file; loadRoleMachine remembers it)");
    expect(unnamed.violations.map((v) => v.property)).toContain('no-double-purchase');
  });

  test("checkRuns and explore with a machine object draw its step crashes too: acknowledging before the commit is found on the default profile", async () => {
    const failed = (await thrown(() => checkRuns({ roles: { consumer: ackBeforeCommit }, numRuns: 300, seed: 1, out: tempDir() }))) as TxsimPropertyError;
    expect(failed).toBeInstanceOf(TxsimPropertyError);
    expect(failed.violations.map((v) => v.property)).toContain('atomicity');
    expect(failed.scenario.faults?.some((f) => f.type === 'crash' && f.onStep !== undefined)).toBe(true); // shrunk, the step crash stays
    // In this thread (an object): the same first failure as the CLI's `explore --consumer examples/ack-before-commit-consumer.ts`.
    const summary = await explore({ roles: { consumer: ackBeforeCommit }, runs: 30, seed: 1, workers: 1, shrink: false, out: tempDir() });
    expect(summary.failingSeeds.map((f) => f.seed)).toEqual([30]);
  });
});
