// The lean runtime (sim/lean/) must run the model's machines exactly as XState's own interpreter does: same trace
// hash, same facts, same verdicts. Every profile, every named scenario, every example scenario file and every
// mutant is run on both; `txsim explore --cross-check N` does the same on the seeds users explore.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import type { RunSpec } from '../../model/runSpec.ts';
import { runModel, type RunOptions } from '../../model/world.ts';
import { MUTANTS } from '../../properties/mutants/index.ts';
import { PROFILES } from '../../properties/profiles/index.ts';
import { runAndCheck } from '../../properties/runAndCheck.ts';
import { SCENARIOS } from '../../scenarios/index.ts';
import { loadScenarioFile } from '../../scenarios/load.ts';
import { toRunSpec } from '../../scenarios/toRunSpec.ts';

function expectSameRun(spec: RunSpec, options: RunOptions = {}): void {
  const reference = runModel(spec, { ...options, runtime: 'xstate' });
  const lean = runModel(spec, { ...options, runtime: 'lean' });
  expect(lean.traceHash, `${spec.name}: trace hash`).toBe(reference.traceHash);
  expect(lean.facts).toEqual(reference.facts);
  expect({ steps: lean.steps, simTimeMs: lean.simTimeMs, settled: lean.settled, dlq: lean.dlq, parked: lean.parked }).toEqual({
    steps: reference.steps,
    simTimeMs: reference.simTimeMs,
    settled: reference.settled,
    dlq: reference.dlq,
    parked: reference.parked,
  });
}

describe('the lean runtime gives XState\'s traces', () => {
  for (const [name, profile] of Object.entries(PROFILES)) {
    test(`profile ${name}, 60 seeds`, () => {
      for (let seed = 1; seed <= 60; seed++) expectSameRun(profile.generate(seed));
    });
  }

  test('every named scenario', () => {
    for (const { scenario } of Object.values(SCENARIOS)) expectSameRun(toRunSpec(scenario));
  });

  test('every example scenario file', () => {
    const dir = fileURLToPath(new URL('../../scenarios/examples/', import.meta.url));
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expectSameRun(toRunSpec(loadScenarioFile(join(dir, file))));
  });

  test('the idealized transaction center too (a config the profiles seldom draw)', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const spec = PROFILES.default!.generate(seed);
      expectSameRun({ ...spec, config: { ...spec.config, transactionCenter: 'idealized' } });
    }
  });

  test('every mutant, with the same violations', () => {
    for (const mutant of Object.values(MUTANTS)) {
      for (let seed = 1; seed <= 4; seed++) {
        const spec = PROFILES.default!.generate(seed);
        expectSameRun(spec, { machines: mutant.machines });
        const reference = runAndCheck(spec, { mutant, runtime: 'xstate', trace: false }).violations;
        expect(runAndCheck(spec, { mutant, runtime: 'lean', trace: false }).violations).toEqual(reference);
      }
    }
  });
});
