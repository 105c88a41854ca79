// Coverage of an exploration: how often its runs took each lifecycle-spec transition and entered each model
// state and took each model transition, with every one no run took listed at 0 (FoundationDB's code probes,
// for statecharts). A CoverageCounter is the lean runtime's probe during a run and sums the specs' counts after
// it; `toJSON` gives the `coverage` field of `txsim explore --json`, which `mergeCoverage` sums across shards and
// workers (counts only, so the merge is the same in any order).
import type { StateNode, Transition } from '../../sim/lean/stateNodes.ts';
import { withLeanProbe, type LeanProbe } from '../../sim/lean/probe.ts';
import { SPECS, transitionLabel } from '../specs/index.ts';
import type { SpecRun } from '../specs/runSpecs.ts';
import { modelCatalog, modelTransitionLabel } from './modelCatalog.ts';

/** Counts by label; every label the catalog knows is present, 0 when never taken. */
export type Counts = Record<string, number>;

/** The `coverage` field of the explore and merge JSON. */
export interface Coverage {
  /** Runs counted. */
  runs: number;
  /** Per spec (by name), times each transition (`from --event--> to`) was taken. */
  specs: Record<string, Counts>;
  /**
   * Model states entered and transitions taken (`source --event--> target`; `#k` numbers guarded alternatives);
   * null when the runs used XState's own interpreter, which has no probe.
   */
  model: { states: Counts; transitions: Counts } | null;
}

/** Taken / all, for the summary line and the bench. */
export interface CoverageTotals {
  specTransitions: { taken: number; all: number };
  modelStates: { taken: number; all: number } | null;
  modelTransitions: { taken: number; all: number } | null;
}

/**
 * Counts one exploration's runs: install it around each run with `observe`, then `addSpecRun` the run's specs.
 *
 * @example
 * const counter = new CoverageCounter();
 * const outcome = counter.observe(() => runModel(spec, { trace: false }));
 * counter.addSpecRun(specRunOf(outcome));
 * counter.toJSON().specs.delivery; // { 'ready --delivered--> delivered': 1, ... }
 */
export class CoverageCounter implements LeanProbe {
  runs = 0;
  private observed = false;
  private readonly transitions = new Map<Transition, number>();
  private readonly states = new Map<StateNode, number>();
  private readonly specTaken = new Map<string, Float64Array>();

  transition(t: Transition): void {
    this.transitions.set(t, (this.transitions.get(t) ?? 0) + 1);
  }

  enter(state: StateNode): void {
    this.states.set(state, (this.states.get(state) ?? 0) + 1);
  }

  /** Run `fn` (one model run) with this counter (or a probe that forwards to it) as the lean runtime's probe. */
  observe<T>(fn: () => T, probe: LeanProbe = this): T {
    this.observed = true;
    return withLeanProbe(probe, fn);
  }

  /** Count one run's spec transitions. */
  addSpecRun(run: SpecRun): void {
    this.runs++;
    for (const [name, taken] of Object.entries(run.taken)) {
      let sum = this.specTaken.get(name);
      if (sum === undefined) this.specTaken.set(name, (sum = new Float64Array(taken.length)));
      for (let i = 0; i < taken.length; i++) sum[i] = (sum[i] ?? 0) + (taken[i] ?? 0);
    }
  }

  toJSON(): Coverage {
    const specs: Record<string, Counts> = {};
    for (const spec of Object.values(SPECS)) {
      const sum = this.specTaken.get(spec.name);
      specs[spec.name] = Object.fromEntries(spec.transitions.map((t, i) => [transitionLabel(t), sum?.[i] ?? 0]));
    }
    if (!this.observed) return { runs: this.runs, specs, model: null };
    const states: Counts = {};
    const transitions: Counts = {};
    for (const m of modelCatalog()) {
      for (const s of m.states) states[s] = 0;
      for (const t of m.transitions) transitions[t.label] = 0;
    }
    // A user's or a mutant's machine may add labels the catalog lacks: they are counted too.
    for (const [s, n] of this.states) states[s.id] = (states[s.id] ?? 0) + n;
    for (const [t, n] of this.transitions) {
      const label = modelTransitionLabel(t);
      transitions[label] = (transitions[label] ?? 0) + n;
    }
    return { runs: this.runs, specs, model: { states, transitions } };
  }
}

function sumCounts(a: Counts, b: Counts): Counts {
  const out: Counts = { ...a };
  for (const [k, n] of Object.entries(b)) out[k] = (out[k] ?? 0) + n;
  return out;
}

/**
 * Sum two coverages (shards, workers, chunks). Model coverage stays null unless both observed it.
 *
 * @example
 * const whole = parts.reduce(mergeCoverage);
 */
export function mergeCoverage(a: Coverage, b: Coverage): Coverage {
  const specs: Record<string, Counts> = { ...a.specs };
  for (const [name, counts] of Object.entries(b.specs)) specs[name] = sumCounts(specs[name] ?? {}, counts);
  const model = a.model === null || b.model === null ? null : { states: sumCounts(a.model.states, b.model.states), transitions: sumCounts(a.model.transitions, b.model.transitions) };
  return { runs: a.runs + b.runs, specs, model };
}

const tally = (counts: Counts) => ({ taken: Object.values(counts).filter((n) => n > 0).length, all: Object.keys(counts).length });

/** Taken and total transitions and states. */
export function coverageTotals(coverage: Coverage): CoverageTotals {
  const spec = Object.values(coverage.specs).map(tally);
  return {
    specTransitions: { taken: spec.reduce((n, s) => n + s.taken, 0), all: spec.reduce((n, s) => n + s.all, 0) },
    modelStates: coverage.model === null ? null : tally(coverage.model.states),
    modelTransitions: coverage.model === null ? null : tally(coverage.model.transitions),
  };
}

/** Everything no run took: `spec: label` and `model: label`, spec transitions first. */
export function neverTaken(coverage: Coverage): string[] {
  const out: string[] = [];
  for (const [name, counts] of Object.entries(coverage.specs)) for (const [label, n] of Object.entries(counts)) if (n === 0) out.push(`${name}: ${label}`);
  if (coverage.model !== null) {
    for (const [state, n] of Object.entries(coverage.model.states)) if (n === 0) out.push(`model state ${state}`);
    for (const [label, n] of Object.entries(coverage.model.transitions)) if (n === 0) out.push(`model: ${label}`);
  }
  return out;
}

/**
 * The summary line: `spec transitions 31/33, model states 14/14, model transitions 40/41; never: ...`.
 *
 * @example
 * coverageLine(report.coverage, 3); // lists at most 3 never-taken items, then `(+N more; --json lists every count)`
 */
export function coverageLine(coverage: Coverage, listAtMost = 4): string {
  const { specTransitions, modelStates, modelTransitions } = coverageTotals(coverage);
  const parts = [`spec transitions ${specTransitions.taken}/${specTransitions.all}`];
  if (modelStates !== null && modelTransitions !== null) {
    parts.push(`model states ${modelStates.taken}/${modelStates.all}`, `model transitions ${modelTransitions.taken}/${modelTransitions.all}`);
  } else parts.push('model not observed (--runtime xstate)');
  const never = neverTaken(coverage);
  const more = never.length > listAtMost ? ` (+${never.length - listAtMost} more; --json lists every count)` : '';
  return `${parts.join(', ')}${never.length === 0 ? '' : `; never: ${never.slice(0, listAtMost).join('; ')}${more}`}`;
}
