// The statecharts drawn with what an exploration covered: each lifecycle spec and each model machine as a
// Mermaid or PlantUML state diagram, every transition labelled with its event and how often the runs took it;
// taken transitions are drawn bold and green (PlantUML) or marked `✓ n` (Mermaid, whose state diagrams cannot
// colour an edge), never-taken ones dashed grey or marked `never`, and states no run entered are greyed. The
// HTML report and `txsim explore --coverage-diagram FILE` call these functions; nothing here reads a run.
import { SPECS } from '../specs/index.ts';
import type { Counts, Coverage } from './coverage.ts';
import { modelCatalog } from './modelCatalog.ts';

/** A diagram format: Mermaid `stateDiagram-v2` or PlantUML. */
export type DiagramFormat = 'mermaid' | 'plantuml';

/** One statechart to draw: states, the initial one, transitions with their counts. */
export interface ChartToDraw {
  name: string;
  title: string;
  states: ReadonlyArray<{ id: string; label: string; entered: number | undefined }>;
  initial: string | undefined;
  transitions: ReadonlyArray<{ from: string; event: string; to: string; count: number }>;
}

const alias = (id: string): string => id.replace(/[^A-Za-z0-9_]/g, '_');
const quote = (text: string): string => text.replace(/"/g, "'");

function mermaid(chart: ChartToDraw): string {
  const lines = ['stateDiagram-v2', `  %% ${chart.title}`, '  classDef never fill:#f2f2f2,stroke:#9e9e9e,color:#9e9e9e,stroke-dasharray:4 3'];
  for (const s of chart.states) lines.push(`  state "${quote(s.label)}" as ${alias(s.id)}`);
  if (chart.initial !== undefined) lines.push(`  [*] --> ${alias(chart.initial)}`);
  for (const t of chart.transitions) {
    const mark = t.count > 0 ? `✓ ${t.count}` : 'never';
    lines.push(`  ${alias(t.from)} --> ${alias(t.to)} : ${t.event.replace(/:/g, ' ')} · ${mark}`);
  }
  const never = chart.states.filter((s) => s.entered === 0).map((s) => alias(s.id));
  if (never.length > 0) lines.push(`  class ${never.join(',')} never`);
  return lines.join('\n');
}

function plantuml(chart: ChartToDraw): string {
  // smetana: PlantUML's own layout engine, so the diagrams render without Graphviz installed.
  const lines = [`@startuml ${alias(chart.name)}`, '!pragma layout smetana', `title ${chart.title}`, 'hide empty description'];
  for (const s of chart.states) lines.push(`state "${quote(s.label)}" as ${alias(s.id)}${s.entered === 0 ? ' #F2F2F2;line.dashed;line:9E9E9E;text:9E9E9E' : ''}`);
  if (chart.initial !== undefined) lines.push(`[*] --> ${alias(chart.initial)}`);
  for (const t of chart.transitions) {
    const arrow = t.count > 0 ? '-[#2E7D32,bold]->' : '-[#9E9E9E,dashed]->';
    lines.push(`${alias(t.from)} ${arrow} ${alias(t.to)} : ${t.event.replace(/:/g, ' ')} (${t.count > 0 ? t.count : 'never'})`);
  }
  lines.push('@enduml');
  return lines.join('\n');
}

/**
 * Draw one chart.
 *
 * @example
 * drawChart(coverageCharts(report.coverage)[0], 'plantuml'); // '@startuml ...'
 */
export function drawChart(chart: ChartToDraw, format: DiagramFormat): string {
  return format === 'mermaid' ? mermaid(chart) : plantuml(chart);
}

function specCharts(coverage: Coverage | undefined): ChartToDraw[] {
  return Object.values(SPECS).map((spec) => {
    const counts: Counts = coverage?.specs[spec.name] ?? {};
    const transitions = spec.transitions.map((t) => ({ ...t, count: counts[`${t.from} --${t.event}--> ${t.to}`] ?? 0 }));
    const entered = (s: string) => (coverage === undefined ? undefined : s === spec.states[spec.initial] ? 1 : transitions.filter((t) => t.to === s).reduce((n, t) => n + t.count, 0));
    return {
      name: spec.name,
      title: `spec ${spec.name}${coverage === undefined ? '' : ` (${coverage.runs} runs)`}`,
      states: spec.states.map((s) => ({ id: `${spec.name}.${s}`, label: s, entered: entered(s) })),
      initial: `${spec.name}.${spec.states[spec.initial]}`,
      transitions: transitions.map((t) => ({ from: `${spec.name}.${t.from}`, event: t.event, to: `${spec.name}.${t.to}`, count: t.count })),
    };
  });
}

function modelCharts(coverage: Coverage | undefined): ChartToDraw[] {
  const model = coverage?.model ?? undefined;
  return modelCatalog().map((m) => ({
    name: m.machine,
    title: `model machine ${m.machine}${coverage === undefined ? '' : ` (${coverage.runs} runs)`}`,
    states: m.states.map((id) => ({ id, label: id === m.machine ? m.machine : id.slice(m.machine.length + 1), entered: model === undefined ? undefined : (model.states[id] ?? 0) })),
    initial: m.initial,
    transitions: m.transitions.map((t) => ({ from: t.from, event: t.event, to: t.to, count: model?.transitions[t.label] ?? 0 })),
  }));
}

/**
 * Every chart an exploration's coverage is drawn on: the specs, then the model machines (the model ones only when
 * the runs observed the model). Without a coverage, the bare statecharts (every count 0, nothing greyed).
 *
 * @example
 * for (const chart of coverageCharts(report.coverage)) console.log(drawChart(chart, 'mermaid'));
 */
export function coverageCharts(coverage?: Coverage): ChartToDraw[] {
  return [...specCharts(coverage), ...(coverage === undefined || coverage.model !== null ? modelCharts(coverage) : [])];
}

/**
 * A whole diagram file: PlantUML (one `@startuml` block per chart) or Markdown with one Mermaid block per chart.
 *
 * @example
 * writeFileSync('coverage.md', coverageDiagramFile(report.coverage, 'mermaid'));
 */
export function coverageDiagramFile(coverage: Coverage | undefined, format: DiagramFormat): string {
  const charts = coverageCharts(coverage);
  if (format === 'plantuml') return `${charts.map((c) => drawChart(c, 'plantuml')).join('\n\n')}\n`;
  const intro = coverage === undefined ? '' : `Coverage of ${coverage.runs} runs: green/✓ n = taken n times, grey/never = no run took it.\n\n`;
  return `# txsim statecharts\n\n${intro}${charts.map((c) => `## ${c.title}\n\n\`\`\`mermaid\n${drawChart(c, 'mermaid')}\n\`\`\`\n`).join('\n')}`;
}
