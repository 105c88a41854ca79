import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { NO_FAULTS } from '../../sim/faults.ts';
import { Rng } from '../../sim/rng.ts';
import { compareDesigns, compareTableJson, displayWidth, renderCompareTable, type CompareTable } from '../../designs/compare.ts';
import type { Design, DesignMetrics } from '../../designs/design.ts';
import { ALTERNATIVE_DESIGNS, getDesign, listDesigns, registerDesign } from '../../designs/index.ts';
import { metricsFromMeter } from '../../designs/harness.ts';
import { meterFromTimeline, type TimelineEvent } from '../../designs/timeline.ts';
import { generateWorkload } from '../../designs/workload.ts';

const RUNS = 8;
let cached: CompareTable | undefined;
function table(): CompareTable {
  cached ??= compareDesigns({ runs: RUNS, seed: 'cmp', profile: 'default', designs: ALTERNATIVE_DESIGNS });
  return cached;
}
function row(name: string) {
  const r = table().rows.find((x) => x.design === name);
  if (r === undefined) throw new Error(`no row ${name}`);
  return r;
}

describe('compareDesigns', () => {
  test('same seed and profile: the same table, text and JSON', () => {
    const again = compareDesigns({ runs: RUNS, seed: 'cmp', profile: 'default', designs: ALTERNATIVE_DESIGNS });
    expect(renderCompareTable(again)).toBe(renderCompareTable(table()));
    expect(compareTableJson(again)).toBe(compareTableJson(table()));
    const other = compareDesigns({ runs: RUNS, seed: 'cmp-other', profile: 'default', designs: ALTERNATIVE_DESIGNS });
    expect(other.rows[0]?.traceDigest).not.toBe(table().rows[0]?.traceDigest);
  });

  test('the same table in a fresh process', () => {
    const script = fileURLToPath(new URL('./fixtures/printTable.ts', import.meta.url));
    const out = execFileSync(process.execPath, ['--import', 'tsx', script, '3', 'fresh'], { encoding: 'utf8', timeout: 60_000 });
    expect(out).toBe(renderCompareTable(compareDesigns({ runs: 3, seed: 'fresh', profile: 'default', designs: ALTERNATIVE_DESIGNS })));
  });

  test('rows follow the article table, labelled with its row names and ratings', () => {
    expect(table().rows.map((r) => r.articleRow)).toEqual(['普通消息+异步对账', '普通消息+异步对账', '本地消息表', 'XA(2PC)', 'TCC']);
    expect(row('xa').articleRatings).toEqual({ decoupling: '无', consistency: '高' });
    const text = renderCompareTable(table());
    for (const label of ['一致性 consistency', '解耦度 decoupling', 'article 2.3', '本地消息表']) expect(text).toContain(label);
    // Fixed width: every design line is as wide as the header line (CJK counted as two columns).
    const lines = text.split('\n');
    const header = lines.findIndex((l) => l.startsWith('design '));
    const body = lines.slice(header + 2, header + 2 + table().rows.length);
    for (const l of body) expect(displayWidth(l)).toBeLessThanOrEqual(displayWidth(lines[header + 1] ?? ''));
  });

  test('qualitative results: who stays consistent, who holds locks, who waits for the secondary', () => {
    expect(row('local-message-table').consistency.finalInconsistencies).toBe(0);
    expect(row('xa').consistency.finalInconsistencies).toBe(0);
    expect(row('tcc').consistency.finalInconsistencies).toBe(0);
    expect(row('plain-message').consistency.finalInconsistencies).toBe(0); // reconciliation repaired everything
    // XA holds DB locks, TCC reservations; the message designs hold neither.
    expect(row('xa').cost.locksHeldMsPerOrder).toBeGreaterThan(0);
    expect(row('tcc').cost.locksHeldMsPerOrder).toBe(0);
    expect(row('tcc').cost.reservationsHeldMsPerOrder).toBeGreaterThan(0);
    expect(row('local-message-table').cost.locksHeldMsPerOrder).toBe(0);
    // Synchronous designs fail orders while a participant is down; the message designs complete them later.
    expect(row('local-message-table').availability.completedOrders).toBe(row('local-message-table').availability.payableOrders);
    expect(row('xa').availability.completedOrders).toBeLessThan(row('xa').availability.payableOrders);
    // TCC: three interfaces, more calls.
    expect(row('tcc').coupling.businessInterfacesPerService).toBe(3);
    expect(row('tcc').cost.callsPerOrder).toBeGreaterThan(row('xa').cost.callsPerOrder);
    expect(row('local-message-table').coupling.sharedStorageWithBusinessDb).toBe(true);
  });

  test('every design sees the same workload per run', () => {
    const kept = compareDesigns({ runs: 2, seed: 'same', profile: 'calm', designs: ALTERNATIVE_DESIGNS, keepRuns: true });
    const expected = generateWorkload(new Rng('same:1').fork('workload')).map((o) => o.id);
    for (const r of kept.rows) expect(r.perRun?.[1]?.details.map((d) => d.id)).toEqual(expected);
  });

  test('without faults every design completes every payable order', () => {
    const calm = compareDesigns({ runs: 4, seed: 'calm', profile: 'calm', designs: ALTERNATIVE_DESIGNS });
    for (const r of calm.rows) {
      expect(r.consistency.unsettledRuns).toBe(0);
      if (r.design !== 'plain-message-send-first') expect(r.availability.completedOrders).toBe(r.availability.payableOrders);
    }
  });
});

