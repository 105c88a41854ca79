// The contract between the model's runs and everything that judges them: checkers, fault profiles, mutants.
import type { ModelConfig } from '../model/config.ts';
import type { RunSpec } from '../model/runSpec.ts';
import type { ModelMachines, Outcome } from '../model/world.ts';
import type { StepCrashRanges } from './profiles/stepCrashes.ts';

/** Safety: nothing bad ever happens. Liveness: something good eventually happens (after heal, within a bound). */
export type PropertyClass = 'safety' | 'liveness';

/** One broken guarantee, with the evidence a reader needs to see it. */
export interface Violation {
  /** Kebab-case checker name, e.g. `no-double-purchase`. */
  property: string;
  class: PropertyClass;
  order?: string;
  detail: string;
  /** Trace sequence numbers or simulated times that show it, when there are any. */
  evidence?: Array<number | string>;
}

/** A pure function over a finished run; it never throws for a failing system. */
export interface Checker {
  name: string;
  class: PropertyClass;
  description: string;
  check(outcome: Outcome): Violation[];
}

/** A named way to draw runs from a seed: the workload, config and fault plan it explores. */
export interface FaultProfile {
  name: string;
  description: string;
  /** True when the profile goes beyond the design's stated limits and is expected to find violations. */
  beyondDesign: boolean;
  /** The run for a simulator seed: a pure function of the seed. */
  generate(seed: number): RunSpec;
  /**
   * How crashes at the steps of users' machines restart in this profile's runs (profiles/stepCrashes.ts); absent:
   * as the default profile's consumer crashes.
   */
  stepCrashes?: StepCrashRanges;
}

/**
 * A deliberately broken variant of the model: some machines replaced by `.provide()` overrides of their named
 * actions, guards or child actors. The checkers must catch every mutant under the `default` profile.
 */
export interface Mutant {
  /** Kebab-case name, e.g. `consumer-not-idempotent`. */
  name: string;
  /** The bug in one sentence, and which checker is expected to see it. */
  description: string;
  /** Checkers expected to catch it: a caught run violates at least one of them. */
  caughtBy: readonly string[];
  /**
   * 2 when the bug shows only under two coincident faults (say a lost message and a crash): the mutant test
   * shrinks the first failure the default profile finds and checks that the minimal run still has two faults.
   */
  faultsNeeded?: 2;
  /**
   * Config the bug needs to show at all, applied over the default profile's draws by the mutant test (say a
   * producer option that makes the buggy path reachable); absent: the default profile as it is.
   */
  config?: Partial<ModelConfig>;
  machines: Partial<ModelMachines>;
}
