// Alea, the generator behind every Rng (Johannes Baagøe's algorithm), computed exactly as the seedrandom package's
// `alea` computes it: the same double operations in the same order, so every stream is the same, draw for draw
// (test/sim/alea.test.ts holds it to seedrandom's). It exists for speed: seedrandom builds four closures and a
// fresh Mash closure per generator, and a run makes a handful of generators (its root and each concern's fork);
// seeding them cost 2% of a property run. Here a generator is one object and seeding is a loop over the seed.

const MASH_START = 0xefc8249d;
/** 2^-32 */
const TWO_TO_MINUS_32 = 2.3283064365386963e-10;

/** Baagøe's Mash: a hash of strings whose state carries from one call to the next. */
class Mash {
  private n = MASH_START;

  hash(data: string): number {
    let n = this.n;
    for (let i = 0; i < data.length; i++) {
      n += data.charCodeAt(i);
      let h = 0.02519603282416938 * n;
      n = h >>> 0;
      h -= n;
      h *= n;
      n = h >>> 0;
      h -= n;
      n += h * 0x100000000; // 2^32
    }
    this.n = n;
    return (n >>> 0) * TWO_TO_MINUS_32;
  }
}

/**
 * A seeded Alea generator: floats in [0, 1), the same sequence as `seedrandom.alea(seed)`.
 *
 * @example
 * const alea = new Alea('42/network');
 * alea.next(); // the first draw of seedrandom.alea('42/network')
 */
export class Alea {
  private c = 1;
  private s0: number;
  private s1: number;
  private s2: number;

  constructor(seed: string) {
    const mash = new Mash();
    this.s0 = mash.hash(' ');
    this.s1 = mash.hash(' ');
    this.s2 = mash.hash(' ');
    this.s0 -= mash.hash(seed);
    if (this.s0 < 0) this.s0 += 1;
    this.s1 -= mash.hash(seed);
    if (this.s1 < 0) this.s1 += 1;
    this.s2 -= mash.hash(seed);
    if (this.s2 < 0) this.s2 += 1;
  }

  next(): number {
    const t = 2091639 * this.s0 + this.c * TWO_TO_MINUS_32;
    this.s0 = this.s1;
    this.s1 = this.s2;
    return (this.s2 = t - (this.c = t | 0));
  }
}
