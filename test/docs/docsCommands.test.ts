// README.md, docs/compare.md and docs/scenarios.md cannot drift from the command: every `npx txsim ...` line in
// their ```sh blocks runs in-process, in the file's order (so a replay reads the file an exploration before it
// wrote), and must not be refused (exit 2) or crash (exit 3). A `$ npx txsim ...` line followed by a ```text block
// shows real output: in docs/compare.md the block IS the output, byte for byte; elsewhere its lines must appear in
// order, as in the tour (test/docs/tourCommands.ts). After a model change, TXSIM_DOCS_UPDATE=1 rewrites the blocks
// that differ with the real output: review the diff. docs/tour.md has its own
// test; docs/scale.md holds shell loops and CI files that are not commands of this kind.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { DEFAULT_OUT } from '../../cli/commands/explore.ts';
import { runCli } from '../../cli/runCli.ts';
import { firstMissing, sandboxArgv } from './tourCommands.ts';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const UPDATE = process.env.TXSIM_DOCS_UPDATE === '1';

interface DocCommand {
  file: string;
  line: number;
  argv: string[];
  /** The ```text block after a `$` command: its 0-based line range in the file and its lines. */
  shown?: { from: number; to: number; lines: string[] };
}

/** The txsim commands of a markdown file's ```sh blocks, with the output block that follows a `$` command. */
export function docCommands(file: string, markdown: string): DocCommand[] {
  const lines = markdown.split('\n');
  const commands: DocCommand[] = [];
  for (let i = 0; i < lines.length; i++) {
    // A bare block that starts with a `$ npx txsim` line: the command and, below it, its output.
    const session = /^\$ npx txsim (.*?)\s*$/.exec(lines[i + 1] ?? '');
    if (lines[i] === '```' && session !== null) {
      let end = i + 2;
      while (end < lines.length && lines[end] !== '```') end++;
      const argv = (session[1] as string).split(/\s+/);
      // A file the reader writes themselves (docs/scenarios.md's typo.json) is not in the repository to run.
      if (argv.every((a) => !a.endsWith('.json') || existsSync(join(REPO_ROOT, a)))) {
        commands.push({ file, line: i + 2, argv, shown: { from: i + 2, to: end, lines: lines.slice(i + 2, end) } });
      }
      i = end;
      continue;
    }
    if (lines[i] !== '```sh') continue;
    let j = i + 1;
    const inBlock: Array<{ line: number; text: string; prompt: boolean }> = [];
    for (; j < lines.length && lines[j] !== '```'; j++) {
      const m = /^(\$ )?npx txsim (.*?)\s*(?:#.*)?$/.exec(lines[j] as string);
      if (m !== null) inBlock.push({ line: j + 1, text: m[2] as string, prompt: m[1] !== undefined });
    }
    let shown: DocCommand['shown'];
    let k = j + 1;
    while (k < lines.length && (lines[k] as string).trim() === '') k++;
    if (lines[k] === '```text' && inBlock.length === 1 && inBlock[0]?.prompt === true) {
      let end = k + 1;
      while (end < lines.length && lines[end] !== '```') end++;
      shown = { from: k + 1, to: end, lines: lines.slice(k + 1, end) };
    }
    for (const c of inBlock) commands.push({ file, line: c.line, argv: c.text.split(/\s+/), ...(shown === undefined ? {} : { shown }) });
    i = j;
  }
  return commands;
}

const FILES = ['README.md', 'docs/compare.md', 'docs/scenarios.md'];

describe.each(FILES)('%s', (file) => {
  const path = join(REPO_ROOT, file);
  const markdown = readFileSync(path, 'utf8');
  const commands = docCommands(file, markdown);
  const sandbox = mkdtempSync(join(tmpdir(), 'txsim-docs-'));
  const rewrites: Array<{ from: number; to: number; text: string }> = [];

  afterAll(() => {
    rmSync(sandbox, { recursive: true, force: true });
    if (rewrites.length === 0) return;
    const lines = markdown.split('\n');
    for (const r of [...rewrites].sort((a, b) => b.from - a.from)) lines.splice(r.from, r.to - r.from, ...r.text.split('\n'));
    writeFileSync(path, lines.join('\n'));
  });

  test('has commands', () => {
    expect(commands.length).toBeGreaterThan(0);
  });

  test.each(commands.map((c) => [`line ${c.line}: npx txsim ${c.argv.join(' ')}`, c] as const))('%s', async (_name, c) => {
    const { argv, renames } = sandboxArgv(c.argv, sandbox, DEFAULT_OUT, join);
    let output = '';
    const sink = { write: (s: string) => (output += s) };
    const code = await runCli(argv, { stdout: sink, stderr: { write: () => undefined }, isTTY: false, cwd: REPO_ROOT });
    for (const [moved, original] of renames) output = output.replaceAll(moved, original);
    expect(code, `exit code of line ${c.line}; output:\n${output}`).toBeLessThan(2);
    if (c.shown === undefined) return;
    if (file === 'docs/compare.md') {
      const actual = output.trimEnd();
      if (UPDATE && actual !== c.shown.lines.join('\n')) rewrites.push({ from: c.shown.from, to: c.shown.to, text: actual });
      else expect(c.shown.lines.join('\n'), `the output block after line ${c.line} (TXSIM_DOCS_UPDATE=1 rewrites it)`).toBe(actual);
    } else if (UPDATE && firstMissing(c.shown.lines, output) !== undefined) {
      rewrites.push({ from: c.shown.from, to: c.shown.to, text: output.trimEnd() });
    } else {
      expect(firstMissing(c.shown.lines, output), `output of line ${c.line} (TXSIM_DOCS_UPDATE=1 rewrites it):\n${output}`).toBeUndefined();
    }
  }, 120_000);
});
