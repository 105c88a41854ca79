// The one source of randomness. Every draw in a run comes from an Rng seeded by the run's seed; each concern
// (network, faults, workload, ...) takes its own fork so that adding a draw in one never shifts another.
import seedrandom from 'seedrandom';

/**
 * A seeded pseudo-random generator (Alea) with named forks.
 *
 * @example
 * const root = new Rng(42);
 * const net = root.fork('network');
 * net.int(1, 5); // same value for seed 42 in every process
 */
export class Rng {
  readonly seed: string;
  private readonly prng: () => number;

  constructor(seed: string | number) {
    this.seed = String(seed);
    this.prng = seedrandom.alea(this.seed);
  }

  /** A generator for one concern; its stream depends only on the root seed and the name. */
  fork(name: string): Rng {
    return new Rng(`${this.seed}/${name}`);
  }

  /** A float in [0, 1). */
  next(): number {
    return this.prng();
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    if (max < min) throw new Error(`Rng.int: max ${max} < min ${min}`);
    return min + Math.floor(this.prng() * (max - min + 1));
  }

  /** True with probability perMille / 1000; draws nothing when perMille is 0, so an off fault costs no draw. */
  chance(perMille: number): boolean {
    if (perMille <= 0) return false;
    return this.prng() * 1000 < perMille;
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Rng.pick: empty list');
    return items[this.int(0, items.length - 1)] as T;
  }
}
