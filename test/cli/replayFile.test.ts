// Replay files, format txsim-replay/2: they record the interpreter, the model version, checkpoints and the trace;
// a diverging replay names the first differing event with both versions of it; the spec is validated as a
// scenario is (checkIntervalMs: 0 names the field and the fix); another model version, a later format, a
// txsim-replay/1 file, and a scenario file given to `replay` (or a replay file given to `run`) each get a clear
// message.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { firstDivergence } from '../../cli/replayDivergence.ts';
import type { ReplayFile } from '../../cli/replayFile.ts';
import { MODEL_VERSION } from '../../model/modelVersion.ts';
import { PROFILES } from '../../properties/profiles/index.ts';
import { replayLine } from '../../properties/repro.ts';
import { runAndCheck } from '../../properties/runAndCheck.ts';
import { cli, tempDir, writeTemp } from './support.ts';

let file: string;
let recorded: ReplayFile;

beforeAll(async () => {
  const out = tempDir();
  // harsh seed 1 fails (the profile goes beyond the design), so explore writes its replay file.
  const r = await cli(['explore', '--profile', 'harsh', '--runs', '1', '--seed', '1', '--workers', '1', '--runtime', 'xstate', '--out', out]);
  expect(r.code).toBe(1);
  file = join(out, 'harsh-seed-1.json');
  recorded = JSON.parse(readFileSync(file, 'utf8'));
});

/** A copy of the recorded file with changes, written to a fresh path. */
function variant(change: (copy: ReplayFile) => void): string {
  const copy = structuredClone(recorded);
  change(copy);
  return writeTemp('variant.json', copy);
}

describe('what a replay file records', () => {
  test('format 2: model version, interpreter, checkpoints and the trace, and the replay line names the interpreter', () => {
    expect(recorded).toMatchObject({ format: 'txsim-replay/2', modelVersion: MODEL_VERSION, runtime: 'xstate', seed: 1, replay: 'npx txsim replay --seed 1 --profile harsh --runtime xstate' });
    const events = recorded.report.events;
    expect(recorded.trace).toHaveLength(events);
    expect(recorded.checkpoints.every).toBe(32);
    expect(recorded.checkpoints.hashes).toHaveLength(Math.ceil(events / 32));
    expect(recorded.roles).toBeUndefined();
  });

  test('a replay line names the interpreter and any user machine files (roles)', () => {
    expect(replayLine({ profile: 'default', seed: 17, runtime: 'lean' })).toBe('npx txsim replay --seed 17 --profile default --runtime lean');
    const roles = { consumer: 'machines/my consumer.ts', producer: 'p.ts' };
    expect(replayLine({ profile: 'default', seed: 17, runtime: 'xstate', roles })).toBe("npx txsim replay --seed 17 --profile default --runtime xstate --consumer 'machines/my consumer.ts' --producer p.ts");
  });

  test('it replays on the recorded interpreter unless --runtime says otherwise', async () => {
    const r = JSON.parse((await cli(['replay', file, '--json'])).stdout);
    expect(r).toMatchObject({ reproduced: true, runtime: 'xstate', replay: `npx txsim replay ${file}` });
    const lean = JSON.parse((await cli(['replay', file, '--json', '--runtime', 'lean'])).stdout);
    expect(lean).toMatchObject({ reproduced: true, runtime: 'lean', replay: `npx txsim replay ${file} --runtime lean` });
  });
});

describe('a diverging replay names the first differing event', () => {
  test('a changed spec: the event, as recorded and as replayed', async () => {
    const changed = variant((copy) => (copy.spec.config.consumeMs += 1));
    const r = await cli(['replay', changed]);
    expect(r.code).toBe(1);
    const json = JSON.parse((await cli(['replay', changed, '--json'])).stdout);
    const { event, recorded: was, replayed: now } = json.divergence;
    // The named event is the first whose line differs, and everything before it is the same.
    expect(was).toBe(recorded.trace?.[event]);
    expect(now).not.toBe(was);
    const replayedRun = runAndCheck(JSON.parse(readFileSync(changed, 'utf8')).spec, { trace: true }).outcome.trace;
    expect(replayedRun.compactLines(0, event)).toEqual(recorded.trace?.slice(0, event));
    expect(replayedRun.compactLines(event, event + 1)[0]).toBe(now);
    expect(r.stderr).toContain(`  first differing event: #${event} (`);
    expect(r.stderr).toContain(`    recorded: ${was}\n    replayed: ${now}\n`);
  });

  test('without the recorded lines (very long runs) the window is named with this run\'s events in it', () => {
    const spec = PROFILES.harsh!.generate(1);
    const original = runAndCheck(spec, { trace: true }).outcome.trace;
    const changed = runAndCheck({ ...spec, config: { ...spec.config, consumeMs: spec.config.consumeMs + 1 } }, { trace: true }).outcome.trace;
    const full = firstDivergence(original.checkpoints(32), original.compactLines(), changed);
    const windowOnly = firstDivergence(original.checkpoints(32), undefined, changed);
    expect(full?.event).toBeDefined();
    expect(windowOnly?.window).toEqual(full?.window);
    expect(windowOnly?.window.from).toBeLessThanOrEqual(full!.event!);
    expect(windowOnly?.replayedWindow?.[0]).toBe(`#${windowOnly!.window.from} ${changed.compactLines(windowOnly!.window.from, windowOnly!.window.from + 1)[0]}`);
    expect(firstDivergence(original.checkpoints(32), original.compactLines(), original)).toBeUndefined();
  });

  test('a run that ends early: the missing events are said to be missing', () => {
    const spec = PROFILES.harsh!.generate(1);
    const trace = runAndCheck(spec, { trace: true }).outcome.trace;
    const lines = trace.compactLines();
    const longer = [...lines, 'an event this run never had'];
    const checkpoints = { every: 32, events: longer.length, hashes: [...trace.checkpoints(32).hashes.slice(0, -1), 'ffffffffffffffff'] };
    expect(firstDivergence(checkpoints, longer, trace)).toMatchObject({ event: lines.length, recorded: 'an event this run never had', replayed: null });
  });
});

