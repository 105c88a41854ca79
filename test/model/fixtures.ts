// Small builders for model tests: an order with defaults, a run with a scripted fault plan, a fake env whose
// host records every intent, for pure-transition tests.
import { makeConfig, type ModelConfig } from '../../model/config.ts';
import type { ModelEnv, Topology } from '../../model/env.ts';
import { FactLog } from '../../model/facts.ts';
import { summarizeOrders, type OrderSummary } from '../../model/orderSummary.ts';
import type { OrderSpec } from '../../model/runSpec.ts';
import { OrderScript } from '../../model/script.ts';
import { runModel, topologyOf, type Outcome } from '../../model/world.ts';
import { DurableStore } from '../../sim/durableStore.ts';
import { NO_FAULTS, type FaultOptions, type ScriptedFault } from '../../sim/faults.ts';
import type { NodeHost } from '../../sim/node.ts';

export function order(id: string, overrides: Partial<OrderSpec> = {}): OrderSpec {
  return { id, at: 0, amount: 100, walletBalance: 1_000, localTx: 'commit', checkAnswers: [], consumerFailures: 0, ...overrides };
}

export interface RunResult {
  outcome: Outcome;
  orders: Map<string, OrderSummary>;
}

export function run(
  orders: OrderSpec[],
  script: ScriptedFault[] = [],
  config: Partial<ModelConfig> = {},
  options: { seed?: number; faults?: FaultOptions; faultWindowMs?: number } = {},
): RunResult {
  const outcome = runModel({
    name: 'test',
    seed: options.seed ?? 1,
    config: makeConfig(config),
    orders,
    faults: { options: options.faults ?? NO_FAULTS, script },
    faultWindowMs: options.faultWindowMs,
  });
  return { outcome, orders: new Map(summarizeOrders(outcome).map((s) => [s.id, s])) };
}

export interface Intent {
  to: string;
  type: string;
  payload: Readonly<Record<string, unknown>>;
  order?: string;
}

/** A ModelEnv whose host records what it is asked to send, at a settable time. */
export function fakeEnv(name: string, config: Partial<ModelConfig> = {}, orders: OrderSpec[] = []): {
  env: ModelEnv;
  sent: Intent[];
  clock: { now: number };
  store: DurableStore;
} {
  const sent: Intent[] = [];
  const clock = { now: 0 };
  const store = new DurableStore({ flush: 'sync', flushIntervalMs: 1 }, () => clock.now);
  const host = {
    name,
    store,
    now: () => clock.now,
    send: (to: string, type: string, payload: Readonly<Record<string, unknown>>, meta?: { order?: string }) => sent.push({ to, type, payload, order: meta?.order }),
    record: () => undefined,
    incarnation: 0,
  } as unknown as NodeHost;
  const cfg = makeConfig(config);
  const topology: Topology = topologyOf(cfg);
  const env: ModelEnv = { host, config: cfg, facts: new FactLog(), script: new OrderScript(new Map(orders.map((o) => [o.id, o]))), topology };
  return { env, sent, clock, store };
}

export function actionTypes(actions: ReadonlyArray<{ type: string }>): string[] {
  return actions.map((a) => a.type);
}
