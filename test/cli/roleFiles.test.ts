// Loading a user's machine file for a role: the examples load; each kind of bad file is a RoleMachineError that
// names the role, the file, the call event when one is missing, and the fix (the CLI prints it and exits 2).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createMachine } from 'xstate';
import { loadRoleFiles, loadRoleMachine } from '../../cli/roleFiles.ts';
import { checkRoleMachine, RoleMachineError } from '../../cli/roleMachineCheck.ts';
import { REPO_ROOT, tempDir } from './support.ts';

const FIXTURES = 'test/fixtures/roles';

async function refusal(role: 'consumer' | 'producer', path: string, cwd = REPO_ROOT): Promise<RoleMachineError> {
  const error = await loadRoleMachine(role, path, cwd).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RoleMachineError);
  return error as RoleMachineError;
}

describe('loadRoleMachine', () => {
  test.each([
    ['consumer', 'examples/correct-consumer.ts', 'correct-consumer'],
    ['consumer', 'examples/two-transactions-consumer.ts', 'two-transactions-consumer'],
    ['consumer', 'examples/msgid-dedup-consumer.ts', 'msgid-dedup-consumer'],
    ['consumer', 'examples/ack-before-commit-consumer.ts', 'ack-before-commit-consumer'],
    ['producer', 'examples/correct-producer.ts', 'correct-producer'],
    ['producer', 'examples/memory-producer.ts', 'memory-producer'],
  ] as const)('loads %s %s', async (role, path, id) => {
    expect((await loadRoleMachine(role, path, REPO_ROOT)).id).toBe(id);
  });

  test('a file that is missing, or not a script', async () => {
    const missing = await refusal('consumer', './nope.ts');
    expect(missing.message).toMatch(/^consumer machine \.\/nope\.ts: no such file .*; fix: give the path of a \.ts\/.* file/);
    expect((await refusal('producer', 'package.json')).message).toContain('".json" is not a machine file');
  });

  test('a default export that is a function, an actor, or missing: names the role and the fix', async () => {
    const fn = await refusal('consumer', `${FIXTURES}/not-a-machine.ts`);
    expect([fn.role, fn.source, fn.event]).toEqual(['consumer', `${FIXTURES}/not-a-machine.ts`, undefined]);
    expect(fn.message).toContain('the default export is a function, not an XState machine');
    expect(fn.fix).toContain('export default setup({ ... }).createMachine({ ... })');
    expect((await refusal('consumer', `${FIXTURES}/an-actor.ts`)).message).toContain('is an actor (createActor(...)), not a machine');
    const none = await refusal('consumer', `${FIXTURES}/no-default-export.ts`);
    expect(none.message).toContain('the file has no default export (it exports consumer: make the machine the default export)');
  });

  test('a producer without a check handler: names the event "check"', async () => {
    const error = await refusal('producer', `${FIXTURES}/no-check-handler.ts`);
    expect([error.role, error.event]).toEqual(['producer', 'check']);
    expect(error.message).toContain('its initial state "waitingForCall" has no transition for the call event "check" (a producer must handle executeLocal and check)');
    expect(error.message).toContain('fix: add on: { check: { target: ..., actions: ... } } to the initial state');
  });

  test('a machine given for the wrong role says which role it looks like', async () => {
    const error = await refusal('producer', 'examples/correct-consumer.ts');
    expect(error.event).toBe('executeLocal');
    expect(error.message).toContain('so it looks like a consumer machine: give it as --consumer');
  });

  test('a file that does not compile: the compiler message, no stack', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'broken.ts'), 'export default {{;\n');
    const error = await refusal('consumer', 'broken.ts', dir);
    expect(error.message).toMatch(/^consumer machine broken\.ts: it could not be loaded: .*broken\.ts:1:\d+: ERROR: /);
  });

  test('a plain .mjs machine file loads too', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'consumer.mjs'), `import { createMachine } from ${JSON.stringify(join(REPO_ROOT, 'node_modules/xstate/dist/xstate.esm.js'))};\nexport default createMachine({ id: 'plain', initial: 'idle', states: { idle: { on: { deliver: 'done' } }, done: { type: 'final' } } });\n`);
    expect((await loadRoleMachine('consumer', 'consumer.mjs', dir)).id).toBe('plain');
  });

  test('loadRoleFiles loads every role given, relative to cwd', async () => {
    const { machines, files } = await loadRoleFiles({ consumer: 'examples/correct-consumer.ts', producer: 'examples/correct-producer.ts' }, REPO_ROOT);
    expect([machines.consumer?.id, machines.producer?.id]).toEqual(['correct-consumer', 'correct-producer']);
    expect(files).toEqual({ consumer: 'examples/correct-consumer.ts', producer: 'examples/correct-producer.ts' });
  });
});

describe('checkRoleMachine (a machine object, as the API takes it)', () => {
  test('a machine whose initial state takes the call passes; a wildcard counts; a final-only machine does not', () => {
    const wildcard = createMachine({ initial: 'a', states: { a: { on: { '*': 'b' } }, b: {} } });
    expect(checkRoleMachine('producer', wildcard, 'roles.producer')).toBe(wildcard);
    const inert = createMachine({ initial: 'a', states: { a: { type: 'final' } } });
    expect(() => checkRoleMachine('consumer', inert, 'roles.consumer')).toThrow('consumer machine roles.consumer: its initial state "a" has no transition for the call event "deliver"');
  });

  test('a handler on a parent state counts; one only on a later state does not', () => {
    const parent = createMachine({ initial: 'p', states: { p: { on: { deliver: '.c' }, initial: 'c', states: { c: {} } } } });
    expect(checkRoleMachine('consumer', parent, 'roles.consumer')).toBe(parent);
    const late = createMachine({ initial: 'a', states: { a: { on: { go: 'b' } }, b: { on: { deliver: 'a' } } } });
    expect(() => checkRoleMachine('consumer', late, 'roles.consumer')).toThrow(RoleMachineError);
  });

  test('a context that needs input is refused with the fix', () => {
    const needsInput = createMachine({ context: ({ input }: { input: { txId: string } }) => ({ txId: input.txId.toString() }), initial: 'a', states: { a: { on: { deliver: 'a' } } } });
    expect(() => checkRoleMachine('consumer', needsInput, 'roles.consumer')).toThrow(/cannot be computed without input .*; fix: give the context initial values/);
  });

  test('a setup() result and null say what they are', () => {
    expect(() => checkRoleMachine('consumer', { createMachine: () => undefined }, 'x.ts')).toThrow('the default export is the result of setup(...), not a machine; fix: call .createMachine');
    expect(() => checkRoleMachine('consumer', null, 'x.ts')).toThrow('the default export is null, not an XState machine');
  });
});