describe('a replay file is validated as a scenario file is', () => {
  test('checkIntervalMs: 0 is refused with the field and the fix, before any run', async () => {
    const r = await cli(['replay', variant((copy) => (copy.spec.config.checkIntervalMs = 0))]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('spec.config.checkIntervalMs: must be a whole number of milliseconds >= 1 (got 0)');
  });

  test('orders, faults and cross-field rules too', async () => {
    const r = await cli(['replay', variant((copy) => {
      (copy.spec.orders[0] as { localTx: string }).localTx = 'comit';
      copy.spec.config.latencyMsMin = copy.spec.config.latencyMsMax + 1;
      (copy as { runtime: string }).runtime = 'fast';
    })]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('spec.orders[0].localTx: must be one of "commit", "rollback", "unknown", "throw" (got "comit") (did you mean "commit"?)');
    expect(r.stderr).toContain('runtime: must be "lean" or "xstate" (got "fast")');
    const cross = await cli(['replay', variant((copy) => (copy.spec.config.latencyMsMin = copy.spec.config.latencyMsMax + 1))]);
    expect(cross.stderr).toMatch(/spec\.config\.latencyMsMax: must be >= latencyMsMin/);
  });
});

describe('versions', () => {
  test('a file from another model version exits 2 with what to do, never a silent divergence', async () => {
    const later = await cli(['replay', variant((copy) => (copy.modelVersion = MODEL_VERSION + 1))]);
    expect(later.code).toBe(2);
    expect(later.stderr).toContain(`was recorded by a later model (model version ${MODEL_VERSION + 1}; this txsim has model version ${MODEL_VERSION}); update txsim to replay it.`);
    expect(later.stderr).toContain('`npx txsim replay --seed 1 --profile harsh`');
    const earlier = await cli(['replay', variant((copy) => (copy.modelVersion = 0))]);
    expect(earlier.code).toBe(2);
    expect(earlier.stderr).toContain(`was recorded by an earlier model (model version 0; this txsim has model version ${MODEL_VERSION})`);
  });

  test('a later format is refused; a txsim-replay/1 file still replays, and a mismatch says why it cannot say more', async () => {
    const future = await cli(['replay', variant((copy) => ((copy as { format: string }).format = 'txsim-replay/3'))]);
    expect(future.code).toBe(2);
    expect(future.stderr).toContain('written in format txsim-replay/3 by a later txsim');
    const v1 = (change: (copy: ReplayFile) => void) =>
      variant((copy) => {
        for (const field of ['modelVersion', 'runtime', 'checkpoints', 'trace']) delete (copy as unknown as Record<string, unknown>)[field];
        (copy as { format: string }).format = 'txsim-replay/1';
        change(copy);
      });
    const same = JSON.parse((await cli(['replay', v1(() => {}), '--json'])).stdout);
    expect(same).toMatchObject({ reproduced: true, runtime: 'lean' });
    const changed = await cli(['replay', v1((copy) => (copy.spec.config.consumeMs += 1))]);
    expect(changed.code).toBe(1);
    expect(changed.stderr).toContain('it is a txsim-replay/1 file: it keeps no model version and no trace checkpoints');
  });

  test('user machine files (roles) load as recorded, relative to the current directory; a missing one exits 2 naming it', async () => {
    const r = await cli(['replay', variant((copy) => (copy.roles = { consumer: 'my-consumer.ts' }))]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^txsim: using the machines .* names, as the files are now: consumer my-consumer\.ts\ntxsim: consumer machine my-consumer\.ts: no such file /);
  });
});

describe('the wrong kind of file', () => {
  test('a replay file given to run, a scenario file or a summary given to replay', async () => {
    const run = await cli(['run', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`txsim: ${file} is a replay file (written by \`txsim explore\` for a failing run), not a scenario file; replay it with \`npx txsim replay ${file}\`\n`);
    const replay = await cli(['replay', 'scenarios/examples/lost-rollback.json']);
    expect(replay.code).toBe(2);
    expect(replay.stderr).toBe('txsim: scenarios/examples/lost-rollback.json is a scenario file, not a replay file; run it with `npx txsim run scenarios/examples/lost-rollback.json`\n');
    const summary = writeTemp('summary.json', (await cli(['explore', '--runs', '2', '--seed', '1', '--json', '--workers', '1', '--out', tempDir()])).stdout);
    const merged = await cli(['replay', summary]);
    expect(merged.stderr).toContain('is an explore summary (`txsim explore --json`), not a replay file; merge it (with the other shards) with `npx txsim merge');
  });
});
