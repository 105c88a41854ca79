// Coverage: the lean probe sees every transition a run takes and is gone after the run; counts of an exploration
// equal the merged counts of its halves (so workers and shards cannot change them); the catalog lists states and
// transitions no run took, with 0; and the statecharts are drawn with the taken transitions marked, in PlantUML
// that PlantUML accepts and in Mermaid.
import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { runModel } from '../../model/world.ts';
import { coverageLine, coverageTotals, CoverageCounter, mergeCoverage, neverTaken } from '../../properties/coverage/coverage.ts';
import { coverageCharts, coverageDiagramFile, drawChart } from '../../properties/coverage/diagrams.ts';
import { modelCatalog } from '../../properties/coverage/modelCatalog.ts';
import { exploreSeeds } from '../../properties/explore.ts';
import { PROFILES } from '../../properties/profiles/index.ts';
import { activeProbe, withLeanProbe } from '../../sim/lean/probe.ts';
import { PLANTUML } from '../report/tools.ts';

describe('the lean probe', () => {
  test('is told of transitions and entries during the call only, and restored after a throw', () => {
    const counter = new CoverageCounter();
    counter.observe(() => runModel(PROFILES.default?.generate(4) as never, { trace: false }));
    const model = counter.toJSON().model;
    expect(model).not.toBeNull();
    expect(model?.states.localTransaction).toBeGreaterThan(0);
    expect(model?.transitions['localTransaction.sendingHalf --prepareAck--> localTransaction.executing']).toBeGreaterThan(0);
    expect(activeProbe).toBeUndefined();
    expect(() => withLeanProbe(counter, () => { throw new Error('boom'); })).toThrow('boom');
    expect(activeProbe).toBeUndefined();
  });
});

describe('exploration coverage', () => {
  test('counts are the same explored in one go or in two merged halves', async () => {
    const whole = await exploreSeeds({ profile: 'swarm', fromSeed: 7, runs: 30, coverage: true });
    const a = await exploreSeeds({ profile: 'swarm', fromSeed: 7, runs: 13, coverage: true });
    const b = await exploreSeeds({ profile: 'swarm', fromSeed: 20, runs: 17, coverage: true });
    if (whole.coverage === undefined || a.coverage === undefined || b.coverage === undefined) throw new Error('no coverage');
    expect(mergeCoverage(b.coverage, a.coverage)).toEqual(whole.coverage);
    expect(whole.coverage.runs).toBe(30);
  });

  test('every catalogued state and transition is listed, the untaken ones with 0 and in the never list', async () => {
    const { coverage } = await exploreSeeds({ profile: 'default', fromSeed: 1, runs: 20, coverage: true });
    if (coverage === undefined || coverage.model === null) throw new Error('no model coverage');
    const catalog = modelCatalog();
    expect(Object.keys(coverage.model.transitions)).toEqual(catalog.flatMap((m) => m.transitions.map((t) => t.label)));
    expect(Object.keys(coverage.model.states)).toEqual(catalog.flatMap((m) => m.states));
    const totals = coverageTotals(coverage);
    const never = neverTaken(coverage);
    expect(totals.specTransitions.all - totals.specTransitions.taken).toBe(never.filter((n) => n.startsWith('transactional') || n.startsWith('delivery')).length);
    // 20 default runs never see an idealized double commit path, so something is listed.
    expect(never.length).toBeGreaterThan(0);
    expect(coverageLine(coverage, 2)).toMatch(/^spec transitions \d+\/\d+, model states \d+\/\d+, model transitions \d+\/\d+; never: [^;]+; [^;]+ \(\+\d+ more; --json lists every count\)$/);
  });

  test('with XState\'s own interpreter only the specs are covered', async () => {
    const { coverage } = await exploreSeeds({ profile: 'default', fromSeed: 1, runs: 3, coverage: true, runtime: 'xstate' });
    expect(coverage?.model).toBeNull();
    expect(coverageLine(coverage as never)).toMatch(/model not observed \(--runtime xstate\)/);
  });
});

describe('coverage diagrams', () => {
  test('taken transitions are marked with their count, untaken ones and unentered states as never', async () => {
    const { coverage } = await exploreSeeds({ profile: 'default', fromSeed: 1, runs: 10, coverage: true });
    const delivery = coverageCharts(coverage).find((c) => c.name === 'delivery');
    if (delivery === undefined) throw new Error('no delivery chart');
    const mermaid = drawChart(delivery, 'mermaid');
    expect(mermaid).toMatch(/^stateDiagram-v2\n/);
    expect(mermaid).toMatch(/delivery_ready --> delivery_delivered : delivered · ✓ \d+/);
    expect(mermaid).toMatch(/ · never\n/);
    const plantuml = drawChart(delivery, 'plantuml');
    expect(plantuml).toMatch(/delivery_ready -\[#2E7D32,bold\]-> delivery_delivered : delivered \(\d+\)/);
    expect(plantuml).toMatch(/-\[#9E9E9E,dashed\]-> .* \(never\)/);
    expect(coverageDiagramFile(coverage, 'mermaid').match(/```mermaid/g)?.length).toBe(coverageCharts(coverage).length);
  });

  test.skipIf(PLANTUML === undefined)('PlantUML accepts every chart', async () => {
    const { coverage } = await exploreSeeds({ profile: 'default', fromSeed: 1, runs: 5, coverage: true });
    for (const chart of coverageCharts(coverage)) {
      const r = spawnSync(PLANTUML as string, ['-syntax'], { input: drawChart(chart, 'plantuml'), encoding: 'utf8', env: { ...process.env, JAVA_TOOL_OPTIONS: '-XX:TieredStopAtLevel=1' } });
      expect(r.stdout, chart.name).toMatch(/^STATE/);
      expect(r.stdout, chart.name).not.toMatch(/error/i);
    }
  });
});
