// The JSON run report: the contract of `--json` for `txsim run`, `txsim replay` and each `txsim explore` failure.
// Field names are fixed (users and tools depend on them); extra fields may be added, never renamed or removed.
import type { ModelConfig } from '../model/config.ts';
import { summarizeGroups, type GroupSummary } from '../model/groupSummary.ts';
import { summarizeOrders, type OrderSummary } from '../model/orderSummary.ts';
import type { Outcome } from '../model/world.ts';
import type { Violation } from '../properties/types.ts';
import type { ExpectationResult } from '../scenarios/expectations.ts';

/** One alert raised during the run (an `alert` fact). */
export interface ReportAlert {
  kind: 'dlq' | 'check-max';
  order: string;
  /** Simulated time of the alert. */
  t: number;
}

/** One violated property, with its evidence. */
export interface ReportViolation {
  property: string;
  order?: string;
  detail: string;
  class: 'safety' | 'liveness';
  evidence?: Array<number | string>;
}

export interface RunReport {
  /** Scenario name, or the profile's run name. */
  name: string;
  seed: number;
  /** No unexpected violation and every expectation met. */
  ok: boolean;
  /** sha256 hex of the trace: the same seed and spec give the same hash in any process. */
  traceHash: string;
  simTimeMs: number;
  events: number;
  orders: OrderSummary[];
  /** Orders in the target group's dead-letter queue at the end. */
  dlq: string[];
  /** Orders whose half message is parked in TRANS_CHECK_MAX_TIME_TOPIC at the end. */
  parked: string[];
  /** Per consumer group: its subscriptions, maxReconsumeTimes, and which committed orders ended consumed, in its DLQ, filtered or pending. */
  groups: GroupSummary[];
  alerts: ReportAlert[];
  violations: ReportViolation[];
  /** Scenarios only: each expectation, judged. */
  expectations?: ExpectationResult[];
  /** Explore and profile replays: the fault profile. */
  profile?: string;
  /** The one command line that reproduces this run. */
  replay: string;
  /** The settle phase reached quiescence before its bound. */
  settled: boolean;
  livelock: boolean;
  /** Why the run did not settle, at its end (`consumer-2 consuming o3`, `network: 3 messages in flight`); empty when it settled. */
  unsettled: string[];
  healedAtMs: number;
  config: ModelConfig;
  /** With --trace: the trace, one rendered line per event. */
  trace?: string[];
}

/**
 * Build the report of a finished, checked run.
 *
 * @example
 * const { outcome, violations } = runAndCheck(spec);
 * const report = buildRunReport({ outcome, violations, replay: 'npx txsim run happy-path --seed 1' });
 */
export function buildRunReport(input: {
  outcome: Outcome;
  violations: readonly Violation[];
  replay: string;
  orders?: OrderSummary[];
  expectations?: ExpectationResult[];
  /** Defaults to "no violations". */
  ok?: boolean;
  profile?: string;
  trace?: boolean;
}): RunReport {
  const { outcome } = input;
  const report: RunReport = {
    name: outcome.spec.name,
    seed: outcome.spec.seed,
    ok: input.ok ?? input.violations.length === 0,
    traceHash: outcome.traceHash,
    simTimeMs: outcome.simTimeMs,
    events: outcome.events,
    orders: input.orders ?? summarizeOrders(outcome),
    dlq: [...outcome.dlq],
    parked: [...outcome.parked],
    groups: summarizeGroups(outcome),
    alerts: outcome.facts.flatMap((f) => (f.kind === 'alert' ? [{ kind: f.alert, order: f.order, t: f.t }] : [])),
    violations: input.violations.map((v) => ({
      property: v.property,
      ...(v.order !== undefined ? { order: v.order } : {}),
      detail: v.detail,
      class: v.class,
      ...(v.evidence !== undefined ? { evidence: [...v.evidence] } : {}),
    })),
    ...(input.expectations !== undefined ? { expectations: input.expectations } : {}),
    ...(input.profile !== undefined ? { profile: input.profile } : {}),
    replay: input.replay,
    settled: outcome.settled,
    livelock: outcome.livelock,
    unsettled: [...outcome.unsettled],
    healedAtMs: outcome.healedAtMs,
    config: outcome.spec.config,
  };
  if (input.trace === true && outcome.trace.enabled) report.trace = outcome.trace.render().split('\n');
  return report;
}
