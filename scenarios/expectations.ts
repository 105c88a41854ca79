// Judges a finished scenario run: each expectation of the file becomes `{ what, met, actual }`, and the run is ok
// when every expectation is met and every property violation found is one the scenario expects (a design-limit
// scenario expects its violation; any other violation is a failure).
import type { Fact } from '../model/facts.ts';
import type { OrderSummary } from '../model/orderSummary.ts';
import type { Violation } from '../properties/types.ts';
import type { Expectation } from './format.ts';

/** One expectation, judged. `actual` says what the run did instead, when that helps. */
export interface ExpectationResult {
  what: string;
  met: boolean;
  actual?: string;
}

export interface ScenarioVerdict {
  expectations: ExpectationResult[];
  /** Violations no `violation` expectation accounts for. */
  unexpected: Violation[];
  ok: boolean;
}

const PER_ORDER = ['main', 'message', 'targetPurchases', 'deliveries', 'checks'] as const;

function matches(entry: Expectation, v: Violation): boolean {
  return v.property === entry.violation && (entry.order === undefined || v.order === entry.order);
}

/**
 * Judge a run against a scenario's expectations.
 *
 * @example
 * const { ok, expectations } = judgeScenario(scenario.expect ?? [], summarizeOrders(outcome), outcome.facts, violations);
 */
export function judgeScenario(
  expect: readonly Expectation[],
  orders: readonly OrderSummary[],
  facts: readonly Fact[],
  violations: readonly Violation[],
): ScenarioVerdict {
  const results: ExpectationResult[] = [];
  const byId = new Map(orders.map((o) => [o.id, o]));
  for (const entry of expect) {
    const summary = entry.order === undefined ? undefined : byId.get(entry.order);
    for (const field of PER_ORDER) {
      const want = entry[field];
      if (want === undefined) continue;
      const got = summary?.[field];
      results.push({ what: `${entry.order} ${field} = ${want}`, met: got === want, actual: String(got) });
    }
    if (entry.violation !== undefined) {
      const found = violations.filter((v) => matches(entry, v)).length;
      const what = `violation ${entry.violation}${entry.order === undefined ? '' : ` on ${entry.order}`}`;
      results.push({ what, met: found > 0, actual: found > 0 ? `${found} found` : 'not found' });
    }
    if (entry.alert !== undefined) {
      const found = facts.some((f) => f.kind === 'alert' && f.alert === entry.alert && (entry.order === undefined || f.order === entry.order));
      results.push({ what: `alert ${entry.alert}${entry.order === undefined ? '' : ` for ${entry.order}`}`, met: found, actual: found ? 'raised' : 'not raised' });
    }
    if (entry.noViolations === true) {
      results.push({ what: 'no property violations', met: violations.length === 0, actual: `${violations.length} violation(s)` });
    }
  }
  const expected = expect.filter((e) => e.violation !== undefined);
  const unexpected = violations.filter((v) => !expected.some((e) => matches(e, v)));
  return { expectations: results, unexpected, ok: results.every((r) => r.met) && unexpected.length === 0 };
}
