// An optional observer of the lean runtime: told every transition a machine takes and every state it enters, in
// the order they happen. Coverage (properties/coverage/) installs one around a run to count which model states
// and transitions the run exercised. Off by default: the interpreter then pays one `undefined` test per microstep
// and per entered state. One probe at a time per thread; runs are synchronous, so `withLeanProbe` scopes it to
// exactly one run (or any synchronous call) and restores the previous one, even when the call throws.
import type { StateNode, Transition } from './stateNodes.ts';

/** What a probe is told. */
export interface LeanProbe {
  /** A transition was selected and taken (eventless ones included). */
  transition(t: Transition): void;
  /** A state node was entered (initial states at an actor's start included). */
  enter(state: StateNode): void;
}

/** The probe in force, read by the interpreter (a live binding: never reassign it outside this module). */
export let activeProbe: LeanProbe | undefined;

/**
 * Run `fn` with `probe` told of every transition and state entry the lean runtime makes meanwhile.
 *
 * @example
 * const seen = new Set<string>();
 * withLeanProbe({ transition: (t) => seen.add(t.source.id), enter: () => {} }, () => runModel(spec, { trace: false }));
 */
export function withLeanProbe<T>(probe: LeanProbe, fn: () => T): T {
  const previous = activeProbe;
  activeProbe = probe;
  try {
    return fn();
  } finally {
    activeProbe = previous;
  }
}
