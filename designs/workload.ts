// The comparison's workload: 3 to 10 discounted-purchase clicks within the first `spanMs`, drawn from the
// `workload` fork of the run's seed, so every design sees the same orders. About 15% of investors have a
// wallet too short for their order: the main transaction must fail and nothing may be bought.
import type { Rng } from '../sim/rng.ts';
import type { DesignOrder } from './design.ts';

/** Bounds of a drawn workload. */
export interface WorkloadOptions {
  minOrders: number;
  maxOrders: number;
  /** Clicks fall in [0, spanMs]. */
  spanMs: number;
  /** Probability (per mille) that the wallet cannot pay for the order. */
  shortWalletPerMille: number;
}

/** The comparison's workload: 3-10 orders in 10 s, 15% short wallets. */
export const DEFAULT_WORKLOAD: Readonly<WorkloadOptions> = Object.freeze({ minOrders: 3, maxOrders: 10, spanMs: 10_000, shortWalletPerMille: 150 });

/**
 * Draw a workload. Orders are named o1..oN in draw order and returned sorted by time (then id).
 *
 * @example
 * const orders = generateWorkload(new Rng(7).fork('workload'));
 * orders.length; // between 3 and 10, the same for seed 7 in every process
 */
export function generateWorkload(rng: Rng, options: WorkloadOptions = DEFAULT_WORKLOAD): DesignOrder[] {
  const n = rng.int(options.minOrders, options.maxOrders);
  const orders: DesignOrder[] = [];
  for (let i = 1; i <= n; i++) {
    const at = rng.int(0, options.spanMs);
    const amount = rng.int(1, 50) * 100;
    const walletBalance = rng.chance(options.shortWalletPerMille) ? rng.int(0, amount - 1) : amount + rng.int(0, 50) * 100;
    orders.push({ id: `o${i}`, at, amount, walletBalance });
  }
  return orders.sort((a, b) => a.at - b.at || Number(a.id.slice(1)) - Number(b.id.slice(1)));
}
