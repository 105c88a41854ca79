// Each model machine's statechart as a Mermaid stateDiagram, generated from the machine definition (XState's
// state-node graph: states, `on`, `after`, `always`, guards, actions, invoked children), never drawn by hand.
// docs/model.md carries the diagrams between markers; test/model/statecharts.test.ts keeps them equal to what this
// generates, and `npm run statecharts` rewrites them. A targetless transition (the machine stays where it is and
// only acts) is written inside its state as `event / actions`, UML's internal transition (Mermaid draws several
// self-loops of one state on top of each other); effects are not drawn (they are data the actions decide). A machine
// of several states is drawn inside a box named after it, with what it handles in every state in a note beside it.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AnyStateMachine } from 'xstate';
import { brokerMachine } from './broker.ts';
import { businessSystemMachine } from './businessSystem.ts';
import { consumerMachine } from './consumer.ts';
import { interventionMachine } from './intervention.ts';
import { localTransactionMachine } from './localTransaction.ts';
import { operatorMachine } from './operator.ts';
import { transactionCenterMachine } from './transactionCenter.ts';

/** The part of XState's StateNode this reads (public fields of `machine.root`). */
interface ChartNode {
  readonly key: string;
  readonly type: string;
  readonly states: Readonly<Record<string, ChartNode>>;
  readonly initial?: { readonly target: readonly ChartNode[] };
  readonly transitions: ReadonlyMap<string, readonly ChartTransition[]>;
  readonly always?: readonly ChartTransition[];
  readonly entry: readonly unknown[];
  readonly invoke: ReadonlyArray<{ readonly id: string; readonly src: unknown }>;
}

interface ChartTransition {
  readonly eventType: string;
  readonly target?: readonly ChartNode[];
  readonly guard?: unknown;
  readonly actions: readonly unknown[];
}

/** The machines whose statecharts docs/model.md shows, in the order it shows them. */
export const CHARTED_MACHINES: ReadonlyArray<{ readonly title: string; readonly machine: AnyStateMachine }> = [
  { title: 'businessSystem (one producer instance)', machine: businessSystemMachine },
  { title: 'localTransaction (one order inside a producer)', machine: localTransactionMachine },
  { title: 'broker', machine: brokerMachine },
  { title: 'transactionCenter (child of a broker)', machine: transactionCenterMachine },
  { title: 'consumer (one consumer instance)', machine: consumerMachine },
  { title: 'operator', machine: operatorMachine },
  { title: 'intervention (one alert the operator acts on, a child of the operator)', machine: interventionMachine },
];

function nameOf(item: unknown): string {
  if (typeof item === 'string') return item;
  if (typeof item === 'function') return (item as { type?: string }).type?.replace(/^xstate\./, '') ?? 'inline';
  if (typeof item === 'object' && item !== null && 'type' in item) return String((item as { type: unknown }).type).replace(/^xstate\./, '');
  return 'inline';
}

function eventLabel(eventType: string): string {
  const after = /^xstate\.after\.([^.]+)\./.exec(eventType);
  if (after !== null) return `after ${after[1]}`;
  if (eventType.startsWith('xstate.done.actor.')) return 'child done';
  return eventType;
}

function label(t: ChartTransition, event: string): string {
  const guard = t.guard === undefined ? '' : ` [${nameOf(t.guard)}]`;
  const actions = t.actions.length === 0 ? '' : ` / ${t.actions.map(nameOf).join(', ')}`;
  return `${event}${guard}${actions}`;
}

/** Mermaid's state id for a node: its key; the root of a stateless machine is drawn as one state named after it. */
function stateId(node: ChartNode, root: ChartNode, machineId: string): string {
  return node === root ? machineId : node.key;
}

/** An `after` transition's timer: drawn as the transition (`after X`), not as an entry action. */
function isAfterTimer(action: unknown): boolean {
  const id = (action as { id?: unknown } | null)?.id;
  return typeof id === 'string' && id.startsWith('xstate.after.');
}

const targetOf = (t: ChartTransition): ChartNode | undefined => t.target?.[0];

/**
 * What a state does without leaving: its entry actions, invoked children and targetless transitions (UML's internal
 * transitions, `event / actions`), of the state itself and of `also` (the root, for a one-state machine).
 */
