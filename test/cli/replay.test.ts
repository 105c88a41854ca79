// `txsim replay --seed S --profile P`: the same run as the profile gives in-process, narrated, with the report.
import { describe, expect, test } from 'vitest';
import { PROFILES } from '../../properties/profiles/index.ts';
import { runAndCheck } from '../../properties/runAndCheck.ts';
import { cli } from './support.ts';

describe('txsim replay --seed --profile', () => {
  test('reproduces the run the profile generates', async () => {
    const { outcome, violations } = runAndCheck(PROFILES.default!.generate(5));
    const r = await cli(['replay', '--seed', '5', '--profile', 'default', '--json']);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ seed: 5, profile: 'default', traceHash: outcome.traceHash, events: outcome.events, simTimeMs: outcome.simTimeMs });
    expect(report.violations.map((v: { property: string }) => v.property)).toEqual(violations.map((v) => v.property));
    expect(report.replay).toBe('npx txsim replay --seed 5 --profile default --runtime lean');
    expect(r.code).toBe(violations.length === 0 ? 0 : 1);
  });

  test('--profile defaults to default; text mode narrates and prints the replay line', async () => {
    const r = await cli(['replay', '--seed', '5']);
    expect(r.stdout).toContain('replay profile default, seed 5:');
    expect(r.stdout).toContain('What happened:');
    expect(r.stdout).toContain('replay: npx txsim replay --seed 5 --profile default');
  });

  test('--trace --json carries the trace', async () => {
    const report = JSON.parse((await cli(['replay', '--seed', '2', '--trace', '--json'])).stdout);
    expect(report.trace).toHaveLength(report.events);
  });
});
