// Turns zod issues into one line per problem: the JSON path, what the value must be, what it was, and the fix,
// e.g. `orders[0].amount: must be a positive number (got -5)`. Used for scenario files and replay files alike.
import type { z } from 'zod';

type Issue = z.core.$ZodIssue;
type RawIssue = z.core.$ZodRawIssue;

/** `orders[0].amount` for the path ['orders', 0, 'amount']; `(top level)` for []. */
export function jsonPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out === '' ? '(top level)' : out;
}

/** Invisible and look-alike space characters (BOM, zero-width, no-break spaces) written as \uXXXX escapes. */
function visible(text: string): string {
  return text.replace(/[\u00A0\u200B-\u200F\u2028\u2029\u2060\uFEFF]/g, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

/** A short rendering of a value for `(got ...)`. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return visible(JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value));
  if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : `an array of ${value.length}`;
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

const TYPE_NAMES: Record<string, string> = {
  object: 'an object',
  array: 'an array',
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
  int: 'an integer',
  null: 'null',
};

/** Edit distance, for "did you mean" suggestions on misspelt field names. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j] as number;
      const cost = a[i - 1]?.toLowerCase() === b[j - 1]?.toLowerCase() ? 0 : 1;
      row[j] = Math.min((row[j] as number) + 1, (row[j - 1] as number) + 1, prev + cost);
      prev = tmp;
    }
  }
  return row[b.length] as number;
}

/** The closest name to `name` among `known`, if it is close enough to be a likely typo. */
export function suggest(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = distance(name, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

/**
 * The per-parse zod error map: messages for the issues whose schema carries no message of its own (unknown
 * fields, missing objects, union mismatches). Pass it as `{ error: txsimErrorMap, reportInput: true }`.
 */
export function txsimErrorMap(issue: RawIssue): string | undefined {
  switch (issue.code) {
    case 'unrecognized_keys': {
      const inst = issue.inst as { shape?: Record<string, unknown> } | undefined;
      const known = Object.keys(inst?.shape ?? {});
      const parts = issue.keys.map((key) => {
        const guess = suggest(key, known);
        return `${visible(JSON.stringify(key))}${guess === undefined ? '' : ` (did you mean "${guess}"?)`}`;
      });
      const noun = issue.keys.length === 1 ? 'unknown field' : 'unknown fields';
      return `${noun} ${parts.join(', ')}: remove or rename it; the fields here are ${known.join(', ')}`;
    }
    case 'invalid_type':
      return `must be ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'invalid_union':
      if ('discriminator' in issue || issue.note === 'No matching discriminator') {
        const options = (issue as { options?: unknown[] }).options ?? [];
        return `must be one of ${options.map((o) => JSON.stringify(o)).join(', ')}`;
      }
      return undefined;
    case 'invalid_value':
      return `must be ${issue.values.length === 1 ? JSON.stringify(issue.values[0]) : `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`}`;
    case 'too_small':
      return issue.origin === 'array' ? `must have at least ${String(issue.minimum)} item(s)` : undefined;
    case 'too_big':
      return issue.origin === 'array' ? `must have at most ${String(issue.maximum)} item(s)` : undefined;
    default:
      return undefined;
  }
}

/** ` (did you mean "rollback"?)` for a near miss of an enum value (`"rolback"`), else ''. */
function enumGuess(issue: Issue, input: unknown): string {
  if (typeof input !== 'string' || input.length < 3) return '';
  // A discriminated union (a fault's "type") lists its values as options.
  const values = issue.code === 'invalid_value' ? issue.values : issue.code === 'invalid_union' ? ((issue as { options?: unknown[] }).options ?? []) : [];
  const guess = suggest(input, values.filter((v): v is string => typeof v === 'string'));
  return guess === undefined ? '' : ` (did you mean "${guess}"?)`;
}

/** One line per issue: `path: message (got value)`, or `path: missing; message` for an absent required field. */
export function formatIssues(issues: readonly Issue[]): string[] {
  const lines: string[] = [];
  for (const issue of issues) {
    // A plain union without a message of its own: report the branch that came closest.
    if (issue.code === 'invalid_union' && issue.errors.length > 0 && !('discriminator' in issue) && issue.message === 'Invalid input') {
      const best = [...issue.errors].sort((a, b) => a.length - b.length)[0] ?? [];
      lines.push(...formatIssues(best.map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] }))));
      continue;
    }
    const path = jsonPath(issue.path);
    let input = (issue as { input?: unknown }).input;
    if (issue.code === 'invalid_union' && 'discriminator' in issue && typeof input === 'object' && input !== null) {
      // The discriminator issue carries the whole object; show the bad discriminator value itself.
      input = (input as Record<string, unknown>)[String(issue.path.at(-1) ?? '')];
    }
    if (issue.code === 'unrecognized_keys') lines.push(`${path}: ${issue.message}`);
    else if (input === undefined) lines.push(`${path}: is missing; it ${issue.message}`);
    else lines.push(`${path}: ${issue.message} (got ${show(input)})${enumGuess(issue, input)}`);
  }
  return lines;
}
