// `txsim scenarios` and the registry it reads: kebab-case names matching their keys, a title and a lesson each,
// and every registered scenario valid and ok when run.
import { describe, expect, test } from 'vitest';
import { SCENARIOS } from '../../scenarios/index.ts';
import { validateScenario } from '../../scenarios/load.ts';
import { cli } from './support.ts';

describe('txsim scenarios', () => {
  test('lists name, title and lesson', async () => {
    const r = await cli(['scenarios']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('happy-path\n  Three discounted purchases');
    expect(r.stdout).toContain('scenario(s); run one with `npx txsim run NAME`');
  });

  test('--json gives the registry', async () => {
    const r = await cli(['scenarios', '--json']);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout);
    expect(list.map((s: { name: string }) => s.name)).toEqual(Object.keys(SCENARIOS));
    expect(list[0]).toMatchObject({ name: 'happy-path', title: expect.any(String), lesson: expect.any(String) });
  });
});

describe('the registry', () => {
  test.each(Object.entries(SCENARIOS))('%s is well formed, valid and ok', async (key, entry) => {
    expect(entry.name).toBe(key);
    expect(key).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(entry.title.length).toBeGreaterThan(10);
    expect(entry.lesson.length).toBeGreaterThan(entry.title.length);
    expect(entry.scenario.name).toBe(key);
    const result = validateScenario(JSON.parse(JSON.stringify(entry.scenario)));
    expect(result.ok ? [] : result.problems).toEqual([]);
    const r = await cli(['run', key, '--json']);
    const report = JSON.parse(r.stdout);
    expect(report.expectations.filter((e: { met: boolean }) => !e.met)).toEqual([]);
    expect(report.violations.filter((v: { property: string }) => !(entry.scenario.expect ?? []).some((e) => e.violation === v.property))).toEqual([]);
    expect(r.code).toBe(0);
  });
});
