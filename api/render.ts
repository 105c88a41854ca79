// Rendering a run for people: a sequence diagram in the seed article's style (PlantUML or Mermaid text) and the
// self-contained HTML report, the same ones `txsim run --diagram` and `txsim run --html` produce.
import { runDiagram, type DiagramFormat } from '../cli/artifacts.ts';
import type { Lang } from '../cli/narrate.ts';
import type { Outcome } from '../model/world.ts';
import { CHECKERS } from '../properties/index.ts';
import type { Violation } from '../properties/types.ts';
import { htmlReport } from '../report/htmlReport.ts';

/** What the renderers need of a run: runScenario's result fits. */
export interface RenderableRun {
  outcome: Outcome;
  violations: readonly Violation[];
  report: { replay: string };
}

/**
 * A sequence diagram of a run, as PlantUML or Mermaid text.
 *
 * @example
 * import { renderDiagram, runScenario } from 'txsim';
 * const mermaid = renderDiagram(runScenario('lost-commit'), { format: 'mermaid' }); // 'sequenceDiagram\n...'
 */
export function renderDiagram(run: Pick<RenderableRun, 'outcome'>, options: { format?: DiagramFormat; lang?: Lang } = {}): string {
  return runDiagram(run.outcome, options.format ?? 'mermaid', options.lang ?? 'en');
}

/**
 * The HTML report of a run: one self-contained page (timeline, diagram, orders, properties) that opens from disk.
 *
 * @example
 * import { writeFileSync } from 'node:fs';
 * import { renderHtml, runScenario } from 'txsim';
 * writeFileSync('run.html', renderHtml(runScenario('lost-commit'), { lang: 'zh' }));
 */
export function renderHtml(run: RenderableRun, options: { lang?: Lang; title?: string } = {}): string {
  return htmlReport(run.outcome, {
    violations: run.violations,
    replayCommand: run.report.replay,
    lang: options.lang ?? 'en',
    checkers: Object.values(CHECKERS),
    ...(options.title === undefined ? {} : { title: options.title }),
  });
}
