// The parts of XState's StateNode graph the lean runtime reads, and the SCXML set arithmetic of a microstep
// (transition domain, exit set, entry set) for machines without parallel or history states. The graph itself is
// XState's: the lean runtime interprets `machine.root` as built by `createMachine`, it does not re-parse configs.
// Entry sets depend only on the transition, so they are computed once per transition and cached.

/** An action as it appears in a state node: a name, a function (custom or built-in), or `{ type, params }`. */
export type ActionRef = string | ((...args: never[]) => unknown) | { readonly type: string; readonly params?: unknown };

export type GuardRef = string | ((...args: never[]) => unknown) | { readonly type: string; readonly params?: unknown };

export interface Transition {
  readonly source: StateNode;
  readonly target?: readonly StateNode[];
  readonly actions: readonly ActionRef[];
  readonly guard?: GuardRef;
  readonly reenter?: boolean;
}

export interface InvokeDefinition {
  readonly id: string;
  readonly src: unknown;
  readonly input?: unknown;
  readonly systemId?: string;
  readonly onSnapshot?: unknown;
}

export interface StateNode {
  readonly key: string;
  readonly id: string;
  readonly type: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
  readonly order: number;
  readonly parent?: StateNode;
  readonly states: Readonly<Record<string, StateNode>>;
  readonly entry: readonly ActionRef[];
  readonly exit: readonly ActionRef[];
  readonly invoke: readonly InvokeDefinition[];
  readonly always?: readonly Transition[];
  readonly initial: { readonly target: readonly StateNode[]; readonly actions: readonly ActionRef[] };
  readonly output?: unknown;
  readonly config: { readonly after?: unknown };
  /** Transitions by event descriptor (`on`, `after`, done events), as XState formats them. */
  readonly transitions: ReadonlyMap<string, readonly Transition[]>;
  /** Memoized `after` transitions; reading it also appends their raise / cancel to entry / exit. */
  readonly after: readonly Transition[];
}

/** XState's matchesEventDescriptor: `*`, or a dotted prefix ending in `.*`. */
function matchesDescriptor(type: string, descriptor: string): boolean {
  if (descriptor === type || descriptor === '*') return true;
  if (!descriptor.endsWith('.*')) return false;
  const parts = descriptor.split('.');
  const typeParts = type.split('.');
  for (let i = 0; i < parts.length; i++) {
    if (parts[i] === '*') return i === parts.length - 1;
    if (parts[i] !== typeParts[i]) return false;
  }
  return false;
}

const candidateCache = new WeakMap<StateNode, Map<string, readonly Transition[]>>();

/** XState's getCandidates, cached per node and event type: exact matches, then wildcards, longest first. */
function candidates(node: StateNode, type: string): readonly Transition[] {
  let byType = candidateCache.get(node);
  if (byType === undefined) {
    byType = new Map();
    candidateCache.set(node, byType);
  }
  let found = byType.get(type);
  if (found === undefined) {
    const wildcards = [...node.transitions.keys()]
      .filter((d) => d !== type && matchesDescriptor(type, d))
      .sort((a, b) => b.length - a.length)
      .flatMap((d) => node.transitions.get(d) ?? []);
    found = [...(node.transitions.get(type) ?? []), ...wildcards];
    byType.set(type, found);
  }
  return found;
}

const pathCache = new WeakMap<StateNode, Map<string, readonly Transition[]>>();

/**
 * The candidates of every node from `leaf` up to the root, in the order XState's transitionNode tries them: the
 * first whose guard holds is the one taken. One lookup per event instead of two per level of the configuration.
 */
export function candidatesFrom(leaf: StateNode, type: string): readonly Transition[] {
  let byType = pathCache.get(leaf);
  if (byType === undefined) {
    byType = new Map();
    pathCache.set(leaf, byType);
  }
  let found = byType.get(type);
  if (found === undefined) {
    const path: Transition[] = [];
    for (let node: StateNode | undefined = leaf; node !== undefined; node = node.parent) path.push(...candidates(node, type));
    byType.set(type, (found = path));
  }
  return found;
}

export function isDescendant(child: StateNode, parent: StateNode): boolean {
  let marker = child.parent;
  while (marker !== undefined) {
    if (marker === parent) return true;
    marker = marker.parent;
  }
  return false;
}

