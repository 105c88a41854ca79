// The package a user installs (slow: about a minute, most of it `npm pack`'s build and `npm install`): pack this
// checkout (the `prepack` script builds dist/, so no leftover build is assumed), install the tarball into a fresh
// project, type-check a TypeScript file that imports `txsim` by name (and see a wrong call refused, so the types
// are real), run it, and run the `txsim` command from the installed package - worker threads included.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { REPO_ROOT } from '../cli/support.ts';

const SLOW_MS = 600_000;
const TSC = join(REPO_ROOT, 'node_modules/typescript/bin/tsc');
let project = '';
let dest = '';
let packed: { filename: string; files: Array<{ path: string }>; size: number } | undefined;

function run(command: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' }, maxBuffer: 64 * 1024 * 1024 });
  if (r.error !== undefined) throw r.error;
  return r;
}

function ok(r: SpawnSyncReturns<string>, what: string): string {
  if (r.status !== 0) throw new Error(`${what} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

const USER_FILE = `import { explore, renderDiagram, runScenario, type ExploreSummary, type Scenario } from 'txsim';

const scenario: Scenario = { name: 'mine', orders: [{ id: 'o1', amount: 100 }], expect: [{ order: 'o1', targetPurchases: 1 }] };
const { report } = runScenario(scenario);
const summary: ExploreSummary = await explore({ profile: 'harsh', runs: 4, seed: 1, workers: 2, out: 'failures' });
const diagram = renderDiagram(runScenario('lost-commit'), { format: 'plantuml' });
console.log(JSON.stringify({ ok: report.ok, firstLine: diagram.split('\\n')[0], failing: summary.failingRuns, shrunk: summary.shrunk?.scenarioFile }));
`;

const WRONG_FILE = `import { runScenario } from 'txsim';
runScenario({ name: 'x', orders: [{ id: 'o1', amount: 'lots' }] });
`;

const VITEST_FILE = `import { testRuns } from 'txsim/vitest';

testRuns('the model survives the default profile', { profile: 'default', numRuns: 5, seed: 1 });
testRuns('a non-idempotent consumer double-buys', { mutant: 'consumer-not-idempotent', numRuns: 100, seed: 1 });
`;

const MY_CONSUMER_TEST = `import { expect, test } from 'vitest';
import { explore, loadRoleMachine, renderDiagram, runScenario } from 'txsim';

test('my consumer survives the default profile', async () => {
  const summary = await explore({ roles: { consumer: './my-consumer.ts' }, runs: 12, seed: 1, workers: 2 });
  expect(summary.ok).toBe(false);
  console.log('REPLAY', summary.failingSeeds[0]?.replay);
  console.log('RUN', summary.shrunk?.run);
  const consumer = await loadRoleMachine('consumer', './my-consumer.ts');
  const shrunk = runScenario(summary.shrunk?.scenarioFile ?? '', { roles: { consumer } });
  expect(shrunk.report.ok).toBe(false);
  expect(renderDiagram(shrunk).split('\\n')[0]).toBe('sequenceDiagram');
}, 120_000);
`;

describe('the installed package', () => {
  beforeAll(() => {
    dest = mkdtempSync(join(tmpdir(), 'txsim-pack-'));
    const out = ok(run('npm', ['pack', '--json', '--pack-destination', dest], REPO_ROOT), 'npm pack');
    packed = (JSON.parse(out.slice(out.indexOf('['))) as Array<NonNullable<typeof packed>>)[0];
    project = mkdtempSync(join(tmpdir(), 'txsim-user-'));
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'user-project', private: true, type: 'module' }));
    const tsconfig = {
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, outDir: 'out', types: ['node'], typeRoots: [join(REPO_ROOT, 'node_modules/@types')], skipLibCheck: true },
      files: ['user.ts'],
    };
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify(tsconfig));
    writeFileSync(join(project, 'tsconfig.wrong.json'), JSON.stringify({ ...tsconfig, compilerOptions: { ...tsconfig.compilerOptions, noEmit: true }, files: ['wrong.ts'] }));
    writeFileSync(join(project, 'user.ts'), USER_FILE);
    writeFileSync(join(project, 'wrong.ts'), WRONG_FILE);
    ok(run('npm', ['install', join(dest, packed!.filename), '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts'], project), 'npm install');
  }, SLOW_MS);

  afterAll(() => {
    for (const dir of [project, dest]) if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  test('the tarball holds the built package and no tests, bench, sources or scratch', () => {
    const files = packed!.files.map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining(['package.json', 'bin/txsim.js', 'dist/api/index.js', 'dist/api/index.d.ts', 'dist/api/vitest.d.ts', 'dist/cli/main.js', 'scenarios/scenario.schema.json', 'properties/profiles/profile.schema.json']));
    // The example machines are TypeScript on purpose: users read them, copy them, and run them as they are.
    expect(files.filter((f) => /^(test|bench|\.scratch|\.txsim|coverage)\//.test(f) || (f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.startsWith('examples/')))).toEqual([]);
    expect(files).toEqual(expect.arrayContaining(['examples/correct-consumer.ts', 'examples/memory-producer.ts']));
    expect(readdirSync(join(project, 'node_modules/txsim')).sort()).toEqual(['README.md', 'bin', 'dist', 'docs', 'examples', 'package.json', 'properties', 'scenarios']);
  });

  test('a TypeScript file importing `txsim` type-checks and runs; a wrong call does not type-check', () => {
    ok(run(process.execPath, [TSC, '-p', 'tsconfig.json'], project), 'tsc');
    const output = JSON.parse(ok(run(process.execPath, ['out/user.js'], project), 'node out/user.js'));
    expect(output).toMatchObject({ ok: true, firstLine: '@startuml' });
    expect(output.failing).toBeGreaterThan(0);
    expect(existsSync(join(project, output.shrunk))).toBe(true);
    const wrong = run(process.execPath, [TSC, '-p', 'tsconfig.wrong.json'], project);
    expect(wrong.status).not.toBe(0);
    expect(wrong.stdout).toMatch(/wrong\.ts\(2,.*Type 'string' is not assignable to type 'number'/);
  });

  test('txsim/vitest: testRuns declares vitest tests; a failing one prints the txsim run line and FC_SEED/FC_PATH', () => {
    // The user's own vitest: here this checkout's, linked into the project's node_modules.
    symlinkSync(join(REPO_ROOT, 'node_modules/vitest'), join(project, 'node_modules/vitest'), 'dir');
    writeFileSync(join(project, 'consumer.test.ts'), VITEST_FILE);
    const r = run(process.execPath, [join(REPO_ROOT, 'node_modules/vitest/vitest.mjs'), 'run', '--root', project, 'consumer.test.ts'], project);
    const output = r.stdout + r.stderr;
    expect(r.status, output).toBe(1);
    expect(output).toMatch(/1 failed.*1 passed|1 passed.*1 failed/);
    expect(output).toContain('txsim property failed after');
    expect(output).toMatch(/violates no-double-purchase o\d+/);
    expect(output).toMatch(/FC_SEED=1 FC_PATH=[\d:]+ npx vitest run consumer\.test\.ts -t "a non-idempotent consumer double-buys"/);
    expect(output).toContain('npx txsim run .txsim/failures/property-seed-1.json');
    expect(existsSync(join(project, '.txsim/failures/property-seed-1.json'))).toBe(true);
  });

  test('the txsim command runs from the installed package, explore on worker threads included', () => {
    const bin = join(project, 'node_modules/.bin/txsim');
    const report = JSON.parse(ok(run(bin, ['run', 'happy-path', '--json'], project), 'txsim run'));
    expect(report).toMatchObject({ name: 'happy-path', ok: true });
    const explored = run(bin, ['explore', '--profile', 'harsh', '--runs', '4', '--seed', '1', '--workers', '2', '--out', 'cli-failures'], project);
    expect(explored.status).toBe(1);
    expect(explored.stdout).toContain('workers 2');
    expect(explored.stdout).toMatch(/SHRUNK seed 1: /);
    const shrunk = /npx txsim run (\S+-shrunk\.json)/.exec(explored.stdout)?.[1] ?? '';
    const again = run(bin, ['run', shrunk], project);
    expect(again.status).toBe(1);
    expect(readFileSync(join(project, shrunk), 'utf8')).toContain('"noViolations": true');
  });

  test("a user's own consumer type-checks against the package's types, and a vitest test explores it: a failing seed, a shrunk scenario, a diagram", () => {
    writeFileSync(join(project, 'my-consumer.ts'), readFileSync(join(project, 'node_modules/txsim/examples/two-transactions-consumer.ts'), 'utf8'));
    writeFileSync(join(project, 'tsconfig.mine.json'), JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, types: ['node'], typeRoots: [join(REPO_ROOT, 'node_modules/@types')], skipLibCheck: true }, files: ['my-consumer.ts'] }));
    ok(run(process.execPath, [TSC, '-p', 'tsconfig.mine.json'], project), 'tsc my-consumer.ts');
    if (!existsSync(join(project, 'node_modules/vitest'))) symlinkSync(join(REPO_ROOT, 'node_modules/vitest'), join(project, 'node_modules/vitest'), 'dir');
    writeFileSync(join(project, 'mine.test.ts'), MY_CONSUMER_TEST);
    const r = run(process.execPath, [join(REPO_ROOT, 'node_modules/vitest/vitest.mjs'), 'run', '--root', project, 'mine.test.ts'], project);
    const output = r.stdout + r.stderr;
    expect(r.status, output).toBe(0);
    expect(output).toContain('REPLAY npx txsim replay --seed 12 --profile default --runtime lean --consumer ./my-consumer.ts');
    expect(output).toContain('RUN npx txsim run .txsim/failures/default-seed-12-shrunk.json --consumer ./my-consumer.ts');
    const bin = join(project, 'node_modules/.bin/txsim');
    const again = run(bin, ['run', '.txsim/failures/default-seed-12-shrunk.json', '--consumer', './my-consumer.ts'], project);
    expect(again.status).toBe(1);
    expect(again.stdout).toContain('no-double-purchase');
  });

  test('the example machines run from the installed package (TypeScript loaded as it is), in this thread and on workers', () => {
    const bin = join(project, 'node_modules/.bin/txsim');
    const consumer = 'node_modules/txsim/examples/correct-consumer.ts';
    const report = JSON.parse(ok(run(bin, ['run', 'happy-path', '--json', '--consumer', consumer], project), 'txsim run --consumer'));
    expect(report).toMatchObject({ ok: true, replay: `npx txsim run happy-path --seed 1 --consumer ${consumer}` });
    const explored = run(bin, ['explore', '--runs', '4', '--seed', '1', '--workers', '2', '--consumer', consumer, '--producer', 'node_modules/txsim/examples/correct-producer.ts'], project);
    expect(explored.stdout + explored.stderr).toContain('OK: no property violated');
    const bad = run(bin, ['run', 'happy-path', '--producer', consumer], project);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('it handles deliver, so it looks like a consumer machine');
  });
});
