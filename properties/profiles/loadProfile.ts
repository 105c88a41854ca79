// `--profile NAME|FILE`: a registered profile by name, or a profile file (fileFormat.ts) validated like a scenario
// file - the zod schema first, then the checks that need more than one field ([min, max] order, crash kinds the
// design does not claim to survive) - with a ScenarioError naming each field and its fix (exit 2 on the CLI).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatIssues, jsonPath, suggest, txsimErrorMap } from '../../scenarios/issues.ts';
import { readJsonFile, ScenarioError, scenarioProblems } from '../../scenarios/load.ts';
import type { FaultProfile } from '../types.ts';
import { profileFileSchema, type ProfileFile, type RangeValue } from './fileFormat.ts';
import { profileConfig, profileFromData, workloadRanges } from './fromData.ts';
import { PROFILES } from './index.ts';

/** Problems of a parsed profile file that need more than one field. Empty when fine. */
export function profileProblems(file: ProfileFile): string[] {
  const problems: string[] = [];
  const ordered = (path: Array<string | number>, value: RangeValue | undefined): void => {
    if (Array.isArray(value) && value[0] > value[1]) problems.push(`${jsonPath(path)}: min ${value[0]} is above max ${value[1]}; write [${value[1]}, ${value[0]}]`);
  };
  for (const [role, value] of Object.entries(file.topology ?? {})) ordered(['topology', role], value);
  ordered(['workload', 'orders'], file.workload?.orders);
  for (const [field, value] of Object.entries(file.randomFaults ?? {})) ordered(['randomFaults', field], value);
  for (const [role, rule] of Object.entries(file.crashes ?? {})) {
    ordered(['crashes', role, 'count'], rule.count);
    ordered(['crashes', role, 'restartAfterMs'], rule.restartAfterMs);
  }
  ordered(['partitions', 'count'], file.partitions?.count);
  ordered(['partitions', 'healAfterMs'], file.partitions?.healAfterMs);
  ordered(['lingerMs'], file.lingerMs);
  // The config's own cross-field rules, as a scenario file states them.
  problems.push(...scenarioProblems({ name: file.name, config: file.config ?? {}, orders: [{ id: 'o1', amount: 1 }] }).filter((p) => p.startsWith('config.')));
  const config = profileConfig(file);
  const workload = workloadRanges(file);
  if (file.beyondDesign !== true && config.operatorRedriveAfterMs === null && (workload.poisonPerMille > 0 || workload.unresolvedPerMille > 0)) {
    problems.push(
      'config.operatorRedriveAfterMs: null (no operator) leaves poison messages in the DLQ and parked messages parked, beyond the design; ' +
        'give a delay such as 60000, set workload.poisonPerMille and workload.unresolvedPerMille to 0, or set "beyondDesign": true',
    );
  }
  if (file.beyondDesign !== true && file.crashes?.brokers?.kind === 'machine' && config.flush !== 'sync') {
    problems.push(
      'crashes.brokers.kind: a "machine" crash under async flush loses the unflushed tail, beyond what the design claims; ' +
        'use "process", set config.flush to "sync", or set "beyondDesign": true to look for those violations on purpose',
    );
  }
  return problems;
}

/**
 * Validate parsed JSON as a profile file, or throw a ScenarioError naming every problem.
 *
 * @example
 * parseProfileFile({ name: 'x', randomFaults: { dropPerMille: 2000 } }, 'x.json');
 * // throws ScenarioError: x.json: randomFaults.dropPerMille: must be an integer (per mille from 0 to 1000) ... (got 2000)
 */
export function parseProfileFile(data: unknown, source = 'profile'): ProfileFile {
  const parsed = profileFileSchema.safeParse(data, { error: txsimErrorMap, reportInput: true });
  if (!parsed.success) throw new ScenarioError(source, formatIssues(parsed.error.issues));
  const problems = profileProblems(parsed.data);
  if (problems.length > 0) throw new ScenarioError(source, problems);
  return parsed.data;
}

/**
 * Read and validate a profile file.
 *
 * @example
 * const file = loadProfileFile('properties/profiles/examples/flaky-network.json');
 */
export function loadProfileFile(path: string): ProfileFile {
  return parseProfileFile(readJsonFile(path, 'give the path of a profile .json file or a profile name (default, harsh, swarm)'), path);
}

/** A `--profile` value that names a file rather than a registered profile. */
export function isProfilePath(value: string): boolean {
  return /[/\\]|\.json$/i.test(value);
}

/**
 * The profile a `--profile` value names: a registered name, or the path of a profile file (relative to cwd).
 * An unknown name is a ScenarioError with a suggestion.
 *
 * @example
 * resolveProfile('default', process.cwd()).name; // 'default'
 * resolveProfile('./my-profile.json', process.cwd()).generate(3);
 */
export function resolveProfile(value: string, cwd: string): FaultProfile {
  const named = Object.hasOwn(PROFILES, value) ? PROFILES[value] : undefined;
  if (named !== undefined) return named;
  const path = resolve(cwd, value);
  if (isProfilePath(value) || existsSync(path)) return profileFromData(loadProfileFile(path));
  const names = Object.keys(PROFILES);
  const guess = suggest(value, names);
  throw new ScenarioError('--profile', [`unknown profile "${value}"${guess === undefined ? '' : ` (did you mean "${guess}"?)`}; the profiles are ${names.join(', ')}, or give the path of a profile .json file`]);
}

