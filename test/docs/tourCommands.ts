// Reading docs/tour.md as a test script. The tour's contract with its test:
//   - a command is a fenced ```sh block holding one line `$ npx txsim ARGS`, with `# exit N` at the end when the
//     command is expected to exit N (no comment: 0);
//   - the next fenced block, separated only by blank lines, is a ```text block: an excerpt of the real output. Each of
//     its lines must appear in the output, in order; a line that is just `...` marks lines cut and is skipped;
//     blank lines are skipped; lines are compared with runs of whitespace collapsed, and a line may be a substring
//     of the output line it matches (so a long line may be shown cut short).
// Arguments are split on spaces: the tour uses no quoting, and a quote or shell metacharacter is refused here
// rather than half-parsed. Also here: moving the commands' file outputs into a sandbox (sandboxArgv), and bringing
// stale numbers in an excerpt up to date (refreshExcerpt, for TXSIM_TOUR_UPDATE=1).

/** One command of the tour with its expected exit code and output excerpt. */
export interface TourStep {
  /** 1-based line of the command in the markdown. */
  line: number;
  /** The command as written, without the `$ ` prompt and the exit comment. */
  command: string;
  /** The arguments after `npx txsim`. */
  argv: string[];
  exit: number;
  /** The excerpt's lines as written (cut markers and blank lines included). */
  expected: string[];
  /** 1-based line of the excerpt's first line in the markdown. */
  expectedLine: number;
}

interface Fence {
  lang: string;
  /** 1-based line of the opening fence. */
  open: number;
  /** 1-based line of the closing fence. */
  close: number;
  lines: string[];
}

const PROMPT = '$ npx txsim ';
const UNSUPPORTED = /['"`$\\|;&<>*?(){}]/;

function fences(markdown: string): Fence[] {
  const lines = markdown.split('\n');
  const found: Fence[] = [];
  let current: Fence | undefined;
  lines.forEach((text, i) => {
    const fence = /^```(\S*)\s*$/.exec(text);
    if (current === undefined) {
      if (fence !== null) current = { lang: fence[1] ?? '', open: i + 1, close: -1, lines: [] };
    } else if (/^```\s*$/.test(text)) {
      current.close = i + 1;
      found.push(current);
      current = undefined;
    } else {
      current.lines.push(text);
    }
  });
  if (current !== undefined) throw new Error(`line ${current.open}: a fenced block is never closed`);
  return found;
}

/**
 * The tour's commands, in order; throws, naming the line, when the markdown breaks the format above.
 *
 * @example
 * parseTour('```sh\n$ npx txsim run lost-commit\n```\n\n```text\nOK: lost-commit\n```\n');
 * // [{ line: 2, command: 'npx txsim run lost-commit', argv: ['run', 'lost-commit'], exit: 0, expected: ['OK: lost-commit'], expectedLine: 6 }]
 */
export function parseTour(markdown: string): TourStep[] {
  const all = markdown.split('\n');
  const blocks = fences(markdown);
  const steps: TourStep[] = [];
  blocks.forEach((block, i) => {
    const prompts = block.lines.filter((l) => l.startsWith('$ '));
    if (block.lang !== 'sh' || !prompts.some((l) => l.startsWith(PROMPT))) return;
    const nonBlank = block.lines.filter((l) => l.trim() !== '');
    if (nonBlank.length !== 1) throw new Error(`line ${block.open}: a command block holds exactly one \`$ npx txsim ...\` line`);
    const raw = nonBlank[0] as string;
    const line = block.open + 1 + block.lines.indexOf(raw);
    const exitComment = /\s+#\s*exit\s+(\d+)\s*$/.exec(raw);
    if (exitComment === null && raw.includes('#')) throw new Error(`line ${line}: the only comment allowed is a trailing \`# exit N\``);
    const command = (exitComment === null ? raw : raw.slice(0, exitComment.index)).slice(2).trim();
    const argv = command.slice(PROMPT.length - 2).trim().split(/\s+/);
    const bad = argv.find((a) => UNSUPPORTED.test(a));
    if (bad !== undefined) throw new Error(`line ${line}: the argument ${bad} needs a shell; the tour's commands are split on spaces only`);
    const next = blocks[i + 1];
    if (next === undefined || next.lang !== 'text') throw new Error(`line ${line}: a command must be followed by a \`\`\`text block of its output`);
    const between = all.slice(block.close, next.open - 1);
    if (between.some((l) => l.trim() !== '')) throw new Error(`line ${line}: only blank lines may separate a command from its output block (line ${next.open})`);
    steps.push({ line, command, argv, exit: exitComment === null ? 0 : Number(exitComment[1]), expected: next.lines, expectedLine: next.open + 1 });
  });
  const written = all.filter((l) => l.startsWith(PROMPT)).length;
  if (written !== steps.length) throw new Error(`${written} \`$ npx txsim\` lines in the tour, but only ${steps.length} in \`\`\`sh command blocks`);
  return steps;
}

/** Runs of whitespace collapsed to one space, ends trimmed. */
export function normalize(line: string): string {
  return line.replace(/\s+/g, ' ').trim();
}

/** Whether an excerpt line is a cut marker. */
export function isCut(line: string): boolean {
  return line.trim() === '...';
}

/**
 * The first excerpt line that does not appear in the output after the lines matched before it, or undefined when
 * the whole excerpt is found in order. Each output line matches at most one excerpt line.
 *
 * @example
 * firstMissing(['a', '...', 'c'], 'a\nb\nc d\n'); // undefined
 * firstMissing(['c', 'a'], 'a\nb\nc\n');           // { index: 1, text: 'a' }
 */
