// Feed a finished run's facts to the lifecycle specs: one spec instance per transactional message (order,
// transaction id, broker) and per delivery (order, consumer group), each a state index stepped through its
// compiled table. Returns the `lifecycle` violations (an event with no transition from the instance's state,
// with the evidence) and how often each spec transition was taken (the coverage). Computed once per outcome,
// like the checkers' history index. Cheap on purpose, since it judges every explored run: no key strings, a
// handful of instances per order found by a short scan.
import type { Fact } from '../../model/facts.ts';
import type { Outcome } from '../../model/world.ts';
import type { Violation } from '../types.ts';
import { SPECS, type CompiledSpec } from './index.ts';

/** What the specs saw in one run. */
export interface SpecRun {
  readonly violations: readonly Violation[];
  /** Times each transition was taken, by spec name, indexed like the spec's `transitions`. */
  readonly taken: Readonly<Record<string, Uint32Array>>;
}

interface Instance {
  readonly spec: CompiledSpec;
  /** The broker of a message, the consumer group of a delivery. */
  readonly where: string;
  /** The transaction id of a message ('' for a delivery, or for a resume that found no message). */
  readonly txId: string;
  state: number;
  lastT: number | undefined;
}

type MessageFact = Extract<Fact, { kind: 'half-stored' | 'check-sent' | 'committed' | 'rolled-back' | 'parked' | 'resumed' }>;
type DeliveryFact = Extract<Fact, { kind: 'delivered' | 'filtered' | 'consumed' | 'consume-failed' | 'retry-scheduled' | 'dlq' | 'redriven' }>;

const MESSAGE_EVENTS = ['half-stored', 'check-sent', 'committed', 'rolled-back', 'parked', 'resumed'];
const DELIVERY_EVENTS = ['delivered', 'filtered', 'consumed', 'consume-failed', 'retry-scheduled', 'dlq', 'redriven'];
/** Which spec a fact kind feeds: one lookup per fact (most facts feed neither). */
const SPEC_OF_KIND: ReadonlyMap<string, 'message' | 'delivery'> = new Map([
  ...MESSAGE_EVENTS.map((kind) => [kind, 'message'] as const),
  ...DELIVERY_EVENTS.map((kind) => [kind, 'delivery'] as const),
]);

let cached: { outcome: Outcome; run: SpecRun } | undefined;

/**
 * Run every spec over a finished run (memoized for the last outcome).
 *
 * @example
 * const { violations, taken } = specRunOf(runModel(spec, { trace: false }));
 */
export function specRunOf(outcome: Outcome): SpecRun {
  if (cached?.outcome !== outcome) cached = { outcome, run: runSpecs(outcome.facts, outcome.spec.config.transactionCenter) };
  return cached.run;
}

/** Run the specs over a fact history (pure; `specRunOf` memoizes it per outcome). */
export function runSpecs(facts: readonly Fact[], mode: 'faithful' | 'idealized'): SpecRun {
  const message = SPECS[`transactional-message-${mode}`] as CompiledSpec;
  const delivery = SPECS.delivery as CompiledSpec;
  const messageTaken = new Uint32Array(message.transitions.length);
  const deliveryTaken = new Uint32Array(delivery.transitions.length);
  const violations: Violation[] = [];
  const byOrder = new Map<string, Instance[]>();
  const find = (list: Instance[], spec: CompiledSpec, where: string, txId: string): Instance => {
    for (const i of list) if (i.spec === spec && i.where === where && i.txId === txId) return i;
    const created: Instance = { spec, where, txId, state: spec.initial, lastT: undefined };
    list.push(created);
    return created;
  };
  const step = (i: Instance, f: MessageFact | DeliveryFact, counts: Uint32Array): void => {
    const spec = i.spec;
    const t = spec.next[i.state * spec.events.size + (spec.events.get(f.kind) as number)] ?? -1;
    if (t >= 0) {
      counts[t] = (counts[t] ?? 0) + 1;
      i.state = spec.targets[t] ?? i.state;
    } else {
      const label = spec === delivery ? `${f.order} in ${i.where}` : `${f.order}${i.txId === '' ? '' : ` ${i.txId}`} on ${i.where}`;
      const since = i.lastT === undefined ? '' : ` (its previous event at t=${i.lastT})`;
      const detail = `${spec.name} ${label}: '${f.kind}' at t=${f.t} has no transition from '${spec.states[i.state]}'${since}`;
      const evidence = i.lastT === undefined ? [`t=${f.t}`] : [`t=${i.lastT}`, `t=${f.t}`];
      violations.push({ property: 'lifecycle', class: 'safety', order: f.order, detail, evidence });
    }
    i.lastT = f.t;
  };
  for (const fact of facts) {
    const feeds = SPEC_OF_KIND.get(fact.kind);
    if (feeds === undefined) continue;
    const f = fact as MessageFact | DeliveryFact;
    let list = byOrder.get(f.order);
    if (list === undefined) byOrder.set(f.order, (list = []));
    if (feeds === 'delivery') step(find(list, delivery, (f as DeliveryFact).group, ''), f, deliveryTaken);
    else if (f.kind !== 'resumed') step(find(list, message, f.node, (f as MessageFact & { txId: string }).txId), f, messageTaken);
    else for (const i of resumeTargets(list, message, f.node)) step(i, f, messageTaken);
  }
  return { violations, taken: { [message.name]: messageTaken, [delivery.name]: deliveryTaken } };
}

/**
 * A resume names no transaction id: it resumes what is parked on that broker, else (a parked copy of a message
 * already resumed or resolved) the message seen last there, else nothing: a fresh instance, which no state lets
 * resume.
 */
function resumeTargets(list: Instance[], message: CompiledSpec, broker: string): Instance[] {
  const there = list.filter((i) => i.spec === message && i.where === broker);
  const parked = there.filter((i) => message.states[i.state] === 'parked');
  if (parked.length > 0) return parked;
  const last = there[there.length - 1];
  if (last !== undefined) return [last];
  const fresh: Instance = { spec: message, where: broker, txId: '', state: message.initial, lastT: undefined };
  list.push(fresh);
  return [fresh];
}
