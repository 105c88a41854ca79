// `txsim explore --shrink` (the default): the first failing run is shrunk, printed and written as a scenario file
// that `txsim run FILE` accepts and that fails with the same violations; a RunSpec written as a scenario file runs
// the same trace. --no-shrink leaves it out.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runModel } from '../../model/world.ts';
import { PROFILES } from '../../properties/profiles/index.ts';
import { scenarioFromRunSpec } from '../../scenarios/fromRunSpec.ts';
import { parseScenario } from '../../scenarios/load.ts';
import { toRunSpec } from '../../scenarios/toRunSpec.ts';
import { cli, tempDir } from './support.ts';

describe('explore --shrink', () => {
  test('a RunSpec written as a scenario file is valid and runs the same trace', () => {
    for (const name of ['default', 'harsh', 'swarm']) {
      for (let seed = 1; seed <= 8; seed++) {
        const spec = PROFILES[name]!.generate(seed);
        const scenario = parseScenario(JSON.parse(JSON.stringify(scenarioFromRunSpec(spec, { name: 'round-trip' }))));
        expect(runModel(toRunSpec(scenario)).traceHash, `${name} seed ${seed}`).toBe(runModel(spec).traceHash);
      }
    }
  });

  test('the first failure is shrunk, kept as a scenario file, and `txsim run FILE` fails the same way', async () => {
    const out = tempDir();
    const r = await cli(['explore', '--profile', 'harsh', '--runs', '3', '--seed', '17', '--workers', '1', '--json', '--out', out]);
    expect(r.code).toBe(1);
    const { shrunk, failures } = JSON.parse(r.stdout);
    expect(shrunk.seed).toBe(failures[0].seed);
    expect(shrunk.size).toBeLessThan(shrunk.originalSize);
    expect(shrunk.runs).toBeGreaterThan(0);
    expect(shrunk.scenarioFile).toBe(join(out, `harsh-seed-${failures[0].seed}-shrunk.json`));
    expect(shrunk.run).toBe(`npx txsim run ${shrunk.scenarioFile}`);
    const run = await cli(['run', shrunk.scenarioFile, '--json']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    const lines = report.violations.map((v: { property: string; order?: string }) => `${v.property} ${v.order}`);
    expect(lines).toEqual(shrunk.violations.map((v: string) => v.split(':')[0]));
    expect(report.expectations).toEqual([expect.objectContaining({ met: false })]);
  });

  test('the text output prints the smallest run and its command; --no-shrink writes no scenario', async () => {
    const out = tempDir();
    const r = await cli(['explore', '--profile', 'harsh', '--runs', '2', '--seed', '18', '--workers', '1', '--out', out]);
    expect(r.stdout).toMatch(/SHRUNK seed 18: size \d+ -> \d+ in \d+ runs\n {2}config: .*\n {2}orders: o\d+ at \d+ ms/);
    expect(r.stdout).toMatch(/ {2}violates [a-z-]+ o\d+: /);
    expect(r.stdout).toContain(`  npx txsim run ${join(out, 'harsh-seed-18-shrunk.json')}\n`);
    const plain = tempDir();
    const off = await cli(['explore', '--profile', 'harsh', '--runs', '2', '--seed', '18', '--workers', '1', '--out', plain, '--no-shrink', '--json']);
    expect(JSON.parse(off.stdout).shrunk).toBeUndefined();
    expect(readdirSync(plain).some((f) => f.includes('shrunk'))).toBe(false);
    expect(existsSync(join(plain, 'harsh-seed-18.json'))).toBe(true);
  });
});
