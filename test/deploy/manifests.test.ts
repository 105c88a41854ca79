// The cluster manifests in deploy/, run here as their engine would run them: the YAML parses, its Jobs agree on
// the exploration, and each pod's (or matrix job's) script runs in a process of its own with the environment the
// engine gives it (JOB_COMPLETION_INDEX, the container env; SHARD_INDEX for a GitHub matrix job), with only the
// size made small. The merged summary is the unsharded exploration's; a missing shard makes the merge exit 2; a
// pod that fails publishes no summary. `txsim` (the image's command) and `npx` (the runner's) are stand-ins that
// start bin/txsim.js.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { load, loadAll } from 'js-yaml';
import { describe, expect, test } from 'vitest';
import { BIN, cli, REPO_ROOT, tempDir } from '../cli/support.ts';

interface Container {
  env: Array<{ name: string; value: string }>;
  command: string[];
  volumeMounts: Array<{ name: string; mountPath: string }>;
}
interface JobDoc {
  kind: string;
  metadata: { name: string };
  spec: {
    completionMode?: string;
    completions?: number;
    parallelism?: number;
    template: { spec: { containers: Container[]; volumes: Array<{ persistentVolumeClaim: { claimName: string } }> } };
  };
}

/** A directory with `txsim` and `npx txsim` stand-ins that run this repository's bin/txsim.js. */
function standIns(): string {
  const dir = tempDir();
  for (const [name, shift] of [['txsim', ''], ['npx', 'shift\n']] as const) {
    writeFileSync(join(dir, name), `#!/bin/sh\n${shift}exec "${process.execPath}" "${BIN}" "$@"\n`);
    chmodSync(join(dir, name), 0o755);
  }
  return dir;
}

