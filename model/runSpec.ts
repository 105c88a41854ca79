// What one run is: a seed, a config, the orders (the workload) and the fault plan. A scenario file, a named
// scenario, a fast-check arbitrary and an explore worker all produce a RunSpec; runModel turns it into an Outcome.
import type { AnyStateMachine } from 'xstate';
import type { FaultPlan } from '../sim/faults.ts';
import type { ModelConfig } from './config.ts';

/**
 * Users' machines filling a role (model/protocol.ts "Role calls"): the target-fund group's listener (`consumer`)
 * and the business system's TransactionListener (`producer`). A role left out runs txsim's own model.
 */
export interface UserRoles {
  consumer?: AnyStateMachine;
  producer?: AnyStateMachine;
}

/** What the local (main) transaction, or a check-back of it, answers (RocketMQ LocalTransactionState). */
export type LocalTxAnswer = 'commit' | 'rollback' | 'unknown' | 'throw';

/** One discounted-purchase order placed by an investor. */
export interface OrderSpec {
  id: string;
  /** Simulated time at which the client places the order. */
  at: number;
  /** Amount bought: wallet -> money-market fund (main), money-market fund -> target fund (secondary). */
  amount: number;
  /** The investor's wallet before the order; the main transaction fails when it is short. */
  walletBalance: number;
  /** Message tag (routes to the tag-matrix subscribers); undefined sends an untagged message. */
  tag?: string;
  /**
   * What executeLocalTransaction does: `commit` runs the main transaction (which rolls back by itself when the
   * wallet is short), `rollback` aborts it, `unknown` leaves it undecided, `throw` fails with an exception
   * (RocketMQ then sends UNKNOW).
   */
  localTx: LocalTxAnswer;
  /** What successive check-backs answer (then the durable record answers), as RocketMQ's own tests script it. */
  checkAnswers: LocalTxAnswer[];
  /** Duration of this order's main transaction; defaults to config.localTxMs. */
  localTxMs?: number;
  /** The target-fund consumer fails this many first attempts, or `always` (a poison message). */
  consumerFailures: number | 'always';
  /** Index (0-based) of the producer instance the client calls first; default: order index mod producers. */
  producer?: number;
  /**
   * The CHECK_IMMUNITY_TIME_IN_SECONDS user property of the half message: no check-back before this age (each round
   * meanwhile still burns a check count, apache/rocketmq#8311), and a producer's own commit or rollback arriving
   * later than max(this, transactionTimeOut) is rejected (604). Undefined: the property is not set.
   */
  checkImmunitySeconds?: number;
  /**
   * Per consumer group, the delay level its listener sets (delayLevelWhenNextConsume) on each failed attempt in turn:
   * 0 lets the broker decide (3 + reconsumeTimes), a positive level is used (clamped to the table), a negative one
   * sends the message straight to the DLQ. Attempts past the list use 0.
   */
  delayLevels?: Record<string, number[]>;
}

export interface RunSpec {
  name: string;
  seed: number;
  config: ModelConfig;
  orders: OrderSpec[];
  faults: FaultPlan;
  /** End of the faulty phase; defaults to the end of the fault script and the last order, whichever is later. */
  faultWindowMs?: number;
  /** Simulated time allowed after heal for every order to reach a terminal state (the liveness bound). */
  settleBoundMs?: number;
  /** Users' machines for the consumer and producer roles; absent: txsim's own. Machine objects (not data). */
  roles?: UserRoles;
}

/** Default values of an order's optional fields. */
export const ORDER_DEFAULTS = Object.freeze({
  at: 0,
  walletBalance: 10_000,
  localTx: 'commit' as LocalTxAnswer,
  consumerFailures: 0 as number | 'always',
});
