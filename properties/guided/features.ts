// What counts as "something new" in guided exploration, as in AFL: each spec transition and each model transition
// a run took, with its hit count rounded to a bucket (1, 2, 3, 4-7, 8-15, 16-31, 32-127, 128+), so a run that takes
// a known transition far more often than any before is new too. Features are plain strings, compared exactly.
import type { Transition } from '../../sim/lean/stateNodes.ts';
import { modelTransitionLabel } from '../coverage/modelCatalog.ts';
import type { SpecRun } from '../specs/runSpecs.ts';

function bucket(n: number): number {
  if (n <= 3) return n;
  if (n < 8) return 4;
  if (n < 16) return 8;
  if (n < 32) return 16;
  return n < 128 ? 32 : 128;
}

/**
 * The features of one run: `spec-name#transition:bucket` and `model-label:bucket`.
 *
 * @example
 * runFeatures(specRunOf(outcome), probe.counts); // ['delivery#0:1', 'broker --prepare--> broker:4', ...]
 */
export function runFeatures(specs: SpecRun, model: ReadonlyMap<Transition, number>): string[] {
  const out: string[] = [];
  for (const [name, taken] of Object.entries(specs.taken)) taken.forEach((n, i) => n > 0 && out.push(`${name}#${i}:${bucket(n)}`));
  for (const [t, n] of model) out.push(`${modelTransitionLabel(t)}:${bucket(n)}`);
  return out;
}
