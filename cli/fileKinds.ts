// The JSON files txsim reads look alike (all JSON, all from txsim), and a user who hands one to the wrong command
// should hear which file it is and which command takes it, not a list of schema problems. Recognised by their
// marks: a replay file has `format: "txsim-replay/N"`, an explore summary has `exploration` and `failingSeeds`,
// a scenario file has `orders` and no `spec`.
import { shellQuote, UsageError } from './io.ts';

/** The kinds of txsim JSON files. */
export type TxsimFileKind = 'replay' | 'explore-summary' | 'scenario';

/** What a parsed JSON file looks like it is, or undefined. */
export function txsimFileKind(data: unknown): TxsimFileKind | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const fields = data as Record<string, unknown>;
  if (typeof fields.format === 'string' && fields.format.startsWith('txsim-replay/')) return 'replay';
  if ('exploration' in fields && 'failingSeeds' in fields) return 'explore-summary';
  if ('orders' in fields && !('spec' in fields) && !('format' in fields)) return 'scenario';
  return undefined;
}

const TAKEN_BY: Record<TxsimFileKind, { what: string; command: string }> = {
  replay: { what: 'a replay file (written by `txsim explore` for a failing run)', command: 'npx txsim replay' },
  'explore-summary': { what: 'an explore summary (`txsim explore --json`)', command: 'npx txsim merge' },
  scenario: { what: 'a scenario file', command: 'npx txsim run' },
};

/**
 * Refuse a file of another kind than `expected`, naming the command that takes it (exit 2).
 *
 * @example
 * expectFileKind(readJsonFile(path), 'scenario', 'lost.json', 'run');
 * // throws UsageError: lost.json is a replay file (...), not a scenario file; replay it with `npx txsim replay lost.json`
 */
export function expectFileKind(data: unknown, expected: TxsimFileKind, file: string): void {
  const kind = txsimFileKind(data);
  if (kind === undefined || kind === expected) return;
  const verb = kind === 'replay' ? 'replay it' : kind === 'scenario' ? 'run it' : 'merge it (with the other shards)';
  throw new UsageError(`${file} is ${TAKEN_BY[kind].what}, not ${TAKEN_BY[expected].what.replace(/ \(.*\)$/, '')}; ${verb} with \`${TAKEN_BY[kind].command} ${shellQuote(file)}\``);
}
