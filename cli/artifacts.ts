// What `run` and `replay` can produce besides the narration: a sequence diagram in the seed article's style
// (`--diagram plantuml|mermaid`, printed on stdout so it can be piped to a file) and a self-contained HTML run
// report (`--html FILE`, written to disk, opens from a browser with no server).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Option } from 'commander';
import type { Outcome } from '../model/world.ts';
import { CHECKERS } from '../properties/index.ts';
import type { Violation } from '../properties/types.ts';
import { htmlReport, type ScenarioJudgement } from '../report/htmlReport.ts';
import { sequenceDiagram } from '../report/sequenceDiagram.ts';
import { println, UsageError, type CliIo } from './io.ts';
import type { Lang } from './narrate.ts';

export const DIAGRAM_FORMATS = ['plantuml', 'mermaid'] as const;
export type DiagramFormat = (typeof DIAGRAM_FORMATS)[number];

export interface ArtifactOptions {
  diagram?: DiagramFormat;
  html?: string;
  lang?: Lang;
}

/** The `--diagram` and `--html` options, shared by run and replay. */
export function artifactOptions(): Option[] {
  return [
    new Option('--diagram <format>', 'print a sequence diagram of the run instead of the narration').choices([...DIAGRAM_FORMATS]),
    new Option('--html <file>', 'write a self-contained HTML report of the run to FILE'),
  ];
}

/** The diagram text for a run, in the chosen format and language. */
export function runDiagram(outcome: Outcome, format: DiagramFormat, lang: Lang, violations: readonly Violation[] = []): string {
  return sequenceDiagram(outcome, { format, lang, violations });
}

/**
 * Write the HTML report when asked; returns the absolute path written, or undefined.
 *
 * @example
 * writeHtmlReport(outcome, violations, 'npx txsim run lost-commit --seed 2', { html: 'out/run.html' }, io);
 */
export function writeHtmlReport(
  outcome: Outcome,
  violations: readonly Violation[],
  replayCommand: string,
  options: ArtifactOptions,
  io: CliIo,
  title?: string,
  extras: { scenario?: ScenarioJudgement; narration?: readonly string[] } = {},
): string | undefined {
  if (options.html === undefined) return undefined;
  const path = resolve(io.cwd ?? process.cwd(), options.html);
  const html = htmlReport(outcome, {
    violations,
    replayCommand,
    lang: options.lang ?? 'en',
    checkers: Object.values(CHECKERS),
    ...(title === undefined ? {} : { title }),
    ...(extras.scenario === undefined ? {} : { scenario: extras.scenario }),
    ...(extras.narration === undefined ? {} : { narration: extras.narration }),
  });
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, html);
  } catch (error) {
    throw new UsageError(`--html ${options.html}: cannot write the report (${error instanceof Error ? error.message : String(error)}); give a writable path`);
  }
  println(io.stderr, `txsim: wrote the HTML report to ${path}`);
  return path;
}