/** Run a shell script as a pod or a CI step would; resolves to its exit code and output. */
function runScript(shell: string[], script: string, env: Record<string, string>, cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(shell[0] as string, [...shell.slice(1), script], { cwd, env: { PATH: `${standIns()}:${process.env.PATH ?? ''}`, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const envOf = (container: Container): Record<string, string> => Object.fromEntries(container.env.map((e) => [e.name, String(e.value)]));
const SMALL = { RUNS: '40', PROFILE: 'harsh', SEED: '3', WORKERS: '1' };

/** What an exploration found, without how it was run. */
async function unsharded(): Promise<Record<string, unknown>> {
  const r = await cli(['explore', '--profile', 'harsh', '--seed', '3', '--runs', '40', '--workers', '1', '--json', '--out', tempDir()]);
  const { failingSeeds, violationsByProperty, runs, violations } = JSON.parse(r.stdout);
  return { failingSeeds, violationsByProperty, runs, violations };
}

describe('deploy/k8s/explore-job.yaml', () => {
  const docs = loadAll(readFileSync(join(REPO_ROOT, 'deploy/k8s/explore-job.yaml'), 'utf8')) as JobDoc[];
  const [claim, explore, merge] = docs as [JobDoc, JobDoc, JobDoc];
  const exploreContainer = explore.spec.template.spec.containers[0] as Container;
  const mergeContainer = merge.spec.template.spec.containers[0] as Container;

  test('parses: a volume claim, an Indexed Job of SHARDS pods and a merge Job that agree', () => {
    expect(docs.map((d) => d.kind)).toEqual(['PersistentVolumeClaim', 'Job', 'Job']);
    expect(explore.spec.completionMode).toBe('Indexed');
    const shards = Number(envOf(exploreContainer).SHARDS);
    expect(explore.spec.completions).toBe(shards);
    expect(explore.spec.parallelism).toBe(shards);
    expect(envOf(mergeContainer).SHARDS).toBe(String(shards));
    for (const job of [explore, merge]) expect(job.spec.template.spec.volumes[0]?.persistentVolumeClaim.claimName).toBe(claim.metadata.name);
    expect(envOf(exploreContainer).RESULTS).toBe(exploreContainer.volumeMounts[0]?.mountPath);
  });

  test('its pods, run as the Job runs them, and its merge give the unsharded exploration', async () => {
    const results = tempDir();
    const base = { ...envOf(exploreContainer), ...SMALL, RESULTS: results };
    const shell = exploreContainer.command.slice(0, -1);
    const script = exploreContainer.command.at(-1) as string;
    const pods = await Promise.all(Array.from({ length: explore.spec.completions ?? 0 }, (_, i) => runScript(shell, script, { ...base, JOB_COMPLETION_INDEX: String(i) }, results)));
    for (const pod of pods) expect(pod).toMatchObject({ code: 0, stderr: '' });

    const mergeEnv = { ...envOf(mergeContainer), RESULTS: results, WAIT_SECONDS: '0' };
    const merged = await runScript(mergeContainer.command.slice(0, -1), mergeContainer.command.at(-1) as string, mergeEnv, results);
    expect(merged.code).toBe(1); // harsh finds failures
    expect(merged.stdout).toMatch(/merged +8 of 8 shards from 8 files/);
    const summary = JSON.parse(readFileSync(join(results, 'merged.json'), 'utf8'));
    const { failingSeeds, violationsByProperty, runs, violations } = summary;
    expect({ failingSeeds, violationsByProperty, runs, violations }).toEqual(await unsharded());
    expect(existsSync(join(results, 'failures', `harsh-seed-${failingSeeds[0].seed}.json`))).toBe(true);

    rmSync(join(results, 'shard-4.json'));
    const partial = await runScript(mergeContainer.command.slice(0, -1), mergeContainer.command.at(-1) as string, mergeEnv, results);
    expect(partial.code).toBe(2);
    expect(partial.stderr).toContain('txsim merge: shard 5/8 (seeds ');
  });

  test('a pod that fails (bad input) exits with its code and publishes no summary', async () => {
    const results = tempDir();
    const env = { ...envOf(exploreContainer), ...SMALL, PROFILE: 'harhs', RESULTS: results, JOB_COMPLETION_INDEX: '0' };
    const pod = await runScript(exploreContainer.command.slice(0, -1), exploreContainer.command.at(-1) as string, env, results);
    expect(pod.code).toBe(2);
    expect(pod.stderr).toContain('Did you mean "harsh"?');
    expect(existsSync(join(results, 'shard-0.json'))).toBe(false);
  });
});

describe('deploy/ci/github-actions.yml', () => {
  interface Step {
    name?: string;
    run?: string;
  }
  interface Workflow {
    env: Record<string, string>;
    jobs: Record<string, { env?: Record<string, string>; strategy?: { matrix: { index: number[] } }; steps: Step[] }>;
  }
  const workflow = load(readFileSync(join(REPO_ROOT, 'deploy/ci/github-actions.yml'), 'utf8')) as Workflow;
  const { shard, merge } = workflow.jobs as { shard: Workflow['jobs'][string]; merge: Workflow['jobs'][string] };

  test('its matrix jobs and merge step, run as the runner runs them, give the unsharded exploration', async () => {
    const indexes = shard.strategy?.matrix.index ?? [];
    expect(indexes).toEqual(Array.from({ length: Number(workflow.env.SHARDS) }, (_, i) => i));
    const exploreStep = shard.steps.find((s) => s.name === 'explore one shard')?.run as string;
    const mergeStep = merge.steps.find((s) => s.name === 'merge')?.run as string;
    const dir = tempDir();
    // The runner's default shell for `run:` steps, and the expressions it fills in.
    const bash = ['bash', '--noprofile', '--norc', '-eo', 'pipefail', '-c'];
    const env = { ...workflow.env, SEED: '3', RUNS: SMALL.RUNS, PROFILE: SMALL.PROFILE };
    const jobs = await Promise.all(indexes.map((index) => runScript(bash, exploreStep, { ...env, SHARD_INDEX: String(shard.env?.SHARD_INDEX).replace('${{ matrix.index }}', String(index)) }, dir)));
    for (const job of jobs) expect(job).toMatchObject({ code: 0, stderr: '' });
    const merged = await runScript(bash, mergeStep.replace('shard-*.json', 'shard-*.json --json'), env, dir);
    expect(merged.code).toBe(1);
    const { failingSeeds, violationsByProperty, runs, violations } = JSON.parse(merged.stdout);
    expect({ failingSeeds, violationsByProperty, runs, violations }).toEqual(await unsharded());
  });
});
