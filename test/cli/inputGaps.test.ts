// Small input gaps, each closed: a UTF-8 byte order mark is accepted (and invisible characters are shown as
// escapes, never printed raw), the seed limit 2^53 - 1 is stated in help and errors, and a near miss of an enum
// value (a flag's or a scenario field's) gets a "did you mean".
import { describe, expect, test } from 'vitest';
import { cli, scenario, writeTemp } from './support.ts';

describe('a UTF-8 byte order mark', () => {
  test('before a scenario file is accepted: the file runs as without it', async () => {
    const text = JSON.stringify(scenario());
    const withBom = await cli(['run', writeTemp('bom.json', `\uFEFF${text}`), '--json']);
    const without = await cli(['run', writeTemp('plain.json', text), '--json']);
    expect(withBom.code).toBe(0);
    expect(JSON.parse(withBom.stdout).traceHash).toBe(JSON.parse(without.stdout).traceHash);
  });

  test('inside a file, an invisible character is named by its escape', async () => {
    const r = await cli(['run', writeTemp('zw.json', { ...scenario(), '\u200Bseed': 3 })]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown field "\\u200Bseed" (did you mean "seed"?)');
    expect(r.stderr).not.toContain('\u200B');
  });
});

describe('the seed limit', () => {
  test('is in the help and in the errors of flags and files', async () => {
    expect((await cli(['replay', '--help'])).stdout).toMatch(/--seed <n> +seed of the run to replay; 0 to 2\^53 - 1/);
    const flag = await cli(['run', 'happy-path', '--seed', '9007199254740992']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('It must be an integer from 0 to 2^53 - 1 (9007199254740991).');
    expect((await cli(['run', 'happy-path', '--seed', '9007199254740991', '--json'])).code).toBe(0);
    const file = await cli(['run', writeTemp('seed.json', scenario({ seed: 2 ** 53 }))]);
    expect(file.stderr).toContain('seed: must be a non-negative integer up to 2^53 - 1 (9007199254740991) (got 9007199254740992)');
  });
});

describe('did you mean', () => {
  test.each([
    [['explore', '--profile', 'harhs'], '--profile', 'harsh'],
    [['explore', '--runtime', 'xstat'], '--runtime', 'xstate'],
    [['run', 'happy-path', '--diagram', 'mermiad'], '--diagram', 'mermaid'],
    [['replay', '--seed', '1', '--runtime', 'laen'], '--runtime', 'lean'],
  ])('%j suggests %s %s', async (argv, flag, guess) => {
    const r = await cli(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`option '${flag} <\\w+>' argument '\\w+' is invalid\\. Allowed choices are .*\\. Did you mean "${guess}"\\?`));
  });

  test('no guess for a value too short or too far from every choice', async () => {
    for (const argv of [['run', 'happy-path', '--lang', 'fr'], ['explore', '--profile', 'gentle']]) {
      const r = await cli(argv);
      expect(r.code).toBe(2);
      expect(r.stderr).not.toContain('Did you mean');
    }
  });

  test('enum fields of a scenario file, including a fault type', async () => {
    const r = await cli(['run', writeTemp('enums.json', scenario({ config: { flush: 'asinc' }, faults: [{ type: 'crsh', at: 1, node: 'broker-1' }] }))]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('config.flush: must be "sync" or "async" (got "asinc") (did you mean "async"?)');
    expect(r.stderr).toContain('faults[0].type: must be one of "drop", "duplicate", "delay", "crash", "partition" (got "crsh") (did you mean "crash"?)');
  });
});
