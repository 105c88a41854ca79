// Small builders for model tests: an order with defaults, a run with a scripted fault plan, a fake env whose
// host records every intent, for pure-transition tests.
import { makeConfig, type ModelConfig } from '../../model/config.ts';
import type { ModelEnv } from '../../model/env.ts';
import { EFFECT_TYPES, type Effect } from '../../model/effects.ts';
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

/** A durable store that can be sealed: once sealed, a write throws (reads still work). */
export class SealableStore extends DurableStore {
  sealed = false;

  override set(key: string, value: unknown): void {
    if (this.sealed) throw new Error(`impure: store.set(${key}) while resolving a transition`);
    super.set(key, value);
  }

  override delete(key: string): void {
    if (this.sealed) throw new Error(`impure: store.delete(${key}) while resolving a transition`);
    super.delete(key);
  }
}

const impure = (what: string) => () => {
  throw new Error(`impure: ${what} while resolving a transition`);
};

/**
 * A ModelEnv for pure-transition tests: the node's store and a shared `db` to seed, then `seal()`: from then on
 * every effectful method (send, record, store writes, facts, script steps) throws, so a test that resolves
 * transitions after sealing also proves that resolving them wrote, sent and recorded nothing.
 */
export function pureEnv(name: string, config: Partial<ModelConfig> = {}, orders: OrderSpec[] = []): {
  env: ModelEnv;
  store: SealableStore;
  db: SealableStore;
  clock: { now: number };
  seal(): void;
} {
  const clock = { now: 0 };
  const store = new SealableStore({ flush: 'sync', flushIntervalMs: 1 }, () => clock.now);
  const db = new SealableStore({ flush: 'sync', flushIntervalMs: 1 }, () => clock.now);
  const host = { name, store, now: () => clock.now, send: impure('host.send'), record: impure('host.record'), write: impure('host.write'), erase: impure('host.erase'), reply: impure('host.reply'), incarnation: 0 } as unknown as NodeHost;
  const facts = new FactLog();
  facts.add = impure('facts.add');
  const script = new OrderScript(new Map(orders.map((o) => [o.id, o])));
  script.useCheckAnswer = impure('script.useCheckAnswer');
  script.useConsumerAttempt = impure('script.useConsumerAttempt');
  const cfg = makeConfig(config);
  const env: ModelEnv = { host, config: cfg, facts, script, topology: topologyOf(cfg) };
  const seal = () => {
    store.sealed = true;
    db.sealed = true;
  };
  return { env, store, db, clock, seal };
}

/**
 * The effects among a transition's actions, as data: `{ type, params }` in order. An action body's effects leave as
 * one action (`effects`, or a named action implemented by it, such as `sendHalf`) whose params are their list.
 */
export function effectsOf(actions: ReadonlyArray<{ type: string; params?: unknown }>): Effect[] {
  const out: Effect[] = [];
  for (const a of actions) {
    if (Array.isArray(a.params)) out.push(...(a.params as Effect[]));
    else if ((EFFECT_TYPES as readonly string[]).includes(a.type)) out.push({ type: a.type, params: a.params } as Effect);
  }
  return out;
}

/** The built-in actions (raise, cancel, sendTo, ...) among a transition's actions: `{ type, params }` in order. */
export function builtinsOf(actions: ReadonlyArray<{ type: string; params?: unknown }>): Array<{ type: string; params: unknown }> {
  return actions.filter((a) => a.type.startsWith('xstate.')).map((a) => ({ type: a.type, params: a.params }));
}

export function actionTypes(actions: ReadonlyArray<{ type: string }>): string[] {
  return actions.map((a) => a.type);
}