export function firstMissing(expected: readonly string[], output: string): { index: number; text: string } | undefined {
  const actual = output.split('\n').map(normalize);
  let at = 0;
  for (const [index, text] of expected.entries()) {
    const want = normalize(text);
    if (want === '' || isCut(text)) continue;
    let found = at;
    while (found < actual.length && !(actual[found] as string).includes(want)) found++;
    if (found === actual.length) return { index, text };
    at = found + 1;
  }
  return undefined;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const TIME = /^[\d:.,]+(?: ms)?(?= )/;

/** A pattern for an excerpt line with its leading time column (tier 1) or every number (tier 2) left open. */
function loosened(line: string, everyNumber: boolean): RegExp {
  const text = normalize(line);
  const time = TIME.exec(text);
  const rest = time === null ? text : text.slice(time[0].length);
  const body = everyNumber ? escape(rest).replace(/\d+/g, '\\d+') : escape(rest);
  return new RegExp(`${time === null ? '' : '[\\d:.,]+(?: ms)?'}${body}`);
}

/** How many of two equally shaped lines' numbers differ. */
function changedNumbers(a: string, b: string): number {
  const x = a.match(/\d+/g) ?? [];
  const y = b.match(/\d+/g) ?? [];
  return x.filter((n, i) => n !== y[i]).length;
}

/**
 * The excerpt brought up to date with the output, for `TXSIM_TOUR_UPDATE=1`. Each line not found where it should
 * be is replaced by the next output line that differs from it only in its leading time column or, failing that,
 * by the output line after it that differs from it in the fewest other numbers, at most half of them (so a line
 * about seed 17 is not rewritten into one about seed 2). A whole output line keeps its spacing; a line shown as a
 * substring becomes the matching part. Lines found are kept as written. Undefined when a line has no such
 * counterpart: the change is more than numbers, and the excerpt must be edited by hand. Review the diff anyway: a
 * changed count can be a changed lesson.
 *
 * @example
 * refreshExcerpt(['26 ms  o1  main transaction committed'], '     28 ms  o1  main transaction committed\n');
 * // ['     28 ms  o1  main transaction committed']
 */
export function refreshExcerpt(expected: readonly string[], output: string): string[] | undefined {
  const raw = output.split('\n');
  const actual = raw.map(normalize);
  const refreshed: string[] = [];
  let at = 0;
  for (const text of expected) {
    const want = normalize(text);
    if (want === '' || isCut(text)) {
      refreshed.push(text);
      continue;
    }
    let found = actual.findIndex((line, i) => i >= at && line.includes(want));
    let match = want;
    if (found === -1) {
      const sameText = loosened(text, false);
      found = actual.findIndex((line, i) => i >= at && sameText.test(line));
      if (found !== -1) match = (sameText.exec(actual[found] as string) as RegExpExecArray)[0];
    }
    if (found === -1) {
      const sameShape = loosened(text, true);
      const allowed = Math.max(1, Math.floor((want.match(/\d+/g) ?? []).length / 2));
      let fewest = allowed + 1;
      for (let i = at; i < actual.length; i++) {
        const hit = sameShape.exec(actual[i] as string);
        if (hit === null) continue;
        const changed = changedNumbers(want, hit[0]);
        if (changed < fewest) [found, match, fewest] = [i, hit[0], changed];
      }
    }
    if (found === -1) return undefined;
    refreshed.push(match === want ? text : match === actual[found] ? (raw[found] as string).trimEnd() : match);
    at = found + 1;
  }
  return refreshed;
}

/** A command's argv with its file outputs moved into a sandbox directory, and how to read its output back. */
export interface Sandboxed {
  argv: string[];
  /** [written path, path as the tour wrote it]: replace the first by the second in the output. */
  renames: Array<[string, string]>;
  /** Files the command must have written (for --html). */
  writes: string[];
}

/**
 * Move a tour command's file outputs into `sandbox`, so running the tour never writes into the repository:
 * `--html FILE` and `--out DIR` are rewritten into the sandbox; `explore` without `--out` gets one in place of its
 * default directory `defaultOut`; an argument under `defaultOut` (a replay file written by an earlier explore) is
 * read from the sandbox. Everything else (scenario names, `docs/tour/*.json`) stays relative to the repository.
 *
 * @example
 * sandboxArgv(['replay', '--seed', '1', '--html', 'report.html'], '/tmp/s', '.txsim/failures', (...p) => p.join('/'));
 * // { argv: ['replay', '--seed', '1', '--html', '/tmp/s/report.html'], renames: [['/tmp/s/report.html', 'report.html']], writes: ['/tmp/s/report.html'] }
 */
export function sandboxArgv(argv: readonly string[], sandbox: string, defaultOut: string, join: (...parts: string[]) => string): Sandboxed {
  const out: string[] = [];
  const renames: Array<[string, string]> = [];
  const writes: string[] = [];
  const move = (path: string): string => {
    const moved = join(sandbox, path);
    renames.push([moved, path]);
    return moved;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const value = argv[i + 1];
    if ((arg === '--html' || arg === '--out' || arg === '--coverage-diagram') && value !== undefined) {
      const moved = move(value);
      if (arg !== '--out') writes.push(moved);
      out.push(arg, moved);
      i++;
    } else if (arg === defaultOut || arg.startsWith(`${defaultOut}/`)) {
      out.push(move(arg));
    } else {
      out.push(arg);
    }
  }
  if (argv[0] === 'explore' && !argv.includes('--out')) out.push('--out', move(defaultOut));
  return { argv: out, renames, writes };
}
