// `npm run bench`: runs every benchmark section and prints their figures, or with --json one JSON object
// ({ node, cores, sections: { [name]: { [figure]: { value, unit, goal?, met? } } } }). `--section NAME`
// (repeatable) runs only the named sections. Each section runs in a fresh child process of its own (a section and
// its baseline share that process), so no section inherits another's heap, garbage or JIT state: measured, the
// property runs lost a fifth of their speed after the million-event trace section. `--in-process` runs them all
// in this process instead, except a section that needs node flags this process lacks (`nodeFlags`). To add a section, export a BenchSection and list it in SECTIONS.
// Exit 1 when a `check` figure (a correctness assertion, e.g. an expected outcome count) misses its goal; speed
// goals are reported as met or NOT MET without failing the run.
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { exploreSections } from './exploreBench.ts';
import { guidedSections } from './guidedBench.ts';
import { kernelSections } from './kernelBench.ts';
import { modelSections } from './modelBench.ts';
import { goalMet, type BenchSection, type Figure } from './section.ts';

const SECTIONS: readonly BenchSection[] = [...kernelSections, ...modelSections, ...exploreSections, ...guidedSections];

function format(figure: Figure): string {
  if (figure.display !== undefined) return figure.display;
  const v = figure.value;
  if (Number.isInteger(v)) return v.toLocaleString('en-US');
  return v.toLocaleString('en-US', { maximumFractionDigits: Math.abs(v) < 10 ? 3 : 1 });
}

function goalText(figure: Figure): string {
  const met = goalMet(figure);
  if (met === undefined || figure.goal === undefined) return '';
  const { atLeast, atMost } = figure.goal;
  const verdict = figure.check === true ? (met ? 'ok' : 'CHECK FAILED') : met ? 'met' : 'NOT MET';
  if (atLeast !== undefined && atLeast === atMost) return `expect = ${atLeast}: ${verdict}`;
  const n = (v: number) => v.toLocaleString('en-US');
  const want = [atLeast !== undefined ? `>= ${atLeast < 1 ? `1/${1 / atLeast}` : n(atLeast)}` : '', atMost !== undefined ? `<= ${n(atMost)}` : ''].filter(Boolean).join(' and ');
  return `${figure.check === true ? 'expect' : 'goal'} ${want}: ${verdict}`;
}

/** Run one section in a fresh node process (same flags and loader as this one) and read back its figures. */
function runInChild(name: string, flags: readonly string[] = []): Record<string, Figure> {
  const script = fileURLToPath(import.meta.url);
  const child = spawnSync(process.execPath, [...flags, ...process.execArgv, script, '--section', name, '--json'], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (child.status !== 0 && child.status !== 1) throw new Error(`bench: section ${name} failed (exit ${String(child.status)}): ${child.stderr}`);
  const parsed = JSON.parse(child.stdout) as { sections: Record<string, Record<string, Figure>> };
  return parsed.sections[name] as Record<string, Figure>;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean', default: false },
      section: { type: 'string', multiple: true },
      'in-process': { type: 'boolean', default: false },
    },
  });
  const wanted = values.section;
  const unknown = (wanted ?? []).filter((name) => !SECTIONS.some((s) => s.name === name));
  if (unknown.length > 0) {
    console.error(`bench: unknown section(s) ${unknown.join(', ')}; known: ${SECTIONS.map((s) => s.name).join(', ')}`);
    process.exitCode = 2;
    return;
  }
  const selected = SECTIONS.filter((s) => wanted === undefined || wanted.includes(s.name));

  const results: Record<string, Record<string, Figure & { met?: boolean }>> = {};
  const isolate = !values['in-process'] && selected.length > 1;
  for (const section of selected) {
    if (!values.json) console.log(`\n${section.name}: ${section.title}`);
    const started = performance.now();
    const missingFlags = (section.nodeFlags ?? []).filter((flag) => !process.execArgv.includes(flag));
    const figures = isolate || missingFlags.length > 0 ? runInChild(section.name, missingFlags) : await section.run();
    const withGoals: Record<string, Figure & { met?: boolean }> = {};
    for (const [name, figure] of Object.entries(figures)) {
      const met = goalMet(figure);
      if (figure.check === true && met === false) process.exitCode = 1;
      withGoals[name] = met === undefined ? figure : { ...figure, met };
      // A display string carries its own unit ("1/19.1", "4 h 46 min", "1.67x").
      const unit = figure.display === undefined ? figure.unit : '';
      if (!values.json) console.log(`  ${name.padEnd(32)} ${format(figure).padStart(14)} ${unit.padEnd(10)} ${goalText(figure)}`.trimEnd());
    }
    results[section.name] = withGoals;
    if (!values.json) console.log(`  (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
  if (values.json) console.log(JSON.stringify({ node: process.version, cores: availableParallelism(), sections: results }));
  if (process.exitCode === 1) console.error('bench: a check failed (see "CHECK FAILED" above)');
}

await main();
