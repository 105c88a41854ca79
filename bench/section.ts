// What a benchmark section is: a name, a one-line title, and a run() that returns named figures, each with a
// unit and optionally a goal. bench/index.ts runs a list of these; a new section is one more entry there.
// A goal is a target (a speed the project aims for; missing it is reported, not an error) unless the figure is
// marked `check`: then it is a correctness assertion (an expected outcome count) and a miss fails `npm run bench`.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** A goal a figure should meet; `met` is computed by the runner. */
export interface Goal {
  readonly atLeast?: number;
  readonly atMost?: number;
}

/** One measured number. `display` overrides the default formatting of `value` (e.g. "1/13.2" for a ratio). */
export interface Figure {
  readonly value: number;
  readonly unit: string;
  readonly goal?: Goal;
  readonly display?: string;
  /** The goal is a correctness check, not a target: a miss makes `npm run bench` exit 1. */
  readonly check?: boolean;
}

export interface BenchSection {
  /** kebab-case, used by `--section` and as the key in `--json` output. */
  readonly name: string;
  readonly title: string;
  /** Node/V8 flags the section must run under (it then always runs in a child process started with them). */
  readonly nodeFlags?: readonly string[];
  run(): Record<string, Figure> | Promise<Record<string, Figure>>;
}

/** Whether a figure meets its goal; undefined when it has none. */
export function goalMet(figure: Figure): boolean | undefined {
  const goal = figure.goal;
  if (goal === undefined) return undefined;
  if (goal.atLeast !== undefined && !(figure.value >= goal.atLeast)) return false;
  if (goal.atMost !== undefined && !(figure.value <= goal.atMost)) return false;
  return true;
}

let gcFunction: (() => void) | undefined;

/**
 * Run a full garbage collection, so a section's memory figures do not carry the previous section's garbage.
 * `npm run bench` starts node without --expose-gc, so the flag is set at run time and `gc` taken from a fresh
 * context (a documented V8 idiom; flags set this way apply to contexts created afterwards).
 */
export function collectGarbage(): void {
  if (gcFunction === undefined) {
    setFlagsFromString('--expose-gc');
    gcFunction = runInNewContext('gc') as () => void;
  }
  gcFunction();
}

/** Mebibytes, for memory figures. */
export function mib(bytes: number): number {
  return bytes / (1024 * 1024);
}
