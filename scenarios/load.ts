// Scenario file -> validated Scenario, or a ScenarioError listing every problem, one line each, naming the JSON
// path and the fix. Two layers: the zod schema of format.ts (types, ranges, enums, unknown fields), then the
// checks that need the whole file (unique order ids, references to orders and nodes, cross-field config rules).
import { readFileSync } from 'node:fs';
import { makeConfig, TAG_SUBSCRIBERS } from '../model/config.ts';
import { nodeNamesOf, topologyOf } from '../model/world.ts';
import { CHECKER_NAMES } from '../properties/index.ts';
import { scenarioSchema, type Scenario } from './format.ts';
import { formatIssues, jsonPath, suggest, txsimErrorMap } from './issues.ts';

/** A scenario (or any txsim input file) that cannot be used; `problems` has one line per problem. */
export class ScenarioError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`${source}: ${problems.length === 1 ? problems[0] : `${problems.length} problems:\n  ${problems.join('\n  ')}`}`);
    this.name = 'ScenarioError';
  }
}

/** Parse JSON text, turning a syntax error into a ScenarioError with line and column. */
export function parseJsonText(text: string, source: string): unknown {
  try {
    // A UTF-8 byte order mark (Windows editors write one) is not JSON, but it says nothing either: skip it.
    return JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    let where = '';
    if (position !== null) {
      const offset = Number(position[1]);
      const before = text.slice(0, offset).split('\n');
      where = ` at line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
    }
    throw new ScenarioError(source, [`malformed JSON${where}: ${message.replace(/ in JSON at position \d+.*$/, '')}; fix the syntax (a JSON validator helps)`]);
  }
}

/** Why a file could not be read, in words: "no such file", "is a directory, not a file", ... */
export function fileReadProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a file' : `cannot be read (${code ?? String(error)})`;
}

/** Read and parse a JSON file; a missing or unreadable file is a ScenarioError too, ending with `fix`. */
export function readJsonFile(path: string, fix = 'give the path of a scenario .json file or a scenario name (see `txsim scenarios`)'): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ScenarioError(path, [`${fileReadProblem(error)}; ${fix}`]);
  }
  return parseJsonText(text, path);
}

/** Problems that need the whole scenario: references, uniqueness and cross-field rules. Empty when fine. */
export function scenarioProblems(scenario: Scenario): string[] {
  const problems: string[] = [];
  const config = makeConfig(scenario.config ?? {});
  const nodes = nodeNamesOf(config);
  const nodeList = nodes.join(', ');

  if (config.latencyMsMin > config.latencyMsMax) {
    problems.push(`config.latencyMsMax: must be >= latencyMsMin (${config.latencyMsMin}) (got ${config.latencyMsMax})`);
  }
  // A level beyond delayLevelsMs is legal: RocketMQ clamps it to the last level (HookUtils.transformDelayLevelMessage).
  if (config.consumerSubscriptions.length > config.consumers) {
    problems.push(
      `config.consumerSubscriptions: has ${config.consumerSubscriptions.length} entries for ${config.consumers} consumer(s); give at most one per consumer or raise consumers`,
    );
  }
  const random = scenario.randomFaults;
  if (random !== undefined && (random.delayPerMille ?? 0) > 0 && (random.delayMsMax ?? 0) === 0) {
    problems.push('randomFaults.delayMsMax: must be > 0 when delayPerMille > 0, or delays have no effect');
  }
  if (random !== undefined && scenario.faultWindowMs === undefined) {
    // The default faulty phase ends 1 ms after the last order and scripted fault: random faults would barely apply.
    problems.push('faultWindowMs: is missing; with randomFaults, say how long the faulty phase lasts, e.g. "faultWindowMs": 60000');
  }

  const groupNames = topologyOf(config).groups.map((g) => g.group);
  const checkGroup = (path: Array<string | number>, name: string): void => {
    if (groupNames.includes(name)) return;
    const subscriber = TAG_SUBSCRIBERS.some((s) => s.group === name) ? '; it is a tag-matrix subscriber: set "tagSubscribers": true' : '';
    const guess = subscriber === '' ? suggest(name, groupNames) : undefined;
    problems.push(`${jsonPath(path)}: no consumer group "${name}"${guess ? ` (did you mean "${guess}"?)` : ''}${subscriber}; with this config the groups are ${groupNames.join(', ')}`);
  };
  for (const name of Object.keys(scenario.config?.groups ?? {})) checkGroup(['config', 'groups', name], name);
  problems.push(...faultWindowProblems(scenario));

  const orderIds = new Map<string, number>();
  scenario.orders.forEach((order, i) => {
    const first = orderIds.get(order.id);
    if (first !== undefined) problems.push(`orders[${i}].id: duplicate order id "${order.id}" (also orders[${first}].id); give each order its own id`);
    else orderIds.set(order.id, i);
    for (const name of Object.keys(order.delayLevels ?? {})) checkGroup(['orders', i, 'delayLevels', name], name);
    if (order.producer !== undefined && order.producer >= config.producers) {
      problems.push(`orders[${i}].producer: must be a producer index from 0 to ${config.producers - 1} (got ${order.producer}); config.producers is ${config.producers}`);
    }
  });
  const ids = [...orderIds.keys()];
  const checkOrder = (path: Array<string | number>, id: string | undefined): void => {
    if (id === undefined || orderIds.has(id)) return;
    const guess = suggest(id, ids);
    problems.push(`${jsonPath(path)}: no order "${id}" in this scenario${guess ? ` (did you mean "${guess}"?)` : ''}; the orders are ${ids.join(', ')}`);
  };
  const checkNode = (path: Array<string | number>, name: string | undefined): void => {
    if (name === undefined || nodes.includes(name)) return;
    const guess = suggest(name, nodes);
    problems.push(`${jsonPath(path)}: no node "${name}"${guess ? ` (did you mean "${guess}"?)` : ''}; with this config the nodes are ${nodeList}`);
  };

  (scenario.faults ?? []).forEach((fault, i) => {
    const at = ['faults', i];
    switch (fault.type) {
      case 'crash':
        checkNode([...at, 'node'], fault.node);
        break;
      case 'partition':
        checkNode([...at, 'between', 0], fault.between[0]);
        checkNode([...at, 'between', 1], fault.between[1]);
        if (fault.between[0] === fault.between[1]) problems.push(`${jsonPath([...at, 'between'])}: must name two different nodes (got "${fault.between[0]}" twice)`);
        break;
      default:
        checkOrder([...at, 'order'], fault.order);
        checkNode([...at, 'from'], fault.from);
        checkNode([...at, 'to'], fault.to);
    }
  });

  let noViolationsAt: number | undefined;
  let violationAt: number | undefined;
  (scenario.expect ?? []).forEach((entry, i) => {
    const at = ['expect', i];
    checkOrder([...at, 'order'], entry.order);
    const perOrder = (['main', 'message', 'targetPurchases', 'deliveries', 'checks'] as const).filter((k) => entry[k] !== undefined);
    if (perOrder.length > 0 && entry.order === undefined) {
      problems.push(`${jsonPath(at)}: ${perOrder.join(', ')} need an "order" to refer to; add e.g. "order": "${ids[0] ?? 'o1'}"`);
    }
    if (perOrder.length === 0 && entry.violation === undefined && entry.alert === undefined && entry.noViolations === undefined) {
      problems.push(`${jsonPath(at)}: expects nothing; add main, message, targetPurchases, deliveries or checks (with order), violation, alert or noViolations`);
    }
    if (entry.noViolations !== undefined) {
      noViolationsAt ??= i;
      if (entry.violation !== undefined) problems.push(`${jsonPath([...at, 'noViolations'])}: contradicts "violation" in the same entry; keep one`);
    }
    if (entry.violation !== undefined) {
      violationAt ??= i;
      if (!CHECKER_NAMES.includes(entry.violation)) {
        const guess = suggest(entry.violation, CHECKER_NAMES);
        problems.push(
          `${jsonPath([...at, 'violation'])}: no property "${entry.violation}"${guess ? ` (did you mean "${guess}"?)` : ''}; the properties are ${CHECKER_NAMES.join(', ')}`,
        );
      }
    }
  });
  if (noViolationsAt !== undefined && violationAt !== undefined && noViolationsAt !== violationAt) {
    problems.push(`expect[${noViolationsAt}].noViolations: contradicts expect[${violationAt}].violation; keep one`);
  }
  return problems;
}

/**
 * Faults whose length a reader cannot tell from the file (point 10 of issue 13): a crash without restartAfterMs lasts
 * until the faulty phase ends, which without faultWindowMs is 1 ms after the last fault, so it would last about 1 ms;
 * and a fault armed after faultWindowMs would never strike (the heal comes first).
 */
function faultWindowProblems(scenario: Scenario): string[] {
  const problems: string[] = [];
  const window = scenario.faultWindowMs;
  (scenario.faults ?? []).forEach((fault, i) => {
    if (window !== undefined && fault.at > window) {
      problems.push(`faults[${i}].at: ${fault.at} is after the faulty phase ends (faultWindowMs ${window}), so the fault would never strike; move it earlier or raise faultWindowMs`);
    }
    if (fault.type === 'crash' && fault.restartAfterMs === undefined && window === undefined) {
      problems.push(
        `faults[${i}].restartAfterMs: is missing, and without faultWindowMs the faulty phase ends 1 ms after the last fault, so "${fault.node}" would be down for about 1 ms; ` +
          'add "restartAfterMs" (how long it stays down, e.g. 60000), or set "faultWindowMs" to when the faulty phase ends and everything restarts',
      );
    }
  });
  return problems;
}

/** Validate parsed JSON as a scenario: the schema, then the whole-file checks. */
export function validateScenario(data: unknown): { ok: true; scenario: Scenario } | { ok: false; problems: string[] } {
  const parsed = scenarioSchema.safeParse(data, { error: txsimErrorMap, reportInput: true });
  if (!parsed.success) return { ok: false, problems: formatIssues(parsed.error.issues) };
  const problems = scenarioProblems(parsed.data);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, scenario: parsed.data };
}

/**
 * Validate parsed JSON as a scenario, or throw a ScenarioError naming every problem.
 *
 * @example
 * parseScenario({ name: 'demo', orders: [{ id: 'o1', amount: -5 }] }, 'demo.json');
 * // throws ScenarioError: demo.json: orders[0].amount: must be a positive number (got -5)
 */
export function parseScenario(data: unknown, source = 'scenario'): Scenario {
  const result = validateScenario(data);
  if (!result.ok) throw new ScenarioError(source, result.problems);
  return result.scenario;
}

/**
 * Read, parse and validate a scenario file.
 *
 * @example
 * const scenario = loadScenarioFile('scenarios/examples/lost-rollback.json');
 */
export function loadScenarioFile(path: string): Scenario {
  return parseScenario(readJsonFile(path), path);
}
