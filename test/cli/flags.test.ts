// Bad command lines exit 2 with a message naming the flag (or the name) and the fix, never a stack trace;
// --help and --version exit 0.
import { describe, expect, test } from 'vitest';
import { cli } from './support.ts';

async function usage(argv: string[]): Promise<string> {
  const r = await cli(argv);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^txsim: /);
  expect(r.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);
  return r.stderr;
}

describe('numbers are parsed strictly', () => {
  test.each([
    [['explore', '--runs', 'abc'], "option '--runs <n>' argument 'abc' is invalid. It must be an integer from 1 to 10000000."],
    [['explore', '--runs', '-1'], "option '--runs <n>' argument '-1' is invalid."],
    [['explore', '--runs', '0'], "option '--runs <n>' argument '0' is invalid."],
    [['explore', '--runs', '1e3'], "option '--runs <n>' argument '1e3' is invalid."],
    [['explore', '--seed', '1.5'], "option '--seed <n>' argument '1.5' is invalid. It must be an integer from 0 to 2^53 - 1 (9007199254740991)."],
    [['explore', '--workers', '0'], "option '--workers <n>' argument '0' is invalid. It must be an integer from 1 to 64."],
    [['replay', '--seed', '-3'], "option '--seed <n>' argument '-3' is invalid."],
    [['run', 'happy-path', '--seed', '0x10'], "option '--seed <n>' argument '0x10' is invalid."],
  ])('%j', async (argv, message) => {
    expect(await usage(argv)).toContain(message);
  });
});

describe('names and choices', () => {
  test('an unknown command', async () => {
    expect(await usage(['explode'])).toContain("unknown command 'explode'");
  });

  test('an unknown option', async () => {
    expect(await usage(['run', 'happy-path', '--fast'])).toContain("unknown option '--fast'");
  });

  test('a bad --lang', async () => {
    expect(await usage(['run', 'happy-path', '--lang', 'fr'])).toContain("option '--lang <lang>' argument 'fr' is invalid. Allowed choices are en, zh.");
  });

  test('a bad --profile', async () => {
    expect(await usage(['explore', '--profile', 'gentle'])).toMatch(/option '--profile <name>' argument 'gentle' is invalid. Allowed choices are default/);
    expect(await usage(['replay', '--seed', '1', '--profile', 'gentle'])).toContain("argument 'gentle' is invalid");
  });

  test('an unknown scenario name suggests the closest one', async () => {
    expect(await usage(['run', 'happy-pth'])).toContain('unknown scenario "happy-pth" (did you mean "happy-path"?); the scenarios are happy-path');
  });

  test('a missing argument', async () => {
    expect(await usage(['run'])).toContain("missing required argument 'scenario'");
  });

  test('replay needs a file or a seed, not both', async () => {
    expect(await usage(['replay'])).toContain('give a replay FILE, or --seed S');
    expect(await usage(['replay', 'x.json', '--seed', '1'])).toContain('give either a replay FILE or --seed S --profile P, not both');
  });

  test('no command prints the help on stderr', async () => {
    const r = await cli([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Usage: txsim');
  });
});

describe('help and version', () => {
  test('--help exits 0 and lists every command', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    for (const command of ['explore', 'replay', 'scenarios', 'run']) expect(r.stdout).toContain(command);
  });

  test('a command --help shows its flags', async () => {
    const r = await cli(['explore', '--help']);
    expect(r.code).toBe(0);
    for (const flag of ['--runs', '--seed', '--profile', '--workers', '--json', '--out']) expect(r.stdout).toContain(flag);
  });

  test('--version', async () => {
    const r = await cli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

describe('explore flags checked before any run', () => {
  test('a seed range past the largest seed', async () => {
    expect(await usage(['explore', '--seed', '9007199254740991', '--runs', '2'])).toContain('--seed 9007199254740991 with --runs 2 goes past the largest seed');
  });

  test('an --out that cannot hold replay files', async () => {
    expect(await usage(['explore', '--runs', '1', '--out', '/dev/null/failures'])).toContain(
      '--out /dev/null/failures: cannot write replay files there (/dev/null is not a directory); give a writable directory',
    );
  });
});
