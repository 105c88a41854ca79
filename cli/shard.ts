// `--shard i/n`: split an exploration's seeds [fromSeed, fromSeed + runs) into n contiguous parts, as
// `vitest --shard` splits the test files; shard i (1-based) runs part i only. Contiguous, not strided, so each
// shard is one seed range (`exploreSeeds` runs a range; a summary names it `seeds a..b`) and shards merge by
// concatenation in seed order. Part sizes differ by at most one seed; seeds are independent draws, so a
// contiguous part is as representative as a strided one.
import { InvalidArgumentError } from 'commander';

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
