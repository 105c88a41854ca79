// runScenario: one scenario (an object, a registered name or a .json path) run and judged, with the same report
// `txsim run FILE --json` prints (cli/report.ts, a contract) and the outcome the renderers take. `roles` runs your
// own machines (checked first: a RoleMachineError names the role and the fix); a machine that breaks the call
// protocol while it runs throws the runtime's RoleProtocolError.
import { judgeScenarioRun, resolveScenario, type ScenarioRun } from '../cli/commands/run.ts';
import type { Scenario } from '../scenarios/format.ts';
import { parseScenario } from '../scenarios/load.ts';
import type { MutantOption, RunnerOptions } from './options.ts';
import { checkedRoles } from './roles.ts';

/** Options of runScenario. */
export interface RunScenarioOptions extends RunnerOptions, MutantOption {
  /** Simulator seed (default: the scenario's own, else 1). */
  seed?: number;
  /** Put every trace event in the report (default false). */
  trace?: boolean;
  /** Directory a path is relative to (default process.cwd()). */
  cwd?: string;
}

/** A judged run: `report` is the JSON of `txsim run --json`; `outcome` (with the trace) feeds renderDiagram / renderHtml. */
export type ScenarioResult = ScenarioRun;

/**
 * Run one scenario and judge its expectations. A scenario object is validated like a file (a ScenarioError names
 * each bad field); its report's replay line runs `<name>.json`, the file you would save it as.
 *
 * @example
 * import { runScenario } from 'txsim';
 * const { report } = runScenario({ name: 'one-order', orders: [{ id: 'o1', amount: 100 }], expect: [{ noViolations: true }] });
 * console.log(report.ok, report.orders[0]?.main); // true 'committed'
 */
export function runScenario(scenario: Scenario | string, options: RunScenarioOptions = {}): ScenarioResult {
  const roles = checkedRoles(options.roles);
  const judged = { ...options, ...(roles === undefined ? {} : { roles: roles.machines, ...(roles.files === undefined ? {} : { roleFiles: roles.files }) }) };
  if (typeof scenario === 'string') {
    const resolved = resolveScenario(scenario, options.cwd ?? process.cwd());
    return judgeScenarioRun(resolved.scenario, { target: scenario, source: resolved.source }, judged);
  }
  const parsed = parseScenario(scenario, `scenario ${String(scenario.name)}`);
  return judgeScenarioRun(parsed, { target: `${parsed.name}.json`, source: `scenario ${parsed.name}` }, judged);
}
