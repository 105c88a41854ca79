// Profile files (`--profile ./my-profile.json`): the committed JSON Schema is the generated one, a file draws runs
// within its ranges and the same run for the same seed, it has teeth (it catches a mutant), and a bad file gets
// one line per problem naming the field and the fix, exit 2 from the command, never a stack trace.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { huntMutant } from '../../properties/hunt.ts';
import { profileFromData } from '../../properties/profiles/fromData.ts';
import { loadProfileFile, parseProfileFile, resolveProfile } from '../../properties/profiles/loadProfile.ts';
import { PROFILE_SCHEMA_PATH, profileJsonSchemaText } from '../../properties/profiles/profileJsonSchema.ts';
import { ScenarioError } from '../../scenarios/load.ts';
import { cli, REPO_ROOT, tempDir, writeTemp } from '../cli/support.ts';

const EXAMPLE = 'properties/profiles/examples/flaky-network.json';

function problemsOf(data: unknown): string[] {
  try {
    parseProfileFile(data, 'p.json');
  } catch (error) {
    if (error instanceof ScenarioError) return error.problems;
    throw error;
  }
  return [];
}

describe('profile files', () => {
  test('the committed profile.schema.json equals the generated one (run `npm run schema` after changing fileFormat.ts)', () => {
    expect(readFileSync(PROFILE_SCHEMA_PATH, 'utf8')).toBe(profileJsonSchemaText());
    const schema = JSON.parse(profileJsonSchemaText());
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.crashes.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['name']);
  });

  test('the example draws runs within its ranges, the same run for the same seed', () => {
    const file = loadProfileFile(EXAMPLE);
    const profile = profileFromData(file);
    expect(profile).toMatchObject({ name: 'flaky-network', beyondDesign: false });
    const seen = new Set<number>();
    for (let seed = 1; seed <= 40; seed++) {
      const spec = profile.generate(seed);
      expect(profile.generate(seed)).toEqual(spec);
      expect(spec.orders.length).toBeGreaterThanOrEqual(2);
      expect(spec.orders.length).toBeLessThanOrEqual(6);
      expect(spec.config.producers).toBeGreaterThanOrEqual(1);
      expect(spec.config.producers).toBeLessThanOrEqual(3);
      expect(spec.config).toMatchObject({ brokers: 1, tagSubscribers: false, operatorRedriveAfterMs: 60_000 });
      expect(spec.faults.options.dropPerMille).toBe(0);
      expect(spec.faults.options.lostResponsePerMille).toBeLessThanOrEqual(50);
      for (const fault of spec.faults.script) {
        if (fault.type === 'crash') expect(fault).toMatchObject({ kind: 'process' });
        if (fault.type === 'crash') expect(fault.node).toMatch(/^(producer|consumer)-\d$/);
      }
      seen.add(spec.orders.length);
    }
    expect(seen.size).toBeGreaterThan(2);
  });

  test('a profile file catches a mutant (its runs are judged by every checker)', () => {
    const hunt = huntMutant('consumer-not-idempotent', { profile: profileFromData(loadProfileFile(EXAMPLE)), maxRuns: 200 });
    expect(hunt.seed).toBeDefined();
    expect(hunt.violations.map((v) => v.property)).toContain('no-double-purchase');
  });

  test('bad values name the field, what it must be and the value', () => {
    const problems = problemsOf({ name: 'x', randomFaults: { dropPerMille: 2000 }, crashes: { producer: { count: 1, restartAfterMs: 10 } } });
    expect(problems).toContainEqual(expect.stringMatching(/^randomFaults\.dropPerMille: must be .*per mille from 0 to 1000.*\(got 2000\)/));
    expect(problems).toContainEqual(expect.stringMatching(/^crashes: .*"producer"/));
    expect(problemsOf({ randomFaults: {} })).toContainEqual(expect.stringMatching(/^name: is missing/));
    expect(problemsOf({ name: 'My Profile' })).toContainEqual(expect.stringMatching(/^name: must be a kebab-case name/));
  });

  test('checks across fields: [min, max] order, the config rules, machine crashes beyond the design', () => {
    expect(problemsOf({ name: 'x', topology: { consumers: [3, 1] } })).toEqual(['topology.consumers: min 3 is above max 1; write [1, 3]']);
    expect(problemsOf({ name: 'x', config: { latencyMsMin: 9, latencyMsMax: 2 } })).toEqual([expect.stringMatching(/^config\.latencyMsMax: must be >= latencyMsMin/)]);
    const machine = { name: 'x', crashes: { brokers: { count: 1, restartAfterMs: [100, 200], kind: 'machine' } } };
    expect(problemsOf(machine)).toEqual([expect.stringMatching(/^crashes\.brokers\.kind: .*beyond what the design claims.*"beyondDesign": true/)]);
    expect(problemsOf({ ...machine, beyondDesign: true })).toEqual([]);
    expect(problemsOf({ ...machine, config: { flush: 'sync' } })).toEqual([]);
  });

  test('resolveProfile: a registered name, a file, or an unknown name with a suggestion', () => {
    expect(resolveProfile('harsh', REPO_ROOT).name).toBe('harsh');
    expect(resolveProfile(`./${EXAMPLE}`, REPO_ROOT).name).toBe('flaky-network');
    expect(() => resolveProfile('harsch', REPO_ROOT)).toThrow(/unknown profile "harsch" \(did you mean "harsh"\?\)/);
  });

  test('txsim explore --profile FILE runs the file; a bad file exits 2 naming every problem', async () => {
    const ok = await cli(['explore', '--profile', EXAMPLE, '--runs', '5', '--seed', '1', '--workers', '2', '--json', '--out', tempDir()]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ profile: 'flaky-network', runs: 5, ok: true });
    const bad = writeTemp('bad.json', { name: 'bad', workload: { orders: [5, 2], oders: 3 } });
    const r = await cli(['explore', '--profile', bad, '--runs', '5']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`txsim: invalid ${bad}:`);
    expect(r.stderr).toMatch(/workload: .*"oders"/);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
    const missing = await cli(['explore', '--profile', './nope.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.json:\n {2}no such file; give the path of a profile \.json file/);
    const syntax = await cli(['explore', '--profile', writeTemp('s.json', '{ "name": 1,, }')]);
    expect(syntax.stderr).toMatch(/malformed JSON at line 1/);
    const name = await cli(['explore', '--profile', 'gentle']);
    expect(name.stderr).toMatch(/Allowed choices are default, harsh, swarm, or the path of a profile \.json file/);
  });
});
