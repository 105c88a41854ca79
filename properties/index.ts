// The property registry: every checker by its kebab-case name, and checkOutcome, which runs them all over a
// finished run and returns the violations, safety first, then liveness. The CLI, explore, docs and tests read
// only this map; adding a checker means adding one file under checkers/ and one line here.
import type { Outcome } from '../model/world.ts';
import { atomicity } from './checkers/atomicity.ts';
import { dlq } from './checkers/dlq.ts';
import { halfInvisible } from './checkers/halfInvisible.ts';
import { lifecycle } from './checkers/lifecycle.ts';
import { liveness } from './checkers/liveness.ts';
import { moneyConserved } from './checkers/moneyConserved.ts';
import { noDoublePurchase } from './checkers/noDoublePurchase.ts';
import { noLoss } from './checkers/noLoss.ts';
import { tagRouting } from './checkers/tagRouting.ts';
import type { Checker, Violation } from './types.ts';

/** Every checker, by name. */
export const CHECKERS: Readonly<Record<string, Checker>> = Object.freeze({
  [atomicity.name]: atomicity,
  [noDoublePurchase.name]: noDoublePurchase,
  [halfInvisible.name]: halfInvisible,
  [noLoss.name]: noLoss,
  [dlq.name]: dlq,
  [moneyConserved.name]: moneyConserved,
  [tagRouting.name]: tagRouting,
  [lifecycle.name]: lifecycle,
  [liveness.name]: liveness,
});

/** The checker names, in registry order. */
export const CHECKER_NAMES: readonly string[] = Object.freeze(Object.keys(CHECKERS));

/**
 * Run every checker (or the named ones) over a finished run. Safety violations come first, then liveness; each
 * carries its class. Checkers never throw for a failing system; a throw here is a bug in a checker.
 *
 * @example
 * const violations = checkOutcome(runModel(spec));
 * if (violations.length > 0) console.log(violations[0]?.property, violations[0]?.detail);
 */
export function checkOutcome(outcome: Outcome, names: readonly string[] = CHECKER_NAMES): Violation[] {
  const safety: Violation[] = [];
  const live: Violation[] = [];
  for (const name of names) {
    const checker = CHECKERS[name];
    if (checker === undefined) throw new Error(`checkOutcome: no checker named '${name}' (known: ${CHECKER_NAMES.join(', ')})`);
    for (const v of checker.check(outcome)) (v.class === 'liveness' ? live : safety).push(v);
  }
  return [...safety, ...live];
}

/** A run's verdict: valid when nothing is violated, with safety and liveness reported apart. */
export interface Verdict {
  valid: boolean;
  safety: Violation[];
  liveness: Violation[];
}

/**
 * Split violations into the verdict map a report prints.
 *
 * @example
 * verdictOf(checkOutcome(outcome)); // { valid: true, safety: [], liveness: [] }
 */
export function verdictOf(violations: readonly Violation[]): Verdict {
  const safety = violations.filter((v) => v.class === 'safety');
  const live = violations.filter((v) => v.class === 'liveness');
  return { valid: violations.length === 0, safety, liveness: live };
}

/** One line per violation: `property [order] detail (evidence)`. */
export function formatViolation(v: Violation): string {
  const order = v.order === undefined ? '' : ` ${v.order}`;
  const evidence = v.evidence === undefined ? '' : ` (${v.evidence.join(', ')})`;
  return `${v.property}${order}: ${v.detail}${evidence}`;
}

export type { Checker, Violation, PropertyClass, FaultProfile, Mutant } from './types.ts';
