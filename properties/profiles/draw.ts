// Drawing blocks the profiles share: a workload of orders, the node names of a config's topology by role, and
// scripted faults. Every function takes the Rng fork of its concern and draws nothing else, so a profile's
// workload never shifts when its fault draws change (and the other way round).
import type { ModelConfig } from '../../model/config.ts';
import type { LocalTxAnswer, OrderSpec } from '../../model/runSpec.ts';
import { topologyOf } from '../../model/world.ts';
import type { CrashFault, MessageFault, PartitionFault } from '../../sim/faults.ts';
import type { Rng } from '../../sim/rng.ts';

/** Tags a workload draws from ('' = untagged). */
export const WORKLOAD_TAGS: readonly string[] = Object.freeze(['TagA', 'TagB', 'TagC', '']);

/** How a workload is drawn; every rate is per mille of orders. */
export interface WorkloadRanges {
  minOrders: number;
  maxOrders: number;
  /** Orders arrive within [0, windowMs]. */
  windowMs: number;
  /** The wallet is short of the amount: the main transaction rolls back by itself. */
  insufficientPerMille: number;
  /** executeLocalTransaction answers rollback / unknown / throws (the rest commit). */
  rollbackPerMille: number;
  unknownPerMille: number;
  throwPerMille: number;
  /** An unknown/throw order whose check answers never resolve (it is parked after checkMax checks). */
  unresolvedPerMille: number;
  /** The target consumer fails the first 1..maxFailures attempts. */
  failingPerMille: number;
  maxFailures: number;
  /** The target consumer always fails (a poison message: DLQ, then the operator's re-drive). */
  poisonPerMille: number;
  /** A commit/rollback order's main transaction takes 100 ms .. slowLocalTxMsMax instead of the default. */
  slowLocalTxPerMille: number;
  slowLocalTxMsMax: number;
}

function drawLocalTx(rng: Rng, r: WorkloadRanges): LocalTxAnswer {
  const x = rng.int(0, 999);
  if (x < r.rollbackPerMille) return 'rollback';
  if (x < r.rollbackPerMille + r.unknownPerMille) return 'unknown';
  if (x < r.rollbackPerMille + r.unknownPerMille + r.throwPerMille) return 'throw';
  return 'commit';
}

/**
 * Scripted check answers that stay consistent with the durable record: some undecided answers, then at most one
 * decisive answer (commit runs the main transaction, rollback records the abort), then the record answers. Only
 * orders whose local transaction left no decision get a script, so no check answer contradicts a decision.
 */
function drawCheckAnswers(rng: Rng, r: WorkloadRanges): LocalTxAnswer[] {
  const answers: LocalTxAnswer[] = [];
  const undecided = rng.int(0, 3);
  for (let i = 0; i < undecided; i++) answers.push(rng.chance(700) ? 'unknown' : 'throw');
  if (!rng.chance(r.unresolvedPerMille)) answers.push(rng.chance(700) ? 'commit' : 'rollback');
  return answers;
}

/**
 * A workload: `o1..on` in arrival order, with amounts, balances (some short), tags, local-transaction answers,
 * consistent check scripts and consumer failures.
 *
 * @example
 * drawOrders(new Rng(7).fork('workload'), DEFAULT_WORKLOAD); // [{ id: 'o1', at: 312, amount: 450, ... }, ...]
 */
export function drawOrders(rng: Rng, r: WorkloadRanges): OrderSpec[] {
  const n = rng.int(r.minOrders, r.maxOrders);
  const ats = Array.from({ length: n }, () => rng.int(0, r.windowMs)).sort((a, b) => a - b);
  return ats.map((at, i) => {
    const amount = rng.int(1, 100) * 10;
    const walletBalance = rng.chance(r.insufficientPerMille) ? rng.int(0, amount - 1) : amount + rng.int(0, 50) * 10;
    const tag = rng.pick(WORKLOAD_TAGS);
    const localTx = drawLocalTx(rng, r);
    const undecided = localTx === 'unknown' || localTx === 'throw';
    const checkAnswers = undecided ? drawCheckAnswers(rng, r) : [];
    let consumerFailures: number | 'always' = 0;
    if (rng.chance(r.poisonPerMille)) consumerFailures = 'always';
    else if (rng.chance(r.failingPerMille)) consumerFailures = rng.int(1, r.maxFailures);
    const order: OrderSpec = { id: `o${i + 1}`, at, amount, walletBalance, localTx, checkAnswers, consumerFailures };
    if (tag !== '') order.tag = tag;
    // A slow main transaction widens the crash windows; undecided orders keep the default so a scripted check
    // answer never races their executeLocalTransaction.
    if (!undecided && rng.chance(r.slowLocalTxPerMille)) order.localTxMs = rng.int(100, r.slowLocalTxMsMax);
    return order;
  });
}