function internalLines(nodes: readonly ChartNode[]): string[] {
  const parts: string[] = [];
  for (const node of nodes) {
    const entry = node.entry.filter((action) => !isAfterTimer(action));
    if (entry.length > 0) parts.push(`entry / ${entry.map(nameOf).join(', ')}`);
    for (const invoked of node.invoke) parts.push(`invokes ${String(invoked.src)} as ${invoked.id}`);
  }
  for (const node of nodes) {
    for (const [eventType, transitions] of node.transitions) {
      for (const t of transitions) if (targetOf(t) === undefined) parts.push(label(t, eventLabel(eventType)));
    }
    for (const t of node.always ?? []) if (targetOf(t) === undefined) parts.push(label(t, 'always'));
  }
  return parts;
}

/** A state: its name, what it does inside (one description line each), and its transitions to states as arrows. */
function stateLines(node: ChartNode, root: ChartNode, machineId: string, also: readonly ChartNode[] = []): string[] {
  const id = stateId(node, root, machineId);
  const inside = internalLines([...also, node]);
  // Mermaid shows a described state's name only when the state is declared with it.
  const lines = inside.length === 0 ? [] : [`  state "${id}" as ${id}`, ...inside.map((text) => `  ${id} : ${text}`)];
  for (const [eventType, transitions] of node.transitions) {
    for (const t of transitions) {
      const to = targetOf(t);
      if (to !== undefined) lines.push(`  ${id} --> ${stateId(to, root, machineId)} : ${label(t, eventLabel(eventType))}`);
    }
  }
  for (const t of node.always ?? []) {
    const to = targetOf(t);
    if (to !== undefined) lines.push(`  ${id} --> ${stateId(to, root, machineId)} : ${label(t, 'always')}`);
  }
  if (node.type === 'final') lines.push(`  ${id} --> [*]`);
  return lines;
}

/**
 * A machine's statechart as a Mermaid `stateDiagram-v2`.
 *
 * @example
 * statechartOf(localTransactionMachine); // 'stateDiagram-v2\n  state localTransaction {\n    [*] --> sendingHalf\n  ...'
 */
export function statechartOf(machine: AnyStateMachine): string {
  const root = machine.root as unknown as ChartNode;
  const children = Object.values(root.states);
  const machineId = machine.id;
  if (children.length === 0) return ['stateDiagram-v2', `  [*] --> ${machineId}`, ...stateLines(root, root, machineId)].join('\n');
  const initial = root.initial?.target[0] ?? (children[0] as ChartNode);
  // One state: what the root handles is drawn inside it.
  if (children.length === 1) return ['stateDiagram-v2', `  [*] --> ${initial.key}`, ...stateLines(initial, root, machineId, [root])].join('\n');
  const inner = [`  [*] --> ${initial.key}`, ...children.flatMap((child) => stateLines(child, root, machineId))];
  const lines = ['stateDiagram-v2', `  state ${machineId} {`, ...inner.map((line) => `  ${line}`), '  }'];
  // What the root handles in every state: arrows from the box, or a note beside it (a box's self-loops would overlap).
  for (const line of stateLines(root, root, machineId)) if (line.includes(' --> ')) lines.push(line);
  const everywhere = internalLines([root]);
  if (everywhere.length > 0) lines.push(`  note right of ${machineId}`, '    in every state', ...everywhere.map((text) => `    ${text}`), '  end note');
  return lines.join('\n');
}

const BEGIN = '<!-- statecharts:begin -->';
const END = '<!-- statecharts:end -->';

/** The generated section of docs/model.md: one Mermaid diagram per machine. */
export function statechartsSection(): string {
  const parts = CHARTED_MACHINES.map(({ title, machine }) => `#### ${title}\n\n\`\`\`mermaid\n${statechartOf(machine)}\n\`\`\``);
  return `${BEGIN}\n\n${parts.join('\n\n')}\n\n${END}`;
}

/** docs/model.md with its statechart section replaced by the generated one. */
export function withStatecharts(doc: string): string {
  const start = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error('docs/model.md: the statechart markers are missing');
  return doc.slice(0, start) + statechartsSection() + doc.slice(end + END.length);
}

/** Where the diagrams live. */
export const MODEL_DOC_PATH = fileURLToPath(new URL('../docs/model.md', import.meta.url));

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(MODEL_DOC_PATH, withStatecharts(readFileSync(MODEL_DOC_PATH, 'utf8')));
  console.log(`wrote the statecharts of ${MODEL_DOC_PATH}`);
}
