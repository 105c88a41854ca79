// A RunSpec -> a scenario file (the inverse of toRunSpec.ts): how `txsim explore --shrink` keeps the smallest
// failing run as a file the user can read, edit and `txsim run`. The config is written as the fields that differ
// from DEFAULT_CONFIG, orders and faults in full, random faults only when some rate is on; toRunSpec of the result
// runs the same trace (test/cli/shrink.test.ts checks the hash). The expectation is `noViolations`, so the file
// fails while the bug is there and passes once it is fixed: a regression test the user keeps.
import { DEFAULT_CONFIG, type ModelConfig } from '../model/config.ts';
import type { RunSpec } from '../model/runSpec.ts';
import type { FaultOptions } from '../sim/faults.ts';
import type { ConfigOverrides, RandomFaults, Scenario, ScenarioFault } from './format.ts';

const RATES: ReadonlyArray<keyof FaultOptions> = ['dropPerMille', 'lostResponsePerMille', 'duplicatePerMille', 'delayPerMille', 'reorderPerMille'];

function configOverrides(config: ModelConfig): ConfigOverrides {
  const overrides: Record<string, unknown> = {};
  for (const key of Object.keys(DEFAULT_CONFIG) as Array<keyof ModelConfig>) {
    if (JSON.stringify(config[key]) !== JSON.stringify(DEFAULT_CONFIG[key])) overrides[key] = config[key];
  }
  return overrides as ConfigOverrides;
}

function randomFaults(options: FaultOptions): RandomFaults | undefined {
  if (!RATES.some((k) => options[k] > 0)) return undefined;
  const random: RandomFaults = {};
  for (const key of RATES) if (options[key] > 0) random[key] = options[key];
  if (options.delayPerMille > 0) random.delayMsMax = options.delayMsMax;
  return random;
}

/**
 * The scenario file of a run, named `name`, with optional prose and `noViolations` as its expectation.
 *
 * @example
 * const scenario = scenarioFromRunSpec(shrunk.spec, { name: 'shrunk-default-seed-17', description: 'no-loss o2: ...' });
 * writeFileSync('shrunk.json', JSON.stringify(scenario, null, 2));
 */
export function scenarioFromRunSpec(spec: RunSpec, text: { name: string; title?: string; description?: string }): Scenario {
  const config = configOverrides(spec.config);
  const random = randomFaults(spec.faults.options);
  return {
    name: text.name,
    ...(text.title === undefined ? {} : { title: text.title }),
    ...(text.description === undefined ? {} : { description: text.description }),
    seed: spec.seed,
    ...(Object.keys(config).length > 0 ? { config } : {}),
    orders: spec.orders.map((o) => ({ ...o, checkAnswers: [...o.checkAnswers] })),
    ...(spec.faults.script.length > 0 ? { faults: spec.faults.script.map((f) => ({ ...f }) as ScenarioFault) } : {}),
    ...(random === undefined ? {} : { randomFaults: random }),
    ...(spec.faultWindowMs === undefined ? {} : { faultWindowMs: spec.faultWindowMs }),
    ...(spec.settleBoundMs === undefined ? {} : { settleBoundMs: spec.settleBoundMs }),
    expect: [{ noViolations: true }],
  };
}
