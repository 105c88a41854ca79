// `roles` through the API: machine objects are checked like machine files (a RoleMachineError names the role and
// the fix); explore needs each machine's file (its workers load it), given as a path or remembered by
// loadRoleMachine; a property failure's run line names the file when txsim knows it.
import { describe, expect, test } from 'vitest';
import { checkRuns, explore, loadRoleMachine, RoleMachineError, runScenario, TxsimPropertyError } from '../../api/index.ts';
import msgIdDedup from '../../examples/msgid-dedup-consumer.ts';
import { tempDir } from '../cli/support.ts';

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

  test('explore refuses a machine object whose file it cannot know, with the fix; one loadRoleMachine loaded is named by its file', async () => {
    const unknownFile = await thrown(() => explore({ roles: { consumer: msgIdDedup }, runs: 1, seed: 1, workers: 1, out: tempDir() }));
    expect(unknownFile).toBeInstanceOf(RoleMachineError);
    expect((unknownFile as RoleMachineError).fix).toBe("give its path (roles: { consumer: './my-consumer.ts' }), or a machine from loadRoleMachine('consumer', './my-consumer.ts')");
    const consumer = await loadRoleMachine('consumer', 'examples/msgid-dedup-consumer.ts');
    const summary = await explore({ roles: { consumer }, runs: 10, seed: 1, workers: 1, shrink: false, out: tempDir() });
    expect(summary.failingSeeds.map((f) => f.seed)).toEqual([10]);
    expect(summary.failingSeeds[0]?.replay).toBe('npx txsim replay --seed 10 --profile default --runtime lean --consumer examples/msgid-dedup-consumer.ts');
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
});
