// `npm run bench`: runs every benchmark section in this one process and prints their figures, or with --json one
// JSON object ({ node, sections: { [name]: { [figure]: { value, unit, goal?, met? } } } }). `--section NAME`
// (repeatable) runs only the named sections. To add a section, export a BenchSection and list it in SECTIONS.
import { parseArgs } from 'node:util';
import { kernelSections } from './kernelBench.ts';
import { goalMet, type BenchSection, type Figure } from './section.ts';

const SECTIONS: readonly BenchSection[] = [...kernelSections];

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
  const want = [atLeast !== undefined ? `>= ${atLeast < 1 ? `1/${1 / atLeast}` : atLeast}` : '', atMost !== undefined ? `<= ${atMost}` : ''].filter(Boolean).join(' and ');
  return `goal ${want}: ${met ? 'met' : 'NOT MET'}`;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean', default: false },
      section: { type: 'string', multiple: true },
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
  for (const section of selected) {
    if (!values.json) console.log(`\n${section.name}: ${section.title}`);
    const figures = section.run();
    const withGoals: Record<string, Figure & { met?: boolean }> = {};
    for (const [name, figure] of Object.entries(figures)) {
      const met = goalMet(figure);
      withGoals[name] = met === undefined ? figure : { ...figure, met };
      if (!values.json) console.log(`  ${name.padEnd(32)} ${format(figure).padStart(14)} ${figure.unit.padEnd(9)} ${goalText(figure)}`.trimEnd());
    }
    results[section.name] = withGoals;
  }
  if (values.json) console.log(JSON.stringify({ node: process.version, sections: results }));
}

main();
