// Each model machine's statechart as a Mermaid stateDiagram, generated from the machine definition (XState's
// state-node graph: states, `on`, `after`, `always`, guards, actions, invoked children), never drawn by hand.
// docs/model.md carries the diagrams between markers; test/model/statecharts.test.ts keeps them equal to what this
// generates, and `npm run statecharts` rewrites them. A targetless transition (the machine stays where it is and
// only acts) is drawn as a self-loop; effects are not drawn (they are data the actions decide).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AnyStateMachine } from 'xstate';
import { brokerMachine } from './broker.ts';
import { businessSystemMachine } from './businessSystem.ts';
import { consumerMachine } from './consumer.ts';
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

function transitionLines(node: ChartNode, root: ChartNode, machineId: string): string[] {
  const lines: string[] = [];
  const from = stateId(node, root, machineId);
  for (const [eventType, transitions] of node.transitions) {
    for (const t of transitions) {
      const to = t.target === undefined || t.target.length === 0 ? from : stateId(t.target[0] as ChartNode, root, machineId);
      lines.push(`  ${from} --> ${to} : ${label(t, eventLabel(eventType))}`);
    }
  }
  for (const t of node.always ?? []) {
    const to = t.target === undefined || t.target.length === 0 ? from : stateId(t.target[0] as ChartNode, root, machineId);
    lines.push(`  ${from} --> ${to} : ${label(t, 'always')}`);
  }
  return lines;
}

function notes(node: ChartNode, id: string): string[] {
  const parts: string[] = [];
  if (node.entry.length > 0) parts.push(`entry / ${node.entry.map(nameOf).join(', ')}`);
  for (const invoked of node.invoke) parts.push(`invokes ${String(invoked.src)} as ${invoked.id}`);
  return parts.map((text) => `  ${id} : ${text}`);
}

/**
 * A machine's statechart as a Mermaid `stateDiagram-v2`.
 *
 * @example
 * statechartOf(localTransactionMachine); // 'stateDiagram-v2\n  [*] --> sendingHalf\n  ...'
 */
export function statechartOf(machine: AnyStateMachine): string {
  const root = machine.root as unknown as ChartNode;
  const lines = ['stateDiagram-v2'];
  const children = Object.values(root.states);
  const machineId = machine.id;
  if (children.length === 0) {
    lines.push(`  [*] --> ${machineId}`, ...notes(root, machineId), ...transitionLines(root, root, machineId));
    return lines.join('\n');
  }
  const initial = root.initial?.target[0];
  if (initial !== undefined) lines.push(`  [*] --> ${initial.key}`);
  lines.push(...notes(root, initial?.key ?? machineId));
  for (const child of children) {
    lines.push(...notes(child, child.key), ...transitionLines(child, root, machineId));
    if (child.type === 'final') lines.push(`  ${child.key} --> [*]`);
  }
  // Events the root handles in every state: drawn on the state the machine rests in (a one-state machine's).
  const resting = children.length === 1 ? (children[0] as ChartNode) : root;
  for (const line of transitionLines(root, root, machineId)) lines.push(resting === root ? line : line.replaceAll(` ${machineId} `, ` ${resting.key} `));
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
