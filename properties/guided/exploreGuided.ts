// Coverage-guided exploration: keep the runs that reached something new (a feature no earlier run had: a spec or
// model transition, or a hit-count bucket of one) and mutate their data - fault plans and workloads - to reach
// further, against the uniform random draws of a profile. It runs in generations of a fixed size: every run of a
// generation is drawn from the corpus as it stood when the generation began, from a PRNG named after (first
// seed, generation, slot), and the corpus grows only between generations, in slot order. So the runs and their
// order depend only on the first seed, the generation size and the run count - never on timing, and never on how
// many threads could run a generation (today one does: `txsim explore --guided` ignores --workers).
import type { RunSpec } from '../../model/runSpec.ts';
import type { Outcome } from '../../model/world.ts';
import type { Transition } from '../../sim/lean/stateNodes.ts';
import { Rng } from '../../sim/rng.ts';
import { CoverageCounter, type Coverage } from '../coverage/coverage.ts';
import { profileNamed } from '../profiles/index.ts';
import { resolveMutant, runAndCheck } from '../runAndCheck.ts';
import { specRunOf } from '../specs/runSpecs.ts';
import type { FaultProfile, Mutant, Violation } from '../types.ts';
import { runFeatures } from './features.ts';
import { mutateSpec } from './mutateSpec.ts';

/** Runs per generation unless told otherwise. */
export const DEFAULT_GENERATION = 50;
/** Per mille of a generation's slots (after the first generation) that draw a fresh profile seed, not a mutant. */
const FRESH_PER_MILLE = 250;

/** One guided run. */
export interface GuidedResult {
  /** 0-based position in the exploration. */
  index: number;
  generation: number;
  /** The profile seed of a fresh run; undefined for a mutant of a kept run. */
  seed: number | undefined;
  spec: RunSpec;
  outcome: Outcome;
  violations: Violation[];
  /** Features this run reached first (0 for a run that found nothing new). */
  novel: number;
}

export interface GuidedOptions {
  profile: string | FaultProfile;
  fromSeed: number;
  runs: number;
  /** Runs per generation (default DEFAULT_GENERATION). */
  generation?: number;
  mutant?: string | Mutant;
  /** Stop after this many failing runs. */
  maxFailures?: number;
  /** Give failing runs their trace (default true): they run again with it, which determinism makes the same run. */
  trace?: boolean;
  /** Called after every run, in run order. */
  onResult?: (result: GuidedResult) => void | Promise<void>;
}

export interface GuidedSummary {
  runs: number;
  /** Indexes of the failing runs. */
  failing: number[];
  corpus: number;
  features: number;
  coverage: Coverage;
}

/** The per-run probe: counts model transitions for this run's features and the exploration's coverage. */
class RunProbe {
  readonly counts = new Map<Transition, number>();
  constructor(private readonly total: CoverageCounter) {}
  transition(t: Transition): void {
    this.counts.set(t, (this.counts.get(t) ?? 0) + 1);
    this.total.transition(t);
  }
  enter(state: Parameters<CoverageCounter['enter']>[0]): void {
    this.total.enter(state);
  }
}

interface Slot {
  spec: RunSpec;
  seed: number | undefined;
}

/** A kept run and how many features it reached first: its weight when a base for a mutant is drawn. */
interface Kept {
  spec: RunSpec;
  novel: number;
}

/** A kept run drawn with probability proportional to what it reached first (AFL's favoured entries, roughly). */
function pickWeighted(corpus: readonly Kept[], weight: number, rng: Rng): RunSpec {
  let left = rng.int(0, weight - 1);
  for (const entry of corpus) {
    left -= entry.novel;
    if (left < 0) return entry.spec;
  }
  return (corpus[corpus.length - 1] as Kept).spec;
}

function drawSlot(profile: FaultProfile, corpus: readonly Kept[], weight: number, rng: Rng, nextSeed: () => number, name: string): Slot {
  if (corpus.length === 0 || rng.chance(FRESH_PER_MILLE)) {
    const seed = nextSeed();
    return { spec: profile.generate(seed), seed };
  }
  return { spec: mutateSpec(pickWeighted(corpus, weight, rng), rng.pick(corpus).spec, rng, name), seed: undefined };
}

/**
 * Explore with coverage guidance.
 *
 * @example
 * const summary = await exploreGuided({ profile: 'default', fromSeed: 1, runs: 1000 });
 * summary.coverage; // as ExploreSummary.coverage
 */
export async function exploreGuided(options: GuidedOptions): Promise<GuidedSummary> {
  const profile = typeof options.profile === 'string' ? profileNamed(options.profile) : options.profile;
  const mutant = options.mutant === undefined ? undefined : resolveMutant(options.mutant);
  const size = options.generation ?? DEFAULT_GENERATION;
  if (!Number.isSafeInteger(size) || size < 1) throw new Error(`exploreGuided: generation must be a positive integer (got ${size})`);
  const total = new CoverageCounter();
  const corpus: Kept[] = [];
  let weight = 0;
  const seen = new Set<string>();
  const failing: number[] = [];
  let seed = options.fromSeed;
  const nextSeed = (): number => seed++;
  let index = 0;
  for (let generation = 0; index < options.runs; generation++) {
    const slots: Slot[] = [];
    for (let slot = 0; slot < size && index + slot < options.runs; slot++) {
      const rng = new Rng(`guided:${options.fromSeed}:${generation}:${slot}`);
      slots.push(drawSlot(profile, corpus, weight, rng, nextSeed, `guided:${options.fromSeed}#${generation}.${slot}`));
    }
    const kept: Kept[] = [];
    for (const { spec, seed: fresh } of slots) {
      const probe = new RunProbe(total);
      const run = { trace: false, ...(mutant === undefined ? {} : { mutant }) };
      let { outcome, violations } = total.observe(() => runAndCheck(spec, run), probe);
      const specs = specRunOf(outcome);
      total.addSpecRun(specs);
      let novel = 0;
      for (const feature of runFeatures(specs, probe.counts)) {
        if (seen.has(feature)) continue;
        seen.add(feature);
        novel++;
      }
      if (novel > 0) kept.push({ spec, novel });
      if (violations.length > 0) {
        failing.push(index);
        if (options.trace ?? true) ({ outcome, violations } = runAndCheck(spec, { ...run, trace: true }));
      }
      await options.onResult?.({ index, generation, seed: fresh, spec, outcome, violations, novel });
      index++;
      if (options.maxFailures !== undefined && failing.length >= options.maxFailures) return { runs: index, failing, corpus: corpus.length, features: seen.size, coverage: total.toJSON() };
    }
    corpus.push(...kept);
    weight += kept.reduce((n, k) => n + k.novel, 0);
  }
  return { runs: index, failing, corpus: corpus.length, features: seen.size, coverage: total.toJSON() };
}
