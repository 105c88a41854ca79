// `txsim compare`: the five-design table, deterministic, with one replay line per design that re-runs its worst run.
import { describe, expect, test } from 'vitest';
import { COMPACT_WIDTH } from '../../cli/compareText.ts';
import { displayWidth } from '../../designs/compare.ts';
import { cli } from './support.ts';

describe('txsim compare', () => {
  test('--wide prints one row per design, labelled with the article rows, and the same table twice', async () => {
    const first = await cli(['compare', '--runs', '6', '--seed', '3', '--wide']);
    expect(first.code).toBe(0);
    for (const row of ['普通消息+异步对账', '本地消息表', 'XA(2PC)', 'TCC', '事务消息', '一致性', '解耦度']) expect(first.stdout).toContain(row);
    const again = await cli(['compare', '--runs', '6', '--seed', '3', '--wide']);
    expect(again.stdout).toBe(first.stdout);
  });

  test('by default fits 100 columns, puts the article\'s ratings beside the figures, reconciliation off and on', async () => {
    const r = await cli(['compare', '--runs', '40', '--seed', '1']);
    expect(r.code).toBe(0);
    for (const line of r.stdout.split('\n')) expect(displayWidth(line), line).toBeLessThanOrEqual(COMPACT_WIDTH);
    expect(r.stdout).toMatch(/recon off\s+recon on/);
    expect(r.stdout).toContain('--wide prints every measured column');
    const row = (design: string): string[] => (r.stdout.split('\n').find((l) => l.startsWith(`${design} `)) ?? '').trim().split(/\s+/);
    // design, 解耦度, 一致性, bad end off, bad end on, ...: the article's 较高 is the plain message needing its job.
    const send = row('plain-message-send-first');
    expect(send.slice(1, 3)).toEqual(['高', '较高']);
    expect(Number(send[3])).toBeGreaterThan(0);
    expect(Number(send[4])).toBe(0);
    const tx = row('transactional-message');
    expect(tx.slice(1, 5)).toEqual(['高', '高', '0', '0']);
    expect(row('xa').slice(1, 3)).toEqual(['无', '高']);
    expect(row('xa')[6]).toBe('yes');
  });

  test('with --reconcile-interval-ms the compact table shows that setting only', async () => {
    const r = await cli(['compare', '--runs', '4', '--seed', '1', '--reconcile-interval-ms', '0']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/bad end\s+window/);
    expect(r.stdout).not.toContain('recon on');
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
