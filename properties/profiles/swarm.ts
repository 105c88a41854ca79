// The `swarm` profile (TigerBeetle VOPR / Maelstrom style): the fault options themselves are drawn per seed. Each
// random fault is on or off by a coin flip and, when on, gets a rate from a ceiling that is itself drawn (5 to 100
// per mille); crash, partition and scripted-message counts per role are drawn too, and so are the topology and
// the retry/check limits (within RocketMQ's ranges). Every fault stays within what the design claims to survive
// (broker machine crashes only under sync flush, restarts and heals within 2 minutes, an operator on duty, the
// run healed before the operator's first alert can fire, scripted check-back drops within checkMax - 1), so a
// violation is a bug; the point is to reach corners a fixed mix of rates never visits (all duplicates and no
// drops, a single producer, one retry before the DLQ, ...).
import { makeConfig, type ModelConfig } from '../../model/config.ts';
import type { OrderSpec, RunSpec } from '../../model/runSpec.ts';
import { scriptEndMs, type FaultOptions, type MessageFault, type ScriptedFault } from '../../sim/faults.ts';
import { Rng } from '../../sim/rng.ts';
import type { FaultProfile } from '../types.ts';
import { DEFAULT_WORKLOAD } from './defaultProfile.ts';
import { drawCrash, drawOrders, drawPartition, earliestAlertMs, nodesOf, withinCheckBudget, type WorkloadRanges } from './draw.ts';

/**
 * Messages a swarm script may hit. Not the operator's: the alert and its re-drive / resume are one-shot messages
 * (the operator acts at most once per alert), so losing one leaves a message in the DLQ or parked for good - the
 * design assumes its monitoring is reliable, and `harsh` is where that assumption is broken.
 */
const MESSAGES: readonly string[] = Object.freeze(['prepare', 'prepareAck', 'commit', 'rollback', 'check', 'checkReply', 'deliver', 'consumeAck', 'register']);

function drawConfig(rng: Rng): ModelConfig {
  const flush = rng.chance(500) ? 'sync' : 'async';
  return makeConfig({
    producers: rng.int(1, 3),
    brokers: rng.int(1, 3),
    consumers: rng.int(1, 4),
    queuesPerTopic: rng.pick([1, 2, 4, 8]),
    tagSubscribers: rng.chance(500),
    flush,
    transactionCenter: rng.chance(300) ? 'idealized' : 'faithful',
    checkMax: rng.chance(500) ? 15 : rng.int(1, 15),
    maxReconsumeTimes: rng.chance(500) ? 16 : rng.int(0, 16),
    operatorRedriveAfterMs: rng.int(10, 1_800) * 1_000,
    consumeMs: rng.int(1, 1_000),
    latencyMsMax: rng.int(1, 100),
  });
}

function rate(rng: Rng): number {
  return rng.chance(500) ? rng.int(1, rng.pick([5, 20, 50, 100])) : 0;
}

function drawOptions(rng: Rng): FaultOptions {
  return {
    dropPerMille: rate(rng),
    lostResponsePerMille: rate(rng),
    duplicatePerMille: rate(rng),
    delayPerMille: rate(rng),
    delayMsMax: rng.pick([100, 1_000, 5_000]),
    reorderPerMille: rate(rng),
  };
}

function drawScript(rng: Rng, config: ModelConfig, orders: readonly OrderSpec[]): ScriptedFault[] {
  const nodes = nodesOf(config);
  const lastAt = orders.reduce((m, o) => Math.max(m, o.at), 0);
  const window = lastAt + 10_000;
  const script: ScriptedFault[] = [];
  const brokerCrash = config.flush === 'sync' ? 'machine' : 'process';
  for (let i = rng.int(0, 3); i > 0; i--) script.push(drawCrash(rng, rng.pick(nodes.producers), window, [100, 120_000], 'process'));
  for (let i = rng.int(0, 3); i > 0; i--) script.push(drawCrash(rng, rng.pick([...nodes.consumers, ...nodes.subscribers]), window, [100, 120_000], 'process'));
  for (let i = rng.int(0, 2); i > 0; i--) script.push(drawCrash(rng, rng.pick(nodes.brokers), window, [100, 120_000], brokerCrash));
  for (let i = rng.int(0, 3); i > 0; i--) {
    const other = rng.pick([...nodes.producers, ...nodes.consumers, ...nodes.subscribers]);
    script.push(drawPartition(rng, other, rng.pick(nodes.brokers), window, [100, 120_000]));
  }
  for (let i = rng.int(0, 4); i > 0; i--) {
    const fault: MessageFault = { at: rng.int(0, window), type: rng.pick(['drop', 'duplicate', 'delay'] as const), message: rng.pick(MESSAGES) };
    if (rng.chance(700)) fault.order = rng.pick(orders).id;
    if (fault.type === 'delay') fault.byMs = rng.int(1, 10_000);
    fault.count = rng.int(1, 3);
    script.push(fault);
  }
  return withinCheckBudget(script, config.checkMax);
}

function drawWorkload(rng: Rng): WorkloadRanges {
  return {
    ...DEFAULT_WORKLOAD,
    windowMs: rng.pick([1_000, 20_000, 120_000]),
    insufficientPerMille: rng.int(0, 500),
    failingPerMille: rng.int(0, 600),
    poisonPerMille: rng.int(0, 200),
    unknownPerMille: rng.int(0, 300),
  };
}

/**
 * The `swarm` profile: per-seed fault options within the design.
 *
 * @example
 * swarm.generate(5).faults.options; // e.g. { dropPerMille: 0, duplicatePerMille: 43, ... }
 */
export const swarm: FaultProfile = {
  name: 'swarm',
  description:
    'Within the design, swarm style: which faults are on, their rates, crash/partition counts, topology and retry/check limits are all drawn per seed.',
  beyondDesign: false,
  stepCrashes: { restartAfterMs: [100, 120_000], kind: 'process' },
  generate(seed: number): RunSpec {
    const root = new Rng(seed);
    const config = drawConfig(root.fork('config'));
    const workload = root.fork('workload');
    const orders = drawOrders(workload, drawWorkload(workload.fork('ranges')));
    const faults = root.fork('faults');
    const options = drawOptions(faults);
    const script = drawScript(faults, config, orders);
    const lastAt = orders.reduce((m, o) => Math.max(m, o.at), 0);
    // Heal before the operator's first alert can fire (see earliestAlertMs): its channel is not faulted.
    const faultWindowMs = Math.min(Math.max(scriptEndMs(script), lastAt) + 1 + faults.int(0, 120_000), earliestAlertMs(config, orders) - 1);
    return { name: `swarm#${seed}`, seed, config, orders, faults: { options, script }, faultWindowMs };
  },
};
