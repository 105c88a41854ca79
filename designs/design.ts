// The contract every distributed-transaction design meets so it can be measured side by side (issue 6): a
// design is a name, the row of the seed article's comparison table (section 2.3) it stands for, a statement of
// its coupling, and a `run` that plays one workload under one fault plan on the simulator and returns metrics.
// `run` must be deterministic: the same spec gives the same metrics and trace hash in any process.
import type { FaultPlan } from '../sim/faults.ts';
import type { StopReason } from '../sim/simulation.ts';

/** The article's rating words: 高 high, 较高 fairly high, 无 none. */
export type ArticleRating = '高' | '较高' | '无';

/** One discounted-purchase click: buy `amount` of MMF from the wallet, then the target fund with it. */
export interface DesignOrder {
  id: string;
  /** Simulated time of the click. */
  at: number;
  amount: number;
  /** The investor's wallet before the order (one investor per order, `inv-<id>`); short => the main tx fails. */
  walletBalance: number;
}

/** The three roles a comparison fault plan names; each design maps them onto its own nodes. */
export const ROLES = ['initiator', 'main', 'secondary'] as const;
export type Role = (typeof ROLES)[number];

/** One run of one design. */
export interface DesignRunSpec {
  seed: string | number;
  orders: DesignOrder[];
  /**
   * Random options plus a script. Script entries may name nodes by role (`initiator`, `main`, `secondary`),
   * which the design maps onto its nodes, or by a design's own node name (`business`, `coordinator`, ...).
   */
  faults: FaultPlan;
  /** Name of the fault profile the plan came from (carried into the metrics). */
  profile: string;
  /** Period of the reconciliation job, for designs that have one; default 60000, 0 switches it off. */
  reconcileIntervalMs?: number;
  /** Simulated time allowed after heal for the run to settle; default 600000. */
  settleMs?: number;
}

/** How one order ended. */
export interface OrderDetail {
  id: string;
  amount: number;
  /** The click reached a live entry node (false: refused every time, the node stayed down; nothing happened). */
  accepted: boolean;
  /** The main transaction is committed at the end. */
  mainCommitted: boolean;
  /** Target-fund purchases in force at the end (1 is right when the main tx committed, 0 otherwise). */
  targetPurchases: number;
  mainCommittedAtMs: number | null;
  targetBoughtAtMs: number | null;
  /** Longest stretch with main committed XOR target bought, or bought twice; an open window runs to the end. */
  longestWindowMs: number;
  /** The order was inconsistent for longer than the normal path (over 1 s) at some point and ended consistent. */
  healedLate: boolean;
  consistent: boolean;
}

/** What one run measured. */
export interface DesignMetrics {
  design: string;
  seed: string;
  profile: string;
  orders: number;
  /** Orders the wallet could pay for: the ones a design should complete. */
  payableOrders: number;
  /** Orders with main committed and the target bought exactly once at the end. */
  completedOrders: number;
  /** Clicks refused CLICK_ATTEMPTS times (the entry node stayed down). */
  rejectedOrders: number;
  /** Orders inconsistent at the end: main committed XOR target bought, or target bought more than once. */
  finalInconsistencies: number;
  /** Of those, orders whose target fund was bought more than once. */
  doublePurchases: number;
  /** Longest window of inconsistency of any order, in simulated ms (open windows counted to the end). */
  longestWindowMs: number;
  /** Sum over orders of their windows of inconsistency, in simulated ms. */
  inconsistencyMs: number;
  /** Orders inconsistent for over 1 s that ended consistent (see OrderDetail.healedLate). */
  healedLateOrders: number;
  /** Repairs a reconciliation job made (re-sends and compensations). */
  repairs: number;
  /** Database locks held, summed over resources and orders (XA's prepared branches). */
  locksHeldMs: number;
  /** Longest single lock: how long a participant was blocked waiting for a decision. */
  longestLockMs: number;
  /** Business reservations held (TCC's frozen funds), summed; they block nothing else but the reserved amount. */
  reservationsHeldMs: number;
  /** Network messages sent (requests, replies, retries, reconciliation) per order. */
  messagesPerOrder: number;
  /** Business-interface invocations on the services (including retries and idempotent repeats) per order. */
  callsPerOrder: number;
  /** Simulated time at the end of the run. */
  simulatedMs: number;
  /** The run reached quiescence after heal (everything consistent, nothing in flight or pending). */
  settled: boolean;
  stopReason: StopReason;
  /** Why the run did not settle, at its end (`business order o3 running`, `network: 2 messages in flight`); empty when it settled. */
  unsettled: string[];
  /** Some balance went negative (target bought with MMF that was never subscribed) at the end. */
  negativeBalances: number;
  traceHash: string;
  details: OrderDetail[];
}

/** How tightly the design ties the main and the secondary transaction together (the article's 解耦度). */
export interface Coupling {
  /** The design needs its own table inside the business database (the local message table's outbox). */
  sharedStorageWithBusinessDb: boolean;
  /** Business interfaces each service must expose for the design (TCC: try, confirm, cancel). */
  businessInterfacesPerService: number;
  /** The main transaction cannot commit unless the secondary service answers (synchronous protocols). */
  mainWaitsForSecondary: boolean;
  notes: string;
}

/**
 * One distributed-transaction design, runnable on the simulator.
 *
 * @example
 * import { getDesign } from './index.ts';
 * const m = getDesign('xa').run({ seed: 1, orders: [{ id: 'o1', at: 0, amount: 100, walletBalance: 500 }],
 *   faults: { options: NO_FAULTS, script: [] }, profile: 'none' });
 * m.finalInconsistencies; // 0
 */
export interface Design {
  /** Registry key, kebab-case. */
  readonly name: string;
  readonly title: string;
  /** The row of the article's table this design stands for, in the article's words (e.g. `本地消息表`). */
  readonly articleRow: string;
  /** The article's own ratings for that row. */
  readonly articleRatings: { decoupling: ArticleRating; consistency: ArticleRating };
  readonly coupling: Coupling;
  run(spec: DesignRunSpec): DesignMetrics;
}

/** The rows of the article's table (section 2.3), in its order; tables list designs in this order. */
export const ARTICLE_ROWS = ['普通消息+异步对账', '本地消息表', 'XA(2PC)', 'TCC', '事务消息'] as const;
