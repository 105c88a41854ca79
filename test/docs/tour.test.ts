// docs/tour.md cannot drift from the command: every `$ npx txsim ...` in it runs in-process, in the tour's order,
// with its exit code checked and its output excerpt found in the real output, line by line and in order (the
// format is in tourCommands.ts). Files the tour writes (--html, explore's replay files) go to a temporary
// directory; scenario files are read from the repository, and every docs/tour/*.json must be run by the tour.
// The commands share that directory as a reader's checkout would: a replay of `.txsim/failures/...` reads the file
// the tour's explore wrote, so run the whole file, not one test of it.
// When the model changes, times and counts in the excerpts go stale: `TXSIM_TOUR_UPDATE=1 npx vitest run
// test/docs/tour.test.ts` rewrites the lines that differ only in their numbers (see refreshExcerpt), then checks as
// usual; review the diff of docs/tour.md, and edit by hand what it could not refresh.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { DEFAULT_OUT } from '../../cli/commands/explore.ts';
import { runCli } from '../../cli/runCli.ts';
import { firstMissing, parseTour, refreshExcerpt, sandboxArgv, type TourStep } from './tourCommands.ts';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TOUR_PATH = join(REPO_ROOT, 'docs/tour.md');
const TOUR = readFileSync(TOUR_PATH, 'utf8');
const STEPS = parseTour(TOUR);
const SANDBOX = mkdtempSync(join(tmpdir(), 'txsim-tour-'));
const UPDATE = process.env.TXSIM_TOUR_UPDATE === '1';
/** Refreshed excerpt lines by their 0-based line in docs/tour.md (update mode only). */
const refreshed = new Map<number, string>();

afterAll(() => {
  rmSync(SANDBOX, { recursive: true, force: true });
  if (refreshed.size === 0) return;
  const lines = TOUR.split('\n');
  for (const [index, text] of refreshed) lines[index] = text;
  writeFileSync(TOUR_PATH, lines.join('\n'));
});

/** Run one step in-process; stdout and stderr interleaved as a terminal would show them. */
async function run(step: TourStep): Promise<{ code: number; output: string; writes: string[] }> {
  const { argv, renames, writes } = sandboxArgv(step.argv, SANDBOX, DEFAULT_OUT, join);
  let output = '';
  const sink = { write: (s: string) => (output += s) };
  const code = await runCli(argv, { stdout: sink, stderr: sink, isTTY: false, cwd: REPO_ROOT });
  // Longest first, so a file inside a renamed directory is renamed whole.
  for (const [moved, original] of [...renames].sort((a, b) => b[0].length - a[0].length)) output = output.replaceAll(moved, original);
  return { code, output, writes };
}

describe('docs/tour.md', () => {
  test('has commands', () => {
    expect(STEPS.length).toBeGreaterThanOrEqual(10);
  });

  test.each(STEPS.map((s) => [`line ${s.line}: $ ${s.command}`, s] as const))('%s', async (_name, step) => {
    const { code, output, writes } = await run(step);
    expect(code, `exit code of \`${step.command}\` (line ${step.line}); output:\n${output}`).toBe(step.exit);
    let expected = step.expected;
    if (UPDATE && firstMissing(expected, output) !== undefined) {
      const update = refreshExcerpt(expected, output);
      if (update !== undefined) {
        for (const [i, text] of update.entries()) if (text !== expected[i]) refreshed.set(step.expectedLine - 1 + i, text);
        expected = update;
      }
    }
    const missing = firstMissing(expected, output);
    const where = missing === undefined ? '' : `line ${step.expectedLine + missing.index} of docs/tour.md (${missing.text.trim()})`;
    expect(missing, `${where}: not found in the output of \`${step.command}\`, after the lines matched before it. The output:\n${output}`).toBeUndefined();
    for (const file of writes) {
      expect(existsSync(file), `${step.command} writes ${file}`).toBe(true);
      expect(readFileSync(file, 'utf8').startsWith('<!DOCTYPE html>')).toBe(true);
    }
  });

  test('runs every docs/tour/*.json', () => {
    const files = readdirSync(join(REPO_ROOT, 'docs/tour')).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    const run = new Set(STEPS.flatMap((s) => s.argv));
    for (const file of files) expect(run.has(`docs/tour/${file}`), `docs/tour/${file} is run by a command of the tour`).toBe(true);
  });
});
