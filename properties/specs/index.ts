// The spec registry: every lifecycle spec by name, compiled once. The coverage report, the diagrams, the docs
// and the `lifecycle` checker read only this list; adding a spec means one machine file and one line here (and
// its routing in runSpecs.ts: which facts are its events and which instance a fact belongs to).
import { compileSpec, type CompiledSpec } from './compiledSpec.ts';
import { deliverySpec } from './delivery.ts';
import { transactionalMessageSpec } from './transactionalMessage.ts';

/** Every spec, compiled, by name (the machine's id). */
export const SPECS: Readonly<Record<string, CompiledSpec>> = Object.freeze(
  Object.fromEntries(
    [transactionalMessageSpec('faithful'), transactionalMessageSpec('idealized'), deliverySpec].map((m) => {
      const compiled = compileSpec(m);
      return [compiled.name, compiled];
    }),
  ),
);

/** The spec names, in registry order. */
export const SPEC_NAMES: readonly string[] = Object.freeze(Object.keys(SPECS));

export { compileSpec, transitionLabel, type CompiledSpec, type SpecTransition } from './compiledSpec.ts';