describe('registry and the plug-in point', () => {
  test('the alternatives and the transactional message are registered by kebab-case name', () => {
    expect(listDesigns().map((d) => d.name)).toEqual(['plain-message', 'plain-message-send-first', 'local-message-table', 'xa', 'tcc', 'transactional-message']);
    expect(getDesign('transactional-message').articleRow).toBe('事务消息');
    expect(getDesign('tcc').articleRow).toBe('TCC');
    expect(() => getDesign('nope')).toThrow(/known: plain-message/);
  });

  test('registerDesign adds a design, and the comparison lists the transactional-message row last', () => {
    const calls: string[] = [];
    const fake: Design = {
      name: 'transactional-message',
      title: 'stand-in for the model/ adapter',
      articleRow: '事务消息',
      articleRatings: { decoupling: '高', consistency: '高' },
      coupling: { sharedStorageWithBusinessDb: false, businessInterfacesPerService: 2, mainWaitsForSecondary: false, notes: 'stand-in' },
      // What the model's adapter does: run its own world, turn its facts into a timeline, measure it the same way.
      run: (spec): DesignMetrics => {
        calls.push(`${spec.seed}/${spec.orders.length}`);
        const timeline: TimelineEvent[] = spec.orders.flatMap((o) =>
          o.walletBalance < o.amount
            ? []
            : [
                { at: o.at + 4, order: o.id, kind: 'main' as const, committed: true },
                { at: o.at + 20, order: o.id, kind: 'target' as const, purchases: 1 },
              ],
        );
        const endMs = spec.orders.reduce((m, o) => Math.max(m, o.at), 0) + 1000;
        return metricsFromMeter(meterFromTimeline(spec.orders, timeline), {
          design: 'transactional-message', spec, endMs, messages: 6 * spec.orders.length, calls: spec.orders.length, repairs: 0,
          stopReason: 'condition', settled: true, negativeBalances: 0, traceHash: 'stand-in',
        });
      },
    };
    expect(() => registerDesign({ ...fake, name: 'Not Kebab' })).toThrow(/kebab-case/);
    expect(() => registerDesign(fake)).toThrow(/already registered/);
    registerDesign(fake, { replace: true });
    const t = compareDesigns({ runs: 2, seed: 'plug', profile: 'default', designs: [fake, ...ALTERNATIVE_DESIGNS] });
    expect(t.rows.map((r) => r.design).at(-1)).toBe('transactional-message');
    expect(calls).toHaveLength(2);
    expect(listDesigns().at(-1)?.name).toBe('transactional-message');
    const r = t.rows.at(-1);
    expect(r?.consistency.windowMaxMs).toBe(16);
    expect(r?.cost.messagesPerOrder).toBe(6);
  });

  test('a timeline replays into the same measures as a live run', () => {
    const orders = [{ id: 'o1', at: 1000, amount: 100, walletBalance: 500 }];
    const meter = meterFromTimeline(orders, [
      { at: 1000, order: 'o1', kind: 'main', committed: true },
      { at: 1001, order: 'o1', kind: 'hold', what: 'lock', resource: 'fund' },
      { at: 61_000, order: 'o1', kind: 'target', purchases: 1 },
      { at: 61_000, order: 'o1', kind: 'release', what: 'lock', resource: 'fund' },
    ]);
    const m = metricsFromMeter(meter, {
      design: 'x', spec: { seed: 1, orders, faults: { options: NO_FAULTS, script: [] }, profile: 'p' }, endMs: 70_000,
      messages: 4, calls: 1, repairs: 1, stopReason: 'condition', settled: true, negativeBalances: 0, traceHash: 'h',
    });
    expect(m.longestWindowMs).toBe(60_000);
    expect(m.healedLateOrders).toBe(1);
    expect(m.longestLockMs).toBe(59_999);
    expect(m.finalInconsistencies).toBe(0);
  });
});

test('a spec with no faults and no orders runs and settles at once', () => {
  for (const d of ALTERNATIVE_DESIGNS) {
    const m = d.run({ seed: 0, orders: [], faults: { options: NO_FAULTS, script: [] }, profile: 'none' });
    expect(m.orders).toBe(0);
    expect(m.finalInconsistencies).toBe(0);
    expect(m.settled).toBe(true);
  }
});
