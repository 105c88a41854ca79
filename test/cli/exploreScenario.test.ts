// `txsim explore --scenario FILE`: every run keeps the scenario's config, orders and scripted faults and adds the
// profile's faults of that seed on the scenario's own nodes and orders; its failures replay from one line that
// names the profile and the scenario.
import { describe, expect, test } from 'vitest';
import { aroundScenario } from '../../properties/profiles/aroundScenario.ts';
import { PROFILES } from '../../properties/profiles/index.ts';
import { scenarioFromRunSpec } from '../../scenarios/fromRunSpec.ts';
import { loadScenarioFile, parseScenario } from '../../scenarios/load.ts';
import { toRunSpec } from '../../scenarios/toRunSpec.ts';
import { cli, tempDir } from './support.ts';

const FILE = 'scenarios/examples/consumer-crash-redelivery.json';

describe('explore --scenario', () => {
  test.each(['default', 'harsh', 'swarm'])('the %s profile drawn around a scenario keeps its workload, config and script', (name) => {
    const scenario = loadScenarioFile(FILE);
    const own = toRunSpec(scenario);
    const profile = aroundScenario(PROFILES[name]!, scenario);
    let added = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const spec = profile.generate(seed);
      expect(spec.seed).toBe(seed);
      expect(spec.orders).toEqual(own.orders);
      expect(spec.config).toEqual(own.config);
      expect(spec.faults.script.slice(0, own.faults.script.length)).toEqual(own.faults.script);
      added += spec.faults.script.length - own.faults.script.length;
      // Every moved fault names a node and an order of the scenario: the spec is a valid scenario file.
      expect(() => parseScenario(scenarioFromRunSpec(spec, { name: 'check' }))).not.toThrow();
    }
    expect(added).toBeGreaterThan(0);
  });

  test('within the design, a broker machine crash the profile drew under sync flush becomes a process crash under the scenario\'s async flush', () => {
    const scenario = loadScenarioFile(FILE);
    expect(toRunSpec(scenario).config.flush).toBe('async');
    const around = aroundScenario(PROFILES.default!, scenario);
    let converted = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const drawnMachine = PROFILES.default!.generate(seed).faults.script.some((f) => f.type === 'crash' && f.node.startsWith('broker') && f.kind === 'machine');
      const crashes = around.generate(seed).faults.script.filter((f) => f.type === 'crash' && f.node.startsWith('broker'));
      expect(crashes.every((f) => f.type === 'crash' && f.kind === 'process')).toBe(true);
      if (drawnMachine) converted++;
    }
    expect(converted).toBeGreaterThan(0);
  });

  test('failures replay from their line (profile and scenario) and from the replay file, with the same trace hash', async () => {
    const out = tempDir();
    const r = await cli(['explore', '--profile', 'harsh', '--scenario', FILE, '--runs', '12', '--seed', '1', '--workers', '2', '--json', '--out', out, '--no-shrink']);
    const summary = JSON.parse(r.stdout);
    expect(summary.failingRuns).toBeGreaterThan(0);
    const failure = summary.failures[0];
    expect(failure.name).toBe(`consumer-crash-redelivery@harsh#${failure.seed}`);
    expect(failure.replay).toBe(`npx txsim replay --seed ${failure.seed} --profile harsh --scenario ${FILE} --runtime lean`);
    const args = failure.replay.split(' ').slice(3);
    const again = await cli(['replay', ...args, '--json']);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout).traceHash).toBe(failure.traceHash);
    const fromFile = await cli(['replay', failure.replayFile, '--json']);
    expect(JSON.parse(fromFile.stdout)).toMatchObject({ traceHash: failure.traceHash, reproduced: true });
  });

  test('the text header names the scenario; a bad scenario exits 2', async () => {
    const r = await cli(['explore', '--scenario', 'happy-path', '--runs', '3', '--seed', '1', '--workers', '1', '--out', tempDir()]);
    expect(r.stdout).toContain('around the scenario happy-path');
    expect(r.code).toBe(0);
    const bad = await cli(['explore', '--scenario', 'no-such-scenario', '--runs', '3']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown scenario "no-such-scenario"/);
  });
});
