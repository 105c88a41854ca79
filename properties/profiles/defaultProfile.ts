// The `default` profile: only faults the design claims to survive, so every violation it finds is a bug.
// - Workload: 3-10 orders within 20 s; some wallets short; tags A/B/C/none; local transactions mostly commit,
//   some rollback, some unknown/throw with check answers that resolve (a few never do: parked, then resumed);
//   a few consumer failures and an occasional poison message (DLQ, then the operator's re-drive).
// - Config: RocketMQ's defaults (15 checks every 30 s, 16 retries on delay levels 3.., 5 s offset persist), 2-3
//   producers, 1-2 brokers, 1-3 target consumers, tag subscribers mostly on, an operator re-driving after 30 s -
//   10 min, unique transaction ids, idempotent consumers; the transaction center is faithful, sometimes idealized.
// - Faults: random drops / lost responses / duplicates / delays / reorders at a few to tens per mille; crashes of
//   producers, consumers and brokers restarted within 1 min (brokers crash as a `process` under async flush - the
//   page cache survives - and as a `machine` only under sync flush); a partition healed within 1 min; scripted
//   losses of second confirmations and check replies, duplicated commits and deliveries, lost consume acks.
// generate(seed) is a pure function of the seed: config, workload and faults each draw from their own fork.
import { makeConfig, type ModelConfig } from '../../model/config.ts';
import type { OrderSpec, RunSpec } from '../../model/runSpec.ts';
import { scriptEndMs, type FaultOptions, type ScriptedFault } from '../../sim/faults.ts';
import { Rng } from '../../sim/rng.ts';
import type { FaultProfile } from '../types.ts';
import { drawCrash, drawOrders, drawPartition, earliestAlertMs, nodesOf, orderMessageFault, withinCheckBudget, type WorkloadRanges } from './draw.ts';

/** The default profile's workload ranges. */
export const DEFAULT_WORKLOAD: Readonly<WorkloadRanges> = Object.freeze({
  minOrders: 3,
  maxOrders: 10,
  windowMs: 20_000,
  insufficientPerMille: 200,
  rollbackPerMille: 100,
  unknownPerMille: 100,
  throwPerMille: 50,
  unresolvedPerMille: 150,
  failingPerMille: 250,
  maxFailures: 4,
  poisonPerMille: 60,
  slowLocalTxPerMille: 200,
  slowLocalTxMsMax: 2_000,
});

function drawConfig(rng: Rng): ModelConfig {
  return makeConfig({
    producers: rng.int(2, 3),
    brokers: rng.int(1, 2),
    consumers: rng.int(1, 3),
    tagSubscribers: rng.chance(700),
    flush: rng.chance(300) ? 'sync' : 'async',
    transactionCenter: rng.chance(200) ? 'idealized' : 'faithful',
    operatorRedriveAfterMs: rng.int(30, 600) * 1_000,
    consumeMs: rng.pick([5, 50, 500]),
    latencyMsMax: rng.int(2, 20),
  });
}

function drawOptions(rng: Rng): FaultOptions {
  return {
    dropPerMille: rng.int(0, 20),
    lostResponsePerMille: rng.int(0, 30),
    duplicatePerMille: rng.int(0, 30),
    delayPerMille: rng.int(0, 50),
    delayMsMax: rng.int(50, 3_000),
    reorderPerMille: rng.int(0, 50),
  };
}

function drawScript(rng: Rng, config: ModelConfig, orders: readonly OrderSpec[]): ScriptedFault[] {
  const nodes = nodesOf(config);
  const lastAt = orders.reduce((m, o) => Math.max(m, o.at), 0);
  const window = lastAt + 5_000;
  const script: ScriptedFault[] = [];
  for (let i = rng.int(0, 2); i > 0; i--) script.push(drawCrash(rng, rng.pick(nodes.producers), window, [500, 60_000], 'process'));
  for (let i = rng.int(0, 2); i > 0; i--) {
    const pool = nodes.subscribers.length > 0 && rng.chance(300) ? nodes.subscribers : nodes.consumers;
    script.push(drawCrash(rng, rng.pick(pool), window, [500, 30_000], 'process'));
  }
  if (rng.chance(400)) {
    // Under async flush only a process crash is within the design (a machine crash loses the unflushed tail).
    script.push(drawCrash(rng, rng.pick(nodes.brokers), window, [500, 30_000], config.flush === 'sync' ? 'machine' : 'process'));
  }
  if (rng.chance(400)) {
    const other = rng.chance(500) ? rng.pick(nodes.producers) : rng.pick(nodes.consumers);
    script.push(drawPartition(rng, other, rng.pick(nodes.brokers), window, [500, 60_000]));
  }
  const pick = (): string => rng.pick(orders).id;
  for (let i = rng.int(0, 2); i > 0; i--) script.push(orderMessageFault('drop', rng.pick(['commit', 'rollback']), pick()));
  if (rng.chance(300)) script.push(orderMessageFault('drop', 'checkReply', pick()));
  if (rng.chance(300)) script.push(orderMessageFault('duplicate', 'commit', pick()));
  if (rng.chance(300)) script.push(orderMessageFault('duplicate', 'deliver', pick()));
  if (rng.chance(300)) script.push(orderMessageFault('drop', 'consumeAck', pick()));
  return withinCheckBudget(script, config.checkMax);
}

/**
 * The `default` profile: faults within the design's claims.
 *
 * @example
 * const spec = defaultProfile.generate(17); // the same RunSpec for seed 17 in every process
 */
export const defaultProfile: FaultProfile = {
  name: 'default',
  description:
    'Within the design: 3-10 orders, per-mille message faults, producer/consumer/broker crashes restarted within 1 min (broker process crashes under async flush), partitions healed within 1 min, lost second confirmations, an operator that re-drives the DLQ and resumes parked messages.',
  beyondDesign: false,
  generate(seed: number): RunSpec {
    const root = new Rng(seed);
    const config = drawConfig(root.fork('config'));
    const orders = drawOrders(root.fork('workload'), DEFAULT_WORKLOAD);
    const faults = root.fork('faults');
    const options = drawOptions(faults);
    const script = drawScript(faults, config, orders);
    const lastAt = orders.reduce((m, o) => Math.max(m, o.at), 0);
    // Heal before the operator's first alert can fire (see earliestAlertMs): its channel is not faulted.
    const faultWindowMs = Math.min(Math.max(scriptEndMs(script), lastAt) + 1 + faults.int(0, 60_000), earliestAlertMs(config, orders) - 1);
    return { name: `default#${seed}`, seed, config, orders, faults: { options, script }, faultWindowMs };
  },
};
