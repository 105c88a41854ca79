// `txsim compare`: the five-design table, deterministic, with one replay line per design that re-runs its worst run.
import { describe, expect, test } from 'vitest';
import { cli } from './support.ts';

describe('txsim compare', () => {
  test('prints one row per design, labelled with the article rows, and the same table twice', async () => {
    const first = await cli(['compare', '--runs', '6', '--seed', '3']);
    expect(first.code).toBe(0);
    for (const row of ['普通消息+异步对账', '本地消息表', 'XA(2PC)', 'TCC', '事务消息', '一致性', '解耦度']) expect(first.stdout).toContain(row);
    const again = await cli(['compare', '--runs', '6', '--seed', '3']);
    expect(again.stdout).toBe(first.stdout);
  });

  test('--json gives the rows and a replay line per design that reproduces that run alone', async () => {
    const r = await cli(['compare', '--runs', '4', '--seed', '5', '--json', '--design', 'xa', 'transactional-message']);
    expect(r.code).toBe(0);
    const table = JSON.parse(r.stdout) as { rows: Array<{ design: string; traceDigest: string }>; worstRuns: Array<{ design: string; seed: string; replay: string }> };
    expect(table.rows.map((row) => row.design)).toEqual(['xa', 'transactional-message']);
    const worst = table.worstRuns.find((w) => w.design === 'xa')!;
    const argv = worst.replay.replace(/^npx txsim /, '').split(' ');
    const alone = await cli([...argv, '--json']);
    const single = JSON.parse(alone.stdout) as { rows: Array<{ design: string }>; worstRuns: Array<{ seed: string }> };
    expect(single.rows.map((row) => row.design)).toEqual(['xa']);
    expect(single.worstRuns[0]!.seed).toBe(worst.seed);
  });

  test('bad flags exit 2 naming the flag', async () => {
    const unknown = await cli(['compare', '--design', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--design nope: unknown design; known: plain-message/);
    const runs = await cli(['compare', '--runs', '0']);
    expect(runs.code).toBe(2);
    expect(runs.stderr).toMatch(/--runs/);
    const profile = await cli(['compare', '--profile', 'wild']);
    expect(profile.code).toBe(2);
    expect(profile.stderr).toMatch(/--profile/);
  });
});
