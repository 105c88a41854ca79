// Crashes at the steps of users' machines (sim/faults.ts CrashFault.onStep), drawn for every run that has a role
// filled by a user's machine: a crash at a random time almost never falls inside a 10 ms database request, a crash
// at a step always does. They draw from a fork of their own (STEP_CRASH_FORK), after the profile drew its run, so a
// run without users' machines is the run it always was, byte for byte, and the profile's own draws never shift.
import type { UserRole } from '../../model/protocol.ts';
import type { RunSpec } from '../../model/runSpec.ts';
import type { CrashFault, StepWhen } from '../../sim/faults.ts';
import { Rng } from '../../sim/rng.ts';
import type { FaultProfile } from '../types.ts';
import { nodesOf } from './draw.ts';

/** The fork of the run's seed step crashes draw from (no profile draws from it). */
export const STEP_CRASH_FORK = 'roles/step-crashes';

/** How a profile's step crashes restart (FaultProfile.stepCrashes); absent: the default profile's consumer crashes. */
export interface StepCrashRanges {
  /** Down time before the restart, drawn uniformly in [min, max]. */
  restartAfterMs: readonly [number, number];
  kind: 'machine' | 'process';
}

/** The default profile's consumer crashes: a process crash, back within 30 s. */
export const DEFAULT_STEP_CRASHES: Readonly<StepCrashRanges> = Object.freeze({ restartAfterMs: [500, 30_000] as const, kind: 'process' });

/** At most this many step crashes per run, each at one of the first MAX_NTH steps of its kind from its `at` on. */
export const MAX_STEP_CRASHES = 2;
export const MAX_NTH = 3;

const WHEN: readonly StepWhen[] = ['issued', 'done'];

/**
 * 0..MAX_STEP_CRASHES crashes of the filled roles' instances, each at a step drawn uniformly: a role, one of its
 * instances, `issued` or `done`, the nth (1..MAX_NTH) such step from a time within the orders' arrivals.
 *
 * @example
 * drawStepCrashes(17, defaultProfile.generate(17), ['consumer']); // e.g. [{ type: 'crash', node: 'consumer-2', onStep: { nth: 1, when: 'issued' }, ... }]
 */
export function drawStepCrashes(seed: number, spec: RunSpec, roles: readonly UserRole[], ranges: StepCrashRanges = DEFAULT_STEP_CRASHES): CrashFault[] {
  const nodes = nodesOf(spec.config);
  const pools = roles.map((role) => (role === 'consumer' ? nodes.consumers : nodes.producers)).filter((pool) => pool.length > 0);
  if (pools.length === 0) return [];
  const rng = new Rng(seed).fork(STEP_CRASH_FORK);
  const lastAt = spec.orders.reduce((m, o) => Math.max(m, o.at), 0);
  const crashes: CrashFault[] = [];
  for (let i = rng.int(0, MAX_STEP_CRASHES); i > 0; i--) {
    const node = rng.pick(rng.pick(pools));
    const onStep = { nth: rng.int(1, MAX_NTH), when: rng.pick(WHEN) };
    const at = rng.int(0, lastAt);
    crashes.push({ at, type: 'crash', node, restartAfterMs: rng.int(ranges.restartAfterMs[0], ranges.restartAfterMs[1]), kind: ranges.kind, onStep });
  }
  return crashes;
}

/** Per mille of runs whose database is slow (a lock wait, a busy disk): its transactions take SLOW_DB_MS. */
export const SLOW_DB_PER_MILLE = 500;
export const SLOW_DB_MS: readonly [number, number] = [1_000, 5_000];

/**
 * The spec with its step crashes added to the fault script, and sometimes a slow database: a crash at a step
 * strikes at the start or the end of a request, while a purchase acknowledged first is lost only by a crash after
 * the acknowledgement became durable (the next offset tick) and before the purchase commits, a window only a slow
 * transaction opens. Nothing drawn: the spec itself.
 */
export function withStepCrashes(spec: RunSpec, seed: number, roles: readonly UserRole[], ranges?: StepCrashRanges): RunSpec {
  const crashes = drawStepCrashes(seed, spec, roles, ranges);
  const rng = new Rng(seed).fork(`${STEP_CRASH_FORK}/database`);
  const slow = roles.length > 0 && rng.chance(SLOW_DB_PER_MILLE) ? rng.int(SLOW_DB_MS[0], SLOW_DB_MS[1]) : undefined;
  // With a slow database, an issued step's crash may come while the request is still in flight.
  if (slow !== undefined) for (const crash of crashes) if (crash.onStep?.when === 'issued' && rng.chance(500)) crash.onStep.afterMs = rng.int(1, slow - 1);
  if (crashes.length === 0 && slow === undefined) return spec;
  const config = slow === undefined ? spec.config : { ...spec.config, dbTransactionMs: Math.max(spec.config.dbTransactionMs, slow) };
  return { ...spec, config, faults: { ...spec.faults, script: [...spec.faults.script, ...crashes] } };
}

/**
 * A profile whose every run also crashes the filled roles' instances at their machines' steps (no roles: the
 * profile itself). Every place that joins users' machines to a profile's runs goes through here, so explore, its
 * workers, replay and the API draw the same run for a seed.
 *
 * @example
 * profileWithStepCrashes(defaultProfile, ['consumer']).generate(8); // seed 8's run, plus its step crashes
 */
export function profileWithStepCrashes(profile: FaultProfile, roles: readonly UserRole[]): FaultProfile {
  if (roles.length === 0) return profile;
  return { ...profile, generate: (seed: number) => withStepCrashes(profile.generate(seed), seed, roles, profile.stepCrashes) };
}
