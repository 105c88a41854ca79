// Exit codes that survive pipes and interruptions, on the real command in fresh processes: a reader that closes
// stdout after one line (`txsim explore --profile harsh | head -1`) never turns failures into 0 and never shows a
// stack trace, on one worker and on two (bin/txsim.js restarts that one without V8 helper threads); Ctrl-C prints
// the summary so far and the command that runs exactly the seeds left, then exits 130.
import { spawn } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { BIN, REPO_ROOT, tempDir } from './support.ts';

interface Finished {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

/** Start the command; `onStdout` sees stdout as it comes and may close it or signal the process. */
function start(args: string[], onStdout: (text: string, child: ReturnType<typeof spawn>) => void): Promise<Finished> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    onStdout(stdout, child);
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

describe('a closed stdout (`| head -1`)', () => {
  for (const workers of ['1', '2']) {
    test(`keeps exit 1 for failures on ${workers} worker(s), without a stack trace`, async () => {
      // harsh is beyond the design: its first seeds fail, so FAIL lines are written after the reader has gone.
      const args = ['explore', '--profile', 'harsh', '--runs', '300', '--seed', '1', '--workers', workers, '--out', tempDir()];
      const r = await start(args, (text, child) => {
        if (text.includes('\n') && !child.stdout?.destroyed) child.stdout?.destroy();
      });
      expect(r.stdout.split('\n')[0]).toMatch(/^txsim explore: profile harsh/);
      expect(r.stderr).not.toMatch(/EPIPE|\bat .*:\d+:\d+/);
      expect(r).toMatchObject({ code: 1, signal: null });
    });
  }
});

describe('Ctrl-C', () => {
  for (const workers of ['1', '2']) {
    test(`on ${workers} worker(s): the summary so far, the command for the seeds left, exit 130`, async () => {
      const out = tempDir();
      const args = ['explore', '--runs', '1000000', '--seed', '5', '--workers', workers, '--out', out];
      let signalled = false;
      const r = await start(args, (text, child) => {
        // The header is printed before the first run; give the exploration a moment to run some seeds.
        if (!signalled && text.includes('workers')) {
          signalled = true;
          setTimeout(() => child.kill('SIGINT'), 1_500);
        }
      });
      expect(r).toMatchObject({ code: 130, signal: null });
      expect(r.stdout).toContain('Summary (interrupted, so far):');
      const ran = /runs\s+(\d+) \(seeds 5\.\.(\d+)\)/.exec(r.stdout);
      expect(ran).not.toBeNull();
      const [runs, last] = [Number(ran?.[1]), Number(ran?.[2])];
      expect(runs).toBeGreaterThan(0);
      expect(last).toBe(5 + runs - 1);
      // The seeds left start right after the last one counted, and together with it make the whole range.
      const resume = `npx txsim explore --seed ${last + 1} --runs ${1_000_000 - runs} --profile default --out ${out}`;
      expect(r.stdout).toContain(resume);
      expect(r.stderr).toContain(`txsim: interrupted after ${runs} runs (seeds 5..${last}); the seeds left: ${resume}`);
      expect(r.stdout).toMatch(/INTERRUPTED: no property violated in the runs so far\n$/);
    });
  }
});
