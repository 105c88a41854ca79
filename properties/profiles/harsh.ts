// The `harsh` profile goes beyond the design on purpose and is expected to find real violations: broker
// *machine* crashes under async flush (the unflushed tail of half messages, commits and offsets is lost), every
// producer down for longer than the 15-check window (half messages are parked), no operator (the DLQ and parked
// messages stay), consumers sometimes without their idempotency record, a fresh transaction id per send attempt
// or a `rollback` answer for unknown transactions (apache/rocketmq#2694), long partitions, and heavy message
// faults. Its violations are the lessons: why flush, idempotency, unique ids and an operator matter.
import { makeConfig, type ModelConfig } from '../../model/config.ts';
import type { OrderSpec, RunSpec } from '../../model/runSpec.ts';
import { scriptEndMs, type FaultOptions, type ScriptedFault } from '../../sim/faults.ts';
import { Rng } from '../../sim/rng.ts';
import type { FaultProfile } from '../types.ts';
import { DEFAULT_WORKLOAD } from './defaultProfile.ts';
import { drawCrash, drawOrders, drawPartition, nodesOf, orderMessageFault } from './draw.ts';

function drawConfig(rng: Rng): ModelConfig {
  return makeConfig({
    producers: rng.int(1, 3),
    brokers: rng.int(1, 2),
    consumers: rng.int(1, 3),
    tagSubscribers: rng.chance(500),
    flush: 'async',
    operatorRedriveAfterMs: null,
    idempotentConsumer: !rng.chance(500),
    uniqueTxId: !rng.chance(300),
    checkAnswerWhenMissing: rng.chance(300) ? 'rollback' : 'unknown',
    consumeMs: rng.pick([5, 500, 2_000]),
    latencyMsMax: rng.int(2, 50),
  });
}

function drawOptions(rng: Rng): FaultOptions {
  return {
    dropPerMille: rng.int(10, 100),
    lostResponsePerMille: rng.int(10, 100),
    duplicatePerMille: rng.int(10, 200),
    delayPerMille: rng.int(20, 200),
    delayMsMax: rng.int(1_000, 10_000),
    reorderPerMille: rng.int(0, 100),
  };
}

function drawScript(rng: Rng, config: ModelConfig, orders: readonly OrderSpec[]): ScriptedFault[] {
  const nodes = nodesOf(config);
  const lastAt = orders.reduce((m, o) => Math.max(m, o.at), 0);
  const window = lastAt + 10_000;
  const checkWindowMs = config.checkMax * config.checkIntervalMs + config.transactionTimeoutMs;
  const script: ScriptedFault[] = [];
  for (let i = rng.int(1, 2); i > 0; i--) script.push(drawCrash(rng, rng.pick(nodes.brokers), window, [1_000, 60_000], 'machine'));
  if (rng.chance(500)) {
    // Every producer down past the check window: each unresolved half message is parked, and nobody resumes it.
    const at = rng.int(0, window);
    const down = checkWindowMs + rng.int(60_000, 300_000);
    for (const node of nodes.producers) script.push({ at, type: 'crash', node, restartAfterMs: down, kind: 'machine' });
  }
  for (let i = rng.int(0, 2); i > 0; i--) script.push(drawCrash(rng, rng.pick(nodes.consumers), window, [1_000, 120_000], 'machine'));
  if (rng.chance(500)) {
    const other = rng.chance(500) ? rng.pick(nodes.producers) : rng.pick(nodes.consumers);
    script.push(drawPartition(rng, other, rng.pick(nodes.brokers), window, [300_000, 1_200_000]));
  }
  const pick = (): string => rng.pick(orders).id;
  for (let i = rng.int(0, 3); i > 0; i--) script.push(orderMessageFault('drop', rng.pick(['commit', 'rollback', 'checkReply', 'prepareAck']), pick()));
  for (let i = rng.int(0, 2); i > 0; i--) script.push(orderMessageFault('duplicate', rng.pick(['commit', 'deliver', 'prepare']), pick()));
  return script;
}

/**
 * The `harsh` profile: beyond the design, expected to fail.
 *
 * @example
 * runAndCheck(harsh.generate(3)).violations; // usually not empty: lost writes, double purchases, parked orders
 */
export const harsh: FaultProfile = {
  name: 'harsh',
  description:
    'Beyond the design: broker machine crashes under async flush, all producers down past the 15-check window, no operator, idempotency sometimes off, fresh ids per attempt, rollback for unknown transactions, long partitions, heavy message faults.',
  beyondDesign: true,
  stepCrashes: { restartAfterMs: [1_000, 120_000], kind: 'machine' },
  generate(seed: number): RunSpec {
    const root = new Rng(seed);
    const config = drawConfig(root.fork('config'));
    const orders = drawOrders(root.fork('workload'), { ...DEFAULT_WORKLOAD, unknownPerMille: 200, poisonPerMille: 150 });
    const faults = root.fork('faults');
    const options = drawOptions(faults);
    const script = drawScript(faults, config, orders);
    const lastAt = orders.reduce((m, o) => Math.max(m, o.at), 0);
    const faultWindowMs = Math.max(scriptEndMs(script), lastAt) + 1 + faults.int(0, 60_000);
    return { name: `harsh#${seed}`, seed, config, orders, faults: { options, script }, faultWindowMs };
  },
};
