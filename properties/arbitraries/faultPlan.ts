// fast-check arbitrary of fault plans, as data: random fault options plus scripted faults whose targets are
// roles and indexes (producer #1, broker #0, order #3) rather than names, so a plan stays valid while fast-check
// shrinks the topology and the workload under it; resolveFaultPlan names them for one config and workload.
// Rates shrink to 0 and scripts to [], so a shrunk counterexample keeps only the faults it needs.
import fc from 'fast-check';
import type { ModelConfig } from '../../model/config.ts';
import type { OrderSpec } from '../../model/runSpec.ts';
import type { CrashFault, FaultOptions, FaultPlan, MessageFault, ScriptedFault } from '../../sim/faults.ts';
import { nodesOf, withinCheckBudget } from '../profiles/draw.ts';
import type { Envelope } from './envelope.ts';

/** A node by role and index (taken modulo the role's instance count). */
export interface NodeRef {
  role: 'producer' | 'broker' | 'consumer' | 'subscriber';
  index: number;
}

/** A scripted fault with symbolic targets. */
export type FaultData =
  | { kind: 'crash'; node: NodeRef; at: number; restartAfterMs: number; machine: boolean }
  | { kind: 'partition'; node: NodeRef; broker: number; at: number; healAfterMs: number }
  | { kind: 'message'; type: MessageFault['type']; message: string; orderIndex: number | undefined; at: number; count: number; byMs: number };

/** A fault plan with symbolic targets. */
export interface FaultPlanData {
  options: FaultOptions;
  script: FaultData[];
}

/** Messages a scripted fault may hit within the design (not the operator's one-shot alert, re-drive, resume). */
export const SCRIPTABLE_MESSAGES: readonly string[] = Object.freeze([
  'prepare', 'prepareAck', 'commit', 'rollback', 'check', 'checkReply', 'deliver', 'consumeAck', 'register',
]);

/** Beyond the design, the operator's messages may be hit too. */
export const OPERATOR_MESSAGES: readonly string[] = Object.freeze(['alert', 'redrive', 'resume']);

// Off half the time; `option` shrinks to its nil, so a rate a failure does not need shrinks to 0.
const rate = (max: number): fc.Arbitrary<number> => fc.option(fc.integer({ min: 1, max }), { nil: 0, freq: 2 });
const nodeRef: fc.Arbitrary<NodeRef> = fc.record({
  role: fc.constantFrom<NodeRef['role']>('producer', 'consumer', 'broker', 'subscriber'),
  index: fc.nat(3),
});

/**
 * Fault plans as data. `design`: per-mille rates up to a few tens, outages up to 1 min; `beyond`: heavier rates,
 * outages up to 20 min, machine crashes whatever the flush mode.
 *
 * @example
 * fc.sample(faultPlanDataArb('design'), 1)[0]; // { options: { dropPerMille: 0, ... }, script: [] }
 */
export function faultPlanDataArb(envelope: Envelope = 'design', maxScripted = 6): fc.Arbitrary<FaultPlanData> {
  const beyond = envelope === 'beyond';
  const outageMs = beyond ? 1_200_000 : 60_000;
  const fault: fc.Arbitrary<FaultData> = fc.oneof(
    fc.record({
      kind: fc.constant('crash' as const),
      node: nodeRef,
      at: fc.integer({ min: 0, max: 30_000 }),
      restartAfterMs: fc.integer({ min: 100, max: outageMs }),
      machine: beyond ? fc.boolean() : fc.constant(false),
    }),
    fc.record({
      kind: fc.constant('partition' as const),
      node: nodeRef,
      broker: fc.nat(2),
      at: fc.integer({ min: 0, max: 30_000 }),
      healAfterMs: fc.integer({ min: 100, max: outageMs }),
    }),
    fc.record({
      kind: fc.constant('message' as const),
      type: fc.constantFrom<MessageFault['type']>('drop', 'duplicate', 'delay'),
      message: fc.constantFrom(...SCRIPTABLE_MESSAGES, ...(beyond ? OPERATOR_MESSAGES : [])),
      orderIndex: fc.option(fc.nat(9), { nil: undefined }),
      at: fc.integer({ min: 0, max: 30_000 }),
      count: fc.integer({ min: 1, max: 3 }),
      byMs: fc.integer({ min: 1, max: 5_000 }),
    }),
  );
  return fc.record({
    options: fc.record({
      dropPerMille: rate(beyond ? 100 : 20),
      lostResponsePerMille: rate(beyond ? 100 : 30),
      duplicatePerMille: rate(beyond ? 200 : 30),
      delayPerMille: rate(beyond ? 200 : 50),
      delayMsMax: fc.integer({ min: 1, max: beyond ? 10_000 : 3_000 }),
      reorderPerMille: rate(beyond ? 100 : 50),
    }),
    script: fc.array(fault, { maxLength: maxScripted }),
  });
}

function nameOf(ref: NodeRef, nodes: ReturnType<typeof nodesOf>): string {
  const pools = { producer: nodes.producers, broker: nodes.brokers, consumer: nodes.consumers, subscriber: nodes.subscribers };
  const pool = pools[ref.role].length > 0 ? pools[ref.role] : nodes.consumers;
  return pool[ref.index % pool.length] as string;
}

/**
 * Name a symbolic fault plan's targets for one config and workload. A broker crash is a `process` crash under
 * async flush unless the data asks for a machine crash (only `beyond` does). Within the design, scripted drops on
 * the check-back exchange are kept within checkMax - 1 checks (withinCheckBudget).
 *
 * @example
 * resolveFaultPlan(data, config, orders).script[0]; // { at: 120, type: 'crash', node: 'producer-2', restartAfterMs: 900, kind: 'process' }
 */
export function resolveFaultPlan(data: FaultPlanData, config: ModelConfig, orders: readonly OrderSpec[], envelope: Envelope = 'design'): FaultPlan {
  const nodes = nodesOf(config);
  const script: ScriptedFault[] = [];
  for (const f of data.script) {
    if (f.kind === 'crash') {
      const node = nameOf(f.node, nodes);
      const durable = f.node.role === 'broker' && config.flush === 'async' && !f.machine;
      const crash: CrashFault = { at: f.at, type: 'crash', node, restartAfterMs: f.restartAfterMs, kind: durable ? 'process' : 'machine' };
      script.push(crash);
    } else if (f.kind === 'partition') {
      const node = nameOf(f.node, nodes);
      const broker = nodes.brokers[f.broker % nodes.brokers.length] as string;
      if (node !== broker) script.push({ at: f.at, type: 'partition', between: [node, broker], healAfterMs: f.healAfterMs });
    } else {
      const fault: MessageFault = { at: f.at, type: f.type, message: f.message, count: f.count };
      if (f.orderIndex !== undefined && orders.length > 0) fault.order = (orders[f.orderIndex % orders.length] as OrderSpec).id;
      if (f.type === 'delay') fault.byMs = f.byMs;
      script.push(fault);
    }
  }
  return { options: { ...data.options }, script: envelope === 'design' ? withinCheckBudget(script, config.checkMax) : script };
}
