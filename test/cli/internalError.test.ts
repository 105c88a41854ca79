// A txsim bug (the model or a checker throws) exits 3 with one line and no stack trace, unless TXSIM_DEBUG is set.
import { describe, expect, test, vi } from 'vitest';
import { cli } from './support.ts';

vi.mock('../../properties/runAndCheck.ts', () => ({
  runAndCheck: () => {
    throw new Error('checker exploded');
  },
}));

describe('internal errors', () => {
  test('exit 3 with the message, no stack', async () => {
    const r = await cli(['run', 'happy-path']);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('txsim: internal error (a txsim bug, please report it): checker exploded\n  (set TXSIM_DEBUG=1 for the stack trace)\n');
  });
});