function properAncestors(node: StateNode): StateNode[] {
  const ancestors: StateNode[] = [];
  for (let marker = node.parent; marker !== undefined; marker = marker.parent) ancestors.push(marker);
  return ancestors;
}

/** XState's getTransitionDomain; undefined only for a reentering transition of the root. */
function transitionDomain(t: Transition): StateNode | undefined {
  const targets = t.target ?? [];
  if (!t.reenter && targets.every((s) => s === t.source || isDescendant(s, t.source))) return t.source;
  const all = [...targets, t.source];
  const head = all[0] as StateNode;
  const tail = all.slice(1);
  for (const ancestor of properAncestors(head)) {
    if (tail.every((s) => isDescendant(s, ancestor))) return ancestor;
  }
  if (t.reenter) return undefined;
  let root = t.source;
  while (root.parent !== undefined) root = root.parent;
  return root;
}

export interface EntryPlan {
  /** States to enter, in document order. */
  readonly enter: readonly StateNode[];
  /** Of those, the ones entered by default (their `initial` actions run). */
  readonly defaultEntry: ReadonlySet<StateNode>;
  readonly domain: StateNode | undefined;
}

function addDescendants(node: StateNode, enter: Set<StateNode>, defaults: Set<StateNode>): void {
  if (node.type !== 'compound') return;
  const initial = node.initial.target[0] as StateNode;
  enter.add(initial);
  defaults.add(initial);
  addDescendants(initial, enter, defaults);
}

const plans = new WeakMap<Transition, EntryPlan>();

/** XState's computeEntrySet for one transition (no parallel or history states), cached. */
export function entryPlan(t: Transition): EntryPlan {
  const cached = plans.get(t);
  if (cached !== undefined) return cached;
  const domain = transitionDomain(t);
  const enter = new Set<StateNode>();
  const defaults = new Set<StateNode>();
  for (const s of t.target ?? []) {
    if (t.source !== s || t.source !== domain || t.reenter) {
      enter.add(s);
      defaults.add(s);
    }
    addDescendants(s, enter, defaults);
  }
  for (const s of t.target ?? []) {
    const reentrancyDomain = t.source.parent === undefined && t.reenter ? undefined : domain;
    for (const ancestor of properAncestors(s)) {
      if (ancestor === domain) break;
      if (reentrancyDomain === undefined || isDescendant(ancestor, reentrancyDomain)) enter.add(ancestor);
    }
  }
  const plan: EntryPlan = { enter: [...enter].sort((a, b) => a.order - b.order), defaultEntry: defaults, domain };
  plans.set(t, plan);
  return plan;
}

const initialPlans = new WeakMap<StateNode, EntryPlan>();

/** The root and its initial descendants: what the initial microstep enters (cached: an actor starts per order). */
export function initialPlan(root: StateNode): EntryPlan {
  const cached = initialPlans.get(root);
  if (cached !== undefined) return cached;
  const enter = new Set<StateNode>([root]);
  const defaults = new Set<StateNode>([root]);
  addDescendants(root, enter, defaults);
  const plan: EntryPlan = { enter: [...enter].sort((a, b) => a.order - b.order), defaultEntry: defaults, domain: undefined };
  initialPlans.set(root, plan);
  return plan;
}

/** Why the lean runtime cannot run a machine, or undefined when it can. */
export function unsupportedFeature(root: StateNode): string | undefined {
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop() as StateNode;
    if (node.type === 'parallel') return `parallel state ${node.id}`;
    if (node.type === 'history') return `history state ${node.id}`;
    // A final state below the root would raise done.state events of nested states, which this runtime skips.
    if (node.type === 'final' && node.parent?.parent !== undefined) return `nested final state ${node.id}`;
    if (node.parent === undefined && node.output !== undefined) return `machine output (${node.id})`;
    // Touch `after` so XState appends the delayed transitions' raise / cancel actions before anything runs.
    void node.after;
    stack.push(...Object.values(node.states));
  }
  return undefined;
}

/** The state value of an active configuration: XState's shape ({} for a machine without states). */
export function stateValue(root: StateNode, active: readonly StateNode[]): unknown {
  const value = (node: StateNode): unknown => {
    const child = active.find((s) => s.parent === node);
    if (child === undefined) return {};
    if (child.type !== 'compound') return child.key;
    return { [child.key]: value(child) };
  };
  return value(root);
}