/** The node names of a config's topology, by role. */
export interface Nodes {
  producers: readonly string[];
  brokers: readonly string[];
  /** Instances of the target-fund group. */
  consumers: readonly string[];
  /** Tag-matrix subscriber nodes (empty when off). */
  subscribers: readonly string[];
}

/** The nodes a config's world will have. */
export function nodesOf(config: ModelConfig): Nodes {
  const t = topologyOf(config);
  return {
    producers: t.producers,
    brokers: t.brokers,
    consumers: t.groups.filter((g) => g.role === 'target').flatMap((g) => g.instances),
    subscribers: t.groups.filter((g) => g.role === 'subscriber').flatMap((g) => g.instances),
  };
}

/** A crash of `node` at a time in [0, windowMs], restarted after restartMs. */
export function drawCrash(rng: Rng, node: string, windowMs: number, restartMs: [number, number], kind: CrashFault['kind']): CrashFault {
  const fault: CrashFault = { at: rng.int(0, windowMs), type: 'crash', node, restartAfterMs: rng.int(restartMs[0], restartMs[1]) };
  if (kind !== undefined) fault.kind = kind;
  return fault;
}

/** A partition between two nodes at a time in [0, windowMs], healed after healMs. */
export function drawPartition(rng: Rng, a: string, b: string, windowMs: number, healMs: [number, number]): PartitionFault {
  return { at: rng.int(0, windowMs), type: 'partition', between: [a, b], healAfterMs: rng.int(healMs[0], healMs[1]) };
}

/** A scripted hit on the next `message` of one order (armed from t=0, so it strikes that order's first one). */
export function orderMessageFault(type: MessageFault['type'], message: string, order: string, byMs?: number): MessageFault {
  const fault: MessageFault = { at: 0, type, message, order };
  if (byMs !== undefined) fault.byMs = byMs;
  return fault;
}

/**
 * A lower bound on when the first operator alert of a run can be raised: the earliest dead letter (the first
 * order's delivery plus the retry delays of maxReconsumeTimes retries, if some order can fail that often) or the
 * earliest parked half message (transactionTimeoutMs, then checkMax rounds). The operator's alert and its
 * re-drive / resume are one-shot messages, acted on at most once; the design assumes that channel is reliable, so
 * a within-design profile heals before this time and never faults it.
 *
 * @example
 * earliestAlertMs(makeConfig(), orders); // 456_000 + first order time with RocketMQ's defaults and no poison
 */
export function earliestAlertMs(config: ModelConfig, orders: readonly OrderSpec[]): number {
  const firstAt = orders.reduce((m, o) => Math.min(m, o.at), Number.POSITIVE_INFINITY);
  if (!Number.isFinite(firstAt)) return Number.POSITIVE_INFINITY;
  const parked = firstAt + config.transactionTimeoutMs + config.checkMax * config.checkIntervalMs;
  const canDie = orders.some((o) => o.consumerFailures === 'always' || o.consumerFailures > config.maxReconsumeTimes);
  if (!canDie) return parked;
  let retries = 0;
  for (let n = 0; n < config.maxReconsumeTimes; n++) {
    const level = Math.min(config.firstRetryDelayLevel + n, config.delayLevelsMs.length);
    retries += config.delayLevelsMs[level - 1] ?? 0;
  }
  return Math.min(parked, firstAt + retries);
}

/** Messages of the check-back exchange: a drop of one costs the transaction one of its checkMax checks. */
export const CHECK_PATH_MESSAGES: readonly string[] = Object.freeze(['check', 'checkReply']);

/**
 * Keep scripted drops on the check-back exchange within the design's budget: together they may cost a
 * transaction at most checkMax - 1 checks (armed scripted faults outlive heal, so more could exhaust the checks
 * after the operator's one resume as well). A drop over budget is turned into a duplicate. Mutates and returns
 * the faults.
 *
 * @example
 * withinCheckBudget(script, config.checkMax);
 */
export function withinCheckBudget<T extends { type: string; message?: string; count?: number }>(faults: T[], checkMax: number): T[] {
  let left = checkMax - 1;
  for (const fault of faults) {
    if (fault.type !== 'drop' || fault.message === undefined || !CHECK_PATH_MESSAGES.includes(fault.message)) continue;
    const count = Math.min(fault.count ?? 1, left);
    if (count <= 0) fault.type = 'duplicate';
    else {
      fault.count = count;
      left -= count;
    }
  }
  return faults;
}
