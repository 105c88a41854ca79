// The model's machines as a catalog of states and transitions with stable, readable labels: what coverage counts
// against (so a state or transition no run took still shows, with 0) and what the coverage diagrams draw. Read
// from the machine objects XState built, children (invoked machines) included; a `.provide()` variant (a mutant)
// has the same labels as its original, so their counts merge.
import type { AnyStateMachine } from 'xstate';
import type { StateNode, Transition } from '../../sim/lean/stateNodes.ts';
import { MODEL_MACHINES } from '../../model/world.ts';

/** One machine's states (ids) and transitions (labels), in document order. */
export interface MachineCatalog {
  readonly machine: string;
  readonly states: readonly string[];
  /** The state the machine starts in (below its root), when it has child states. */
  readonly initial: string | undefined;
  readonly transitions: ReadonlyArray<{ readonly label: string; readonly from: string; readonly event: string; readonly to: string }>;
}

const labels = new WeakMap<Transition, string>();

/** `after sendTimeout` for XState's `xstate.after.sendTimeout.<state id>`, `always` for an eventless one. */
function eventName(descriptor: string): string {
  if (descriptor === '') return 'always';
  const after = /^xstate\.after\.([^.]+)\./.exec(descriptor);
  return after === null ? descriptor : `after ${after[1]}`;
}

function guardName(guard: unknown): string {
  if (guard === undefined) return '';
  if (typeof guard === 'string') return ` [${guard}]`;
  if (typeof guard === 'object' && guard !== null && 'type' in guard) return ` [${String(guard.type)}]`;
  return ' [guard]';
}

interface Parts {
  from: string;
  event: string;
  to: string;
}

function partsOf(t: Transition): Parts {
  const descriptor = (t as Transition & { eventType?: string }).eventType ?? '';
  const list = descriptor === '' ? (t.source.always ?? []) : (t.source.transitions.get(descriptor) ?? []);
  const alternative = list.length > 1 ? `#${list.indexOf(t) + 1}` : '';
  const to = t.target !== undefined && t.target.length > 0 ? t.target.map((s) => s.id).join(',') : t.source.id;
  return { from: t.source.id, event: `${eventName(descriptor)}${guardName(t.guard)}${alternative}`, to };
}

/**
 * The label of a model transition: `localTransaction.sendingHalf --after sendTimeout [canRetry]#1--> localTransaction.sendingHalf`.
 *
 * @example
 * modelTransitionLabel(t); // 'broker --prepare--> broker' for a targetless transition
 */
export function modelTransitionLabel(t: Transition): string {
  let label = labels.get(t);
  if (label === undefined) {
    const { from, event, to } = partsOf(t);
    label = `${from} --${event}--> ${to}`;
    labels.set(t, label);
  }
  return label;
}

function nodesOf(root: StateNode): StateNode[] {
  const out: StateNode[] = [];
  const visit = (n: StateNode): void => {
    out.push(n);
    for (const child of Object.values(n.states)) visit(child);
  };
  visit(root);
  return out;
}

function catalogOf(machine: AnyStateMachine): MachineCatalog {
  const nodes = nodesOf(machine.root as unknown as StateNode);
  const transitions = nodes.flatMap((n) => [...[...n.transitions.values()].flat(), ...(n.always ?? [])]).map((t) => ({ label: modelTransitionLabel(t), ...partsOf(t) }));
  const initial = (machine.root as unknown as StateNode).initial?.target[0]?.id;
  return { machine: machine.id, states: nodes.map((n) => n.id), initial, transitions };
}

/**
 * Every machine the model runs, its invoked children after it, each once.
 *
 * @example
 * modelCatalog().map((m) => m.machine); // ['businessSystem', 'localTransaction', 'broker', 'transactionCenter', 'consumer', 'operator']
 */
export function modelCatalog(machines: readonly AnyStateMachine[] = Object.values(MODEL_MACHINES)): MachineCatalog[] {
  const seen = new Set<string>();
  const out: MachineCatalog[] = [];
  const add = (m: AnyStateMachine): void => {
    if (seen.has(m.id)) return;
    seen.add(m.id);
    out.push(catalogOf(m));
    for (const child of Object.values(m.implementations.actors)) if (typeof child === 'object' && child !== null && 'root' in child) add(child as AnyStateMachine);
  };
  for (const m of machines) add(m);
  return out;
}
