// `--shard i/n`: split an exploration's seeds [fromSeed, fromSeed + runs) into n contiguous parts, as
// `vitest --shard` splits the test files; shard i (1-based) runs part i only. Contiguous, not strided, so each
// shard is one seed range (`exploreSeeds` runs a range; a summary names it `seeds a..b`) and shards merge by
// concatenation in seed order. Part sizes differ by at most one seed; seeds are independent draws, so a
// contiguous part is as representative as a strided one.
// On a cluster engine the index comes from the environment instead (shardFromEnv): a Kubernetes Indexed Job
// gives each pod JOB_COMPLETION_INDEX (0-based), a CI matrix a variable of its own, so every pod or job runs the
// same command, `--shard-count n`, and the variable picks its part.
import { InvalidArgumentError } from 'commander';
import { UsageError } from './io.ts';

/** Shard `index` of `count` (1-based). */
export interface Shard {
  index: number;
  count: number;
}

/** Seeds fromSeed .. fromSeed + runs - 1. */
export interface SeedRange {
  fromSeed: number;
  runs: number;
}

/** The most shards an exploration may be split into. */
export const MAX_SHARDS = 10_000;

/**
 * A commander argParser for `--shard i/n`: 1 <= i <= n <= MAX_SHARDS, plain decimal digits.
 *
 * @example
 * shardArg('2/8'); // { index: 2, count: 8 }
 * shardArg('0/2'); // throws InvalidArgumentError
 */
export function shardArg(value: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(value);
  const index = Number(match?.[1] ?? NaN);
  const count = Number(match?.[2] ?? NaN);
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(count) || count < 1 || count > MAX_SHARDS || index < 1 || index > count) {
    throw new InvalidArgumentError(`It must be i/n with 1 <= i <= n <= ${MAX_SHARDS}, e.g. 2/8 for the second of eight shards.`);
  }
  return { index, count };
}

/**
 * The seeds of one shard: part `index` of `count` contiguous parts of `range`.
 *
 * @example
 * shardRange({ fromSeed: 1, runs: 10 }, { index: 2, count: 3 }); // { fromSeed: 4, runs: 3 }: seeds 4..6
 */
export function shardRange(range: SeedRange, shard: Shard): SeedRange {
  const start = Math.floor(((shard.index - 1) * range.runs) / shard.count);
  const end = Math.floor((shard.index * range.runs) / shard.count);
  return { fromSeed: range.fromSeed + start, runs: end - start };
}

/** `2/8` */
export function shardText(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}

/** The variable a Kubernetes Indexed Job sets in each pod: its completion index, 0 to completions - 1. */
export const K8S_INDEX_VARIABLE = 'JOB_COMPLETION_INDEX';

/** Where `--shard-count n` finds the shard index. */
export interface ShardIndexSource {
  count: number;
  /** The environment variable holding the index (default JOB_COMPLETION_INDEX). */
  variable: string;
  /** The index of the first shard in that variable: 0 (Kubernetes, GitHub matrices from 0) or 1 (GitLab CI_NODE_INDEX). */
  base: 0 | 1;
}

/**
 * The shard a process runs when its index comes from the environment; a missing or bad value is a UsageError
 * naming the variable and the fix.
 *
 * @example
 * shardFromEnv({ JOB_COMPLETION_INDEX: '2' }, { count: 8, variable: 'JOB_COMPLETION_INDEX', base: 0 }); // { index: 3, count: 8 }
 * shardFromEnv({ CI_NODE_INDEX: '2' }, { count: 8, variable: 'CI_NODE_INDEX', base: 1 }); // { index: 2, count: 8 }
 */
export function shardFromEnv(env: Readonly<Record<string, string | undefined>>, source: ShardIndexSource): Shard {
  const { count, variable, base } = source;
  const range = `${base} to ${count - 1 + base}`;
  const value = env[variable];
  if (value === undefined || value === '') {
    const other = variable === K8S_INDEX_VARIABLE ? '; in a CI matrix, name the variable with --shard-index-env (e.g. --shard-index-env CI_NODE_INDEX --shard-index-base 1)' : '';
    throw new UsageError(`--shard-count ${count} takes the shard index from $${variable}, which is not set; run it as a Kubernetes Indexed Job, set ${variable} to ${range}, or give --shard i/${count}${other}`);
  }
  const index = /^\d+$/.test(value.trim()) ? Number(value.trim()) : NaN;
  if (!Number.isSafeInteger(index) || index < base || index > count - 1 + base) {
    throw new UsageError(`$${variable} is ${JSON.stringify(value)}, but with --shard-count ${count} it must be a shard index from ${range}${base === 0 ? ' (0-based; --shard-index-base 1 for 1-based)' : ''}`);
  }
  return { index: index - base + 1, count };
}
