// The teeth of the checkers: the `default` profile catches every mutant (seeds in order until the first
// violation, bounded), by one of the checkers the mutant names, and fast-check shrinks that failure to a small
// counterexample; the correct model passes every seed the hunts ran. Prints, per mutant, the runs and wall time
// to the first failure and the shrunk counterexample's size (orders + scripted faults + random fault kinds).
import { afterAll, describe, expect, test } from 'vitest';
import { formatViolation } from '../../properties/index.ts';
import { huntMutant, shrinkFailure } from '../../properties/hunt.ts';
import { MUTANTS } from '../../properties/mutants/index.ts';
import { profileNamed } from '../../properties/profiles/index.ts';
import { replayLine } from '../../properties/repro.ts';
import { runAndCheck } from '../../properties/runAndCheck.ts';
import type { FaultProfile, Mutant } from '../../properties/types.ts';
import type { RunSpec } from '../../model/runSpec.ts';
import { MODEL_MACHINES, type ModelMachines } from '../../model/world.ts';
import { DEFAULT_RUNS } from '../../cli/commands/explore.ts';

/** At most this many default seeds per mutant: what a default `txsim explore` runs (DEFAULT_RUNS). */
const MAX_RUNS = DEFAULT_RUNS;

/** Faults in a run: scripted ones plus the random fault kinds switched on. */
function faultCount(spec: RunSpec): number {
  const o = spec.faults.options;
  return spec.faults.script.length + [o.dropPerMille, o.lostResponsePerMille, o.duplicatePerMille, o.delayPerMille, o.reorderPerMille].filter((r) => r > 0).length;
}

interface Row {
  mutant: string;
  runs: number;
  wallMs: number;
  seed: number;
  caughtBy: string;
  size: string;
  shrinkRuns: number;
  shrinkMs: number;
  replay: string;
}

/** The default profile, with the config a mutant needs to show applied over every draw. */
function huntProfile(mutant: Mutant): FaultProfile {
  const base = profileNamed('default');
  const { config } = mutant;
  if (config === undefined) return base;
  return { ...base, generate: (seed) => {
    const spec = base.generate(seed);
    return { ...spec, config: { ...spec.config, ...config } };
  } };
}

const rows: Row[] = [];
let seedsRun = 0;

describe.each(Object.values(MUTANTS))('mutant $name', (mutant: Mutant) => {
  test('replaces only names the model machine has (a renamed action would leave the mutant the correct model)', () => {
    for (const [role, machine] of Object.entries(mutant.machines)) {
      const base = MODEL_MACHINES[role as keyof ModelMachines];
      for (const kind of ['actions', 'guards', 'actors', 'delays'] as const) {
        const known = Object.keys(base.implementations[kind]);
        for (const name of Object.keys(machine.implementations[kind])) expect(known, `${mutant.name} replaces ${role} ${kind} '${name}'`).toContain(name);
      }
    }
  });

  test('the default profile catches it, and fast-check shrinks the failure', () => {
    const hunt = huntMutant(mutant, { profile: huntProfile(mutant), fromSeed: 1, maxRuns: MAX_RUNS });
    seedsRun = Math.max(seedsRun, hunt.runs);
    const line = `${replayLine({ profile: 'default', seed: 1, mutant: mutant.name })}${mutant.config === undefined ? '' : ` # with config ${JSON.stringify(mutant.config)}`}`;
    expect(hunt.spec, `${mutant.name} survived seeds 1..${MAX_RUNS} of default; inspect one with: ${line}`).toBeDefined();
    if (hunt.spec === undefined || hunt.seed === undefined || hunt.replay === undefined) return;
    const properties = [...new Set(hunt.violations.map((v) => v.property))];
    expect(
      properties.some((p) => mutant.caughtBy.includes(p)),
      `${hunt.replay}   # caught by ${properties.join(', ')}, expected one of ${mutant.caughtBy.join(', ')}`,
    ).toBe(true);
    const shrunk = shrinkFailure(hunt.spec, mutant);
    expect(shrunk.violations.length, `${hunt.replay}   # the shrunk run no longer fails`).toBeGreaterThan(0);
    expect(shrunk.size).toBeLessThanOrEqual(shrunk.originalSize);
    // The shrinker tries removing each fault on its own, so a minimal run with two faults needs both of them.
    if (mutant.faultsNeeded === 2) expect(faultCount(shrunk.spec), `${hunt.replay}   # shrunk to ${JSON.stringify(shrunk.spec.faults)}`).toBeGreaterThanOrEqual(2);
    rows.push({
      mutant: mutant.name,
      runs: hunt.runs,
      wallMs: hunt.wallMs,
      seed: hunt.seed,
      caughtBy: properties.join(', '),
      size: `${shrunk.originalSize} -> ${shrunk.size}`,
      shrinkRuns: shrunk.runs,
      shrinkMs: shrunk.wallMs,
      replay: hunt.replay,
    });
  });
});

test('the registry has at least 14 mutants, four of them needing two coincident faults, and the lifecycle specs catch some', () => {
  const all = Object.values(MUTANTS);
  expect(all.length).toBeGreaterThanOrEqual(14);
  expect(all.filter((m) => m.faultsNeeded === 2).length).toBeGreaterThanOrEqual(4);
  expect(all.filter((m) => m.caughtBy.includes('lifecycle')).length).toBeGreaterThanOrEqual(2);
});

test('the correct model passes every seed the hunts ran', () => {
  const failures: string[] = [];
  for (let seed = 1; seed <= Math.max(seedsRun, 20); seed++) {
    const { violations } = runAndCheck(profileNamed('default').generate(seed), { trace: false });
    if (violations.length > 0) failures.push(`${replayLine({ profile: 'default', seed })}   # ${formatViolation(violations[0] as (typeof violations)[0])}`);
  }
  expect(failures, failures.join('\n')).toEqual([]);
});

afterAll(() => {
  if (rows.length === 0) return;
  const lines = [
    'mutant                               runs  wall ms  seed  shrunk size  shrink runs/ms  caught by',
    ...rows.map(
      (r) =>
        `${r.mutant.padEnd(36)} ${String(r.runs).padStart(4)} ${r.wallMs.toFixed(0).padStart(8)} ${String(r.seed).padStart(5)}  ${r.size.padEnd(11)}  ${`${r.shrinkRuns}/${r.shrinkMs.toFixed(0)}`.padEnd(14)}  ${r.caughtBy}`,
    ),
  ];
  const sorted = rows.map((r) => r.runs).sort((a, b) => a - b);
  lines.push(`runs to detection: median ${sorted[Math.floor((sorted.length - 1) / 2)]}, worst ${sorted[sorted.length - 1]} (${rows.length} mutants)`);
  console.log(lines.join('\n'));
});
