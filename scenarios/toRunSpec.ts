// A validated Scenario -> the RunSpec the model runs: config overrides applied to DEFAULT_CONFIG, order defaults
// from ORDER_DEFAULTS, the fault script and the random fault options. Pure; no validation (see load.ts).
import { makeConfig } from '../model/config.ts';
import { ORDER_DEFAULTS, type OrderSpec, type RunSpec } from '../model/runSpec.ts';
import { NO_FAULTS, type ScriptedFault } from '../sim/faults.ts';
import type { Scenario, ScenarioFault } from './format.ts';

/** The seed a scenario runs with when neither the file nor the command line gives one. */
export const DEFAULT_SCENARIO_SEED = 1;

/** A copy of a scenario fault as the simulator's ScriptedFault (same fields; arrays copied). */
function toScriptedFault(fault: ScenarioFault): ScriptedFault {
  return fault.type === 'partition' ? { ...fault, between: [fault.between[0], fault.between[1]] } : { ...fault };
}

/**
 * The RunSpec of a scenario; `seed` overrides the scenario's own.
 *
 * @example
 * const outcome = runModel(toRunSpec(parseScenario(json)));
 */
export function toRunSpec(scenario: Scenario, options: { seed?: number } = {}): RunSpec {
  const orders: OrderSpec[] = scenario.orders.map((o) => ({
    id: o.id,
    at: o.at ?? ORDER_DEFAULTS.at,
    amount: o.amount,
    walletBalance: o.walletBalance ?? ORDER_DEFAULTS.walletBalance,
    ...(o.tag !== undefined ? { tag: o.tag } : {}),
    localTx: o.localTx ?? ORDER_DEFAULTS.localTx,
    checkAnswers: [...(o.checkAnswers ?? [])],
    ...(o.localTxMs !== undefined ? { localTxMs: o.localTxMs } : {}),
    consumerFailures: o.consumerFailures ?? ORDER_DEFAULTS.consumerFailures,
    ...(o.producer !== undefined ? { producer: o.producer } : {}),
    ...(o.checkImmunitySeconds !== undefined ? { checkImmunitySeconds: o.checkImmunitySeconds } : {}),
    ...(o.delayLevels !== undefined ? { delayLevels: Object.fromEntries(Object.entries(o.delayLevels).map(([g, levels]) => [g, [...levels]])) } : {}),
  }));
  const config = scenario.config ?? {};
  return {
    name: scenario.name,
    seed: options.seed ?? scenario.seed ?? DEFAULT_SCENARIO_SEED,
    config: makeConfig({
      ...config,
      ...(config.delayLevelsMs !== undefined ? { delayLevelsMs: [...config.delayLevelsMs] } : {}),
      ...(config.consumerSubscriptions !== undefined ? { consumerSubscriptions: [...config.consumerSubscriptions] } : {}),
      ...(config.groups !== undefined ? { groups: Object.fromEntries(Object.entries(config.groups).map(([g, settings]) => [g, { ...settings }])) } : {}),
    }),
    orders,
    faults: { options: { ...NO_FAULTS, ...scenario.randomFaults }, script: (scenario.faults ?? []).map(toScriptedFault) },
    ...(scenario.faultWindowMs !== undefined ? { faultWindowMs: scenario.faultWindowMs } : {}),
    ...(scenario.settleBoundMs !== undefined ? { settleBoundMs: scenario.settleBoundMs } : {}),
  };
}
