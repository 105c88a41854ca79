// A profile file (fileFormat.ts, already validated) as a FaultProfile: generate(seed) draws the topology, the
// workload, the random-fault rates, crashes and partitions from the file's ranges, each concern from its own Rng
// fork like the built-in profiles, so a run is a pure function of (file, seed). Within the design (beyondDesign
// false) the faulty phase ends before the operator's first alert can fire, as in the `default` profile.
import { makeConfig, type ModelConfig } from '../../model/config.ts';
import type { OrderSpec, RunSpec } from '../../model/runSpec.ts';
import { NO_FAULTS, scriptEndMs, type FaultOptions, type ScriptedFault } from '../../sim/faults.ts';
import { Rng } from '../../sim/rng.ts';
import type { FaultProfile } from '../types.ts';
import { DEFAULT_WORKLOAD } from './defaultProfile.ts';
import { drawCrash, drawOrders, drawPartition, earliestAlertMs, nodesOf, type WorkloadRanges } from './draw.ts';
import type { CrashRule, ProfileFile, RangeValue } from './fileFormat.ts';

const DEFAULT_LINGER_MS: RangeValue = [0, 60_000];
const RATE_FIELDS = ['dropPerMille', 'lostResponsePerMille', 'duplicatePerMille', 'delayPerMille', 'delayMsMax', 'reorderPerMille'] as const;

/** [min, max] of a range as written. */
export function bounds(value: RangeValue): [number, number] {
  return typeof value === 'number' ? [value, value] : value;
}

function draw(rng: Rng, value: RangeValue): number {
  const [min, max] = bounds(value);
  return rng.int(min, max);
}

/** A profile's config before its overrides: the model's defaults with an operator, as the design assumes one. */
export const PROFILE_BASE_CONFIG = Object.freeze({ operatorRedriveAfterMs: 60_000 });

/** The fixed part of a profile file's config (topology ranges are drawn over it). */
export function profileConfig(file: ProfileFile): ModelConfig {
  return makeConfig({ ...PROFILE_BASE_CONFIG, ...file.config });
}

function drawConfig(rng: Rng, file: ProfileFile): ModelConfig {
  const config = profileConfig(file);
  const topology = file.topology ?? {};
  for (const role of ['producers', 'brokers', 'consumers'] as const) {
    const value = topology[role];
    if (value !== undefined) config[role] = draw(rng, value);
  }
  return config;
}

/** The workload ranges of a file: the `default` profile's, with the file's fields over them. */
export function workloadRanges(file: ProfileFile): WorkloadRanges {
  const { orders, ...rest } = file.workload ?? {};
  const [minOrders, maxOrders] = orders === undefined ? [DEFAULT_WORKLOAD.minOrders, DEFAULT_WORKLOAD.maxOrders] : bounds(orders);
  return { ...DEFAULT_WORKLOAD, ...rest, minOrders, maxOrders };
}

function drawOptions(rng: Rng, file: ProfileFile): FaultOptions {
  const options: FaultOptions = { ...NO_FAULTS };
  for (const field of RATE_FIELDS) {
    const value = file.randomFaults?.[field];
    if (value !== undefined) options[field] = draw(rng, value);
  }
  return options;
}

function drawScript(rng: Rng, file: ProfileFile, config: ModelConfig, orders: readonly OrderSpec[]): ScriptedFault[] {
  const nodes = nodesOf(config);
  const window = orders.reduce((m, o) => Math.max(m, o.at), 0) + 5_000;
  const script: ScriptedFault[] = [];
  const crashes = (pool: readonly string[], rule: CrashRule | undefined): void => {
    if (rule === undefined || pool.length === 0) return;
    for (let i = draw(rng, rule.count); i > 0; i--) script.push(drawCrash(rng, rng.pick(pool), window, bounds(rule.restartAfterMs), rule.kind ?? 'process'));
  };
  crashes(nodes.producers, file.crashes?.producers);
  crashes(nodes.consumers, file.crashes?.consumers);
  crashes(nodes.brokers, file.crashes?.brokers);
  const partitions = file.partitions;
  if (partitions !== undefined) {
    const clients = [...nodes.producers, ...nodes.consumers];
    for (let i = draw(rng, partitions.count); i > 0; i--) script.push(drawPartition(rng, rng.pick(clients), rng.pick(nodes.brokers), window, bounds(partitions.healAfterMs)));
  }
  return script;
}

/**
 * The FaultProfile of a validated profile file.
 *
 * @example
 * const profile = profileFromData({ name: 'flaky-acks', randomFaults: { lostResponsePerMille: [10, 50] } });
 * profile.generate(7); // the same RunSpec for seed 7 in every process
 */
export function profileFromData(file: ProfileFile): FaultProfile {
  const beyondDesign = file.beyondDesign ?? false;
  const workload = workloadRanges(file);
  return {
    name: file.name,
    description: file.description ?? `profile file ${file.name}`,
    beyondDesign,
    ...(file.crashes?.consumers === undefined ? {} : { stepCrashes: { restartAfterMs: bounds(file.crashes.consumers.restartAfterMs), kind: file.crashes.consumers.kind ?? 'process' } }),
    generate(seed: number): RunSpec {
      const root = new Rng(seed);
      const config = drawConfig(root.fork('config'), file);
      const orders = drawOrders(root.fork('workload'), workload);
      const faults = root.fork('faults');
      const options = drawOptions(faults, file);
      const script = drawScript(faults, file, config, orders);
      const lastAt = orders.reduce((m, o) => Math.max(m, o.at), 0);
      let faultWindowMs = Math.max(scriptEndMs(script), lastAt) + 1 + draw(faults, file.lingerMs ?? DEFAULT_LINGER_MS);
      if (!beyondDesign) faultWindowMs = Math.min(faultWindowMs, earliestAlertMs(config, orders) - 1);
      return { name: `${file.name}#${seed}`, seed, config, orders, faults: { options, script }, faultWindowMs };
    },
  };
}
