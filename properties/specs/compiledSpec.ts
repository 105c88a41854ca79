// A spec machine compiled once into a transition table, so feeding it a run's facts costs one array lookup per
// fact instead of an XState actor per message (createActor and its snapshots cost more than the run being
// judged). The table is read from the machine XState built (`machine.root`), never from a second description,
// so the drawn statechart, the coverage report and the judge are the same object. Specs are flat and guardless
// (every rule is a state or a transition); compileSpec refuses anything else by name.
import type { AnyStateMachine } from 'xstate';

/** One transition of a spec: `from --event--> to` (a targetless transition stays in `from`). */
export interface SpecTransition {
  readonly from: string;
  readonly event: string;
  readonly to: string;
}

/** A spec ready to step: states and events by index, and the next transition per (state, event). */
export interface CompiledSpec {
  /** The machine's id, e.g. `delivery`. */
  readonly name: string;
  readonly machine: AnyStateMachine;
  readonly states: readonly string[];
  readonly initial: number;
  /** Every event any state names: facts of other kinds are not this spec's events. */
  readonly events: ReadonlyMap<string, number>;
  readonly transitions: readonly SpecTransition[];
  /** The target state index of each transition. */
  readonly targets: Int32Array;
  /** Transition index per `state * events.size + event`, -1 where the state takes no such event. */
  readonly next: Int32Array;
}

interface FlatNode {
  readonly key: string;
  readonly states: Readonly<Record<string, FlatNode>>;
  readonly transitions: ReadonlyMap<string, ReadonlyArray<{ readonly target?: ReadonlyArray<{ readonly key: string }>; readonly guard?: unknown }>>;
  readonly initial?: { readonly target: ReadonlyArray<{ readonly key: string }> };
  readonly always?: readonly unknown[];
}

/**
 * Compile a flat, guardless spec machine.
 *
 * @example
 * const compiled = compileSpec(deliverySpec);
 * compiled.transitions[compiled.next[compiled.initial * compiled.events.size + (compiled.events.get('delivered') ?? 0)] ?? -1];
 */
export function compileSpec(machine: AnyStateMachine): CompiledSpec {
  const root = machine.root as unknown as FlatNode;
  const nodes = Object.values(root.states);
  const states = nodes.map((n) => n.key);
  const refuse = (what: string): never => {
    throw new Error(`compileSpec(${machine.id}): ${what}; a spec is flat and guardless`);
  };
  const events = new Map<string, number>();
  for (const node of nodes) {
    if (Object.keys(node.states).length > 0) refuse(`state '${node.key}' has child states`);
    if ((node.always?.length ?? 0) > 0) refuse(`state '${node.key}' has an eventless transition`);
    for (const event of node.transitions.keys()) if (!events.has(event)) events.set(event, events.size);
  }
  const next = new Int32Array(states.length * events.size).fill(-1);
  const transitions: SpecTransition[] = [];
  nodes.forEach((node, s) => {
    for (const [event, list] of node.transitions) {
      const [t, ...more] = list;
      if (t === undefined) continue;
      if (more.length > 0 || t.guard !== undefined) refuse(`state '${node.key}' has a guarded choice on '${event}'`);
      const to = t.target?.[0]?.key ?? node.key;
      next[s * events.size + (events.get(event) as number)] = transitions.length;
      transitions.push({ from: node.key, event, to });
    }
  });
  const targets = Int32Array.from(transitions, (t) => states.indexOf(t.to));
  const initialKey = root.initial?.target[0]?.key;
  const initial = initialKey === undefined ? -1 : states.indexOf(initialKey);
  if (initial < 0) refuse('no initial state');
  return { name: machine.id, machine, states, initial, events, transitions, targets, next };
}

/** `from --event--> to`, as the coverage report and the diagrams label a transition. */
export function transitionLabel(t: SpecTransition): string {
  return `${t.from} --${t.event}--> ${t.to}`;
}
