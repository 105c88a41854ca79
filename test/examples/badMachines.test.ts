// Bad machine files (test/fixtures/roles/) on the command line: each exits 2 with one message that names the
// role, the event when there is one, and the fix - before any run for what can be seen statically, during the
// run for what only shows then (an unknown emit) - and never a stack trace.
import { describe, expect, test } from 'vitest';
import { cli, spawnCli } from '../cli/support.ts';

const FIXTURES = 'test/fixtures/roles';
/** A line of a JavaScript stack trace. */
const STACK_LINE = /^\s+at .*(:\d+:\d+\)?|native)$/m;

describe('bad machine files exit 2 with the role, the event and the fix', () => {
  test.each([
    ['run', 'consumer', 'not-a-machine.ts', /^txsim: consumer machine test\/fixtures\/roles\/not-a-machine\.ts: the default export is a function, not an XState machine; fix: export the machine itself/],
    ['run', 'consumer', 'no-default-export.ts', /^txsim: consumer machine test\/fixtures\/roles\/no-default-export\.ts: the file has no default export .*; fix: export default setup/],
    ['explore', 'producer', 'no-check-handler.ts', /^txsim: producer machine test\/fixtures\/roles\/no-check-handler\.ts: .*no transition for the call event "check" .*; fix: add on: \{ check: /],
    ['replay', 'consumer', 'an-actor.ts', /^txsim: consumer machine test\/fixtures\/roles\/an-actor\.ts: the default export is an actor/],
  ])('%s --%s %s', async (command, role, file, message) => {
    const target = command === 'run' ? ['run', 'happy-path'] : command === 'explore' ? ['explore', '--runs', '1', '--workers', '1'] : ['replay', '--seed', '1'];
    const r = await cli([...target, `--${role}`, `${FIXTURES}/${file}`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.stdout).toBe(''); // refused before any run
  });

  test('--guided cannot run your machines yet: exit 2 with the way out', async () => {
    const r = await cli(['explore', '--guided', '--runs', '2', '--consumer', 'examples/correct-consumer.ts']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('txsim: --guided cannot run your own machines yet (--consumer, --producer): explore them without --guided\n');
  });

  test('a machine that emits an unknown event fails its run: exit 2, the event, the fix and the file, no stack (a real process)', () => {
    const r = spawnCli(['run', 'happy-path', '--consumer', `${FIXTURES}/unknown-emit.ts`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("consumer machine: emitted an event the protocol does not know");
    expect(r.stderr).toContain("(event 'ack'); fix: emit only consumeAck, db.read, db.write, db.transaction, memory.read, memory.write");
    expect(r.stderr).toContain(`the consumer machine is ${FIXTURES}/unknown-emit.ts`);
    expect(r.stderr).not.toMatch(STACK_LINE);
  });

  test('... and the same from explore on worker threads, where each worker loads the file itself', async () => {
    const r = await cli(['explore', '--runs', '4', '--seed', '1', '--workers', '2', '--consumer', `${FIXTURES}/unknown-emit.ts`, '--no-shrink']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("(event 'ack'); fix: emit only consumeAck");
    expect(r.stderr).toContain(`the consumer machine is ${FIXTURES}/unknown-emit.ts`);
    expect(r.stderr).not.toMatch(STACK_LINE);
  });
});
