// The tour's checker catches what it must: excerpt lines out of order or missing, a command without its output
// block, arguments that need a shell; and it keeps the tour's file outputs out of the repository.
import { describe, expect, test } from 'vitest';
import { firstMissing, parseTour, refreshExcerpt, sandboxArgv } from './tourCommands.ts';

const block = (command: string, output: string): string => `\`\`\`sh\n${command}\n\`\`\`\n\n\`\`\`text\n${output}\n\`\`\`\n`;

describe('parseTour', () => {
  test('reads the command, its exit code and its excerpt', () => {
    const steps = parseTour(`# Tour\n\nProse.\n\n${block('$ npx txsim run lost-commit  # exit 1', 'a\n...\nb')}\n${block('$ npx txsim scenarios', 'c')}`);
    expect(steps).toEqual([
      { line: 6, command: 'npx txsim run lost-commit', argv: ['run', 'lost-commit'], exit: 1, expected: ['a', '...', 'b'], expectedLine: 10 },
      { line: 16, command: 'npx txsim scenarios', argv: ['scenarios'], exit: 0, expected: ['c'], expectedLine: 20 },
    ]);
  });

  test('ignores other code blocks', () => {
    expect(parseTour('```json\n{ "a": 1 }\n```\n\n```sh\nnpm ci\n```\n')).toEqual([]);
  });

  test.each([
    ['a command without an output block', '```sh\n$ npx txsim scenarios\n```\n\nProse.\n', 'followed by a ```text block'],
    ['prose between a command and its output', '```sh\n$ npx txsim scenarios\n```\nProse.\n```text\na\n```\n', 'only blank lines'],
    ['two commands in one block', '```sh\n$ npx txsim scenarios\n$ npx txsim run happy-path\n```\n```text\na\n```\n', 'exactly one'],
    ['a quoted argument', block("$ npx txsim run 'my file.json'", 'a'), 'split on spaces'],
    ['a command in a ```bash block', '```bash\n$ npx txsim scenarios\n```\n', 'only 0 in'],
    ['a comment other than the exit code', block('$ npx txsim scenarios # all of them', 'a'), 'trailing `# exit N`'],
    ['an unclosed block', '```sh\n$ npx txsim scenarios\n', 'never closed'],
  ])('refuses %s', (_what, markdown, message) => {
    expect(() => parseTour(markdown)).toThrow(message);
  });
});

describe('firstMissing', () => {
  const output = 'first line\n  o1     committed    consumed  1\nlast line: 5 s simulated\n';

  test('finds lines in order, with whitespace collapsed and as substrings', () => {
    expect(firstMissing(['first line', '...', 'o1 committed consumed 1', '', 'last line'], output)).toBeUndefined();
  });

  test('reports a line out of order', () => {
    expect(firstMissing(['last line', 'first line'], output)).toEqual({ index: 1, text: 'first line' });
  });

  test('reports a changed line', () => {
    expect(firstMissing(['first line', 'o1 committed consumed 2'], output)).toEqual({ index: 1, text: 'o1 committed consumed 2' });
  });

  test('matches each output line once', () => {
    expect(firstMissing(['line', 'line', 'line'], output)).toEqual({ index: 2, text: 'line' });
  });
});

describe('refreshExcerpt', () => {
  const output = '     28 ms  o1     main transaction committed\n 30,000 ms  o1     check-back #1\n 30,000 ms  o1     check-back #2\nOK: x (seed 2, 66 events)\n';

  test('updates times, then other numbers, keeping the lines found and the cuts', () => {
    expect(refreshExcerpt(['26 ms  o1  main transaction committed', '...', '30,001 ms o1 check-back #2', 'OK: x (seed 2, 65 events)'], output)).toEqual([
      '     28 ms  o1     main transaction committed',
      '...',
      ' 30,000 ms  o1     check-back #2',
      'OK: x (seed 2, 66 events)',
    ]);
  });

  test('updates a line shown as a substring to the matching part', () => {
    expect(refreshExcerpt(['OK: x (seed 2, 65'], output)).toEqual(['OK: x (seed 2, 66']);
  });

  test('prefers the line with the fewest changed numbers, and refuses one with most of them changed', () => {
    const fails = 'FAIL seed 2: bought 2 times (tx-o1)\nFAIL seed 17: bought 3 times (tx-o2)\n';
    expect(refreshExcerpt(['FAIL seed 17: bought 2 times (tx-o2)'], fails)).toEqual(['FAIL seed 17: bought 3 times (tx-o2)']);
    expect(refreshExcerpt(['FAIL seed 9: bought 4 times (tx-o2)'], fails)).toBeUndefined();
  });

  test('gives up on a change in words', () => {
    expect(refreshExcerpt(['26 ms  o1  main transaction rolled back'], output)).toBeUndefined();
  });
});

describe('sandboxArgv', () => {
  const join = (...parts: string[]): string => parts.join('/');

  test('moves --html and --out into the sandbox', () => {
    expect(sandboxArgv(['replay', '--seed', '1', '--html', 'report.html'], '/s', '.txsim/failures', join)).toEqual({
      argv: ['replay', '--seed', '1', '--html', '/s/report.html'],
      renames: [['/s/report.html', 'report.html']],
      writes: ['/s/report.html'],
    });
    expect(sandboxArgv(['explore', '--out', 'out'], '/s', '.txsim/failures', join).argv).toEqual(['explore', '--out', '/s/out']);
  });

  test("gives explore an --out in place of its default, and reads explore's replay files from the sandbox", () => {
    expect(sandboxArgv(['explore', '--runs', '2'], '/s', '.txsim/failures', join)).toEqual({
      argv: ['explore', '--runs', '2', '--out', '/s/.txsim/failures'],
      renames: [['/s/.txsim/failures', '.txsim/failures']],
      writes: [],
    });
    expect(sandboxArgv(['replay', '.txsim/failures/harsh-seed-1.json'], '/s', '.txsim/failures', join).argv).toEqual(['replay', '/s/.txsim/failures/harsh-seed-1.json']);
  });

  test('leaves scenario names and files alone', () => {
    expect(sandboxArgv(['run', 'docs/tour/x.json', '--lang', 'zh'], '/s', '.txsim/failures', join).argv).toEqual(['run', 'docs/tour/x.json', '--lang', 'zh']);
  });
});
