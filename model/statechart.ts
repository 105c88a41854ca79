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
  readonly parent?: ChartNode;
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

/**
 * Mermaid's state id for a node: its key below the root (a nested state's path, `starting_quiet`: ids are global in
 * Mermaid); the root of a stateless machine is drawn as one state named after it.
 */
function stateId(node: ChartNode, root: ChartNode, machineId: string): string {
  if (node === root) return machineId;
  return node.parent === undefined || node.parent === root ? node.key : `${stateId(node.parent, root, machineId)}_${node.key}`;
}

/** An `after` transition's timer: drawn as the transition (`after X`), not as an entry action. */
function isAfterTimer(action: unknown): boolean {
  const id = (action as { id?: unknown } | null)?.id;
  return typeof id === 'string' && id.startsWith('xstate.after.');
}

const targetOf = (t: ChartTransition): ChartNode | undefined => t.target?.[0];

/**
 * What a state does without leaving: its entry actions, invoked children and targetless transitions (UML's internal
 * transitions, `event / actions`), of each of `nodes` in turn.
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

/** A node's transitions to states, with their labels. */
function targeted(node: ChartNode): Array<{ to: ChartNode; text: string }> {
  const out: Array<{ to: ChartNode; text: string }> = [];
  for (const [eventType, transitions] of node.transitions) {
    for (const t of transitions) {
      const to = targetOf(t);
      if (to !== undefined) out.push({ to, text: label(t, eventLabel(eventType)) });
    }
  }
  for (const t of node.always ?? []) {
    const to = targetOf(t);
    if (to !== undefined) out.push({ to, text: label(t, 'always') });
  }
  return out;
}

const ancestry = (node: ChartNode): ChartNode[] => (node.parent === undefined ? [node] : [...ancestry(node.parent), node]);

/**
 * A transition as Mermaid can lay it out: between the outermost states it leaves and enters (the children of the
 * innermost state holding both), drawn in that state's block. From `starting.quiet` to `running.quiet`:
 * `starting --> running`.
 */
function lifted(from: ChartNode, to: ChartNode): { scope: ChartNode; from: ChartNode; to: ChartNode } {
  const a = ancestry(from);
  const b = ancestry(to);
  let i = 0;
  while (i < a.length - 1 && i < b.length - 1 && a[i + 1] === b[i + 1]) i++;
  if (from === to) return { scope: from.parent ?? from, from, to };
  return { scope: a[i] as ChartNode, from: (a[i + 1] ?? from) as ChartNode, to: (b[i + 1] ?? to) as ChartNode };
}

/** Every targeted transition of the machine, lifted, by the state whose block draws it (duplicates drawn once). */
function edgesByScope(root: ChartNode, machineId: string): Map<ChartNode, string[]> {
  const byScope = new Map<ChartNode, string[]>();
  const visit = (node: ChartNode): void => {
    for (const { to, text } of targeted(node)) {
      const edge = lifted(node, to);
      const line = `${stateId(edge.from, root, machineId)} --> ${stateId(edge.to, root, machineId)} : ${text}`;
      const lines = byScope.get(edge.scope) ?? [];
      if (!lines.includes(line)) lines.push(line);
      byScope.set(edge.scope, lines);
    }
    for (const child of Object.values(node.states)) visit(child);
  };
  visit(root);
  return byScope;
}

/** A state's lines in its parent's block: a described leaf, or a box with its own states, edges and a note. */
function stateBlock(node: ChartNode, root: ChartNode, machineId: string, edges: Map<ChartNode, string[]>): string[] {
  const id = stateId(node, root, machineId);
  const inside = internalLines([node]);
  const children = Object.values(node.states);
  // Mermaid shows a described or nested state's name only when the state is declared with it.
  const named = id === node.key ? [] : [`state "${node.key}" as ${id}`];
  if (children.length === 0) {
    const lines = inside.length === 0 ? named : [`state "${node.key}" as ${id}`, ...inside.map((text) => `${id} : ${text}`)];
    return node.type === 'final' ? [...lines, `${id} --> [*]`] : lines;
  }
  const initial = node.initial?.target[0] ?? (children[0] as ChartNode);
  const body = [`[*] --> ${stateId(initial, root, machineId)}`, ...children.flatMap((c) => stateBlock(c, root, machineId, edges)), ...(edges.get(node) ?? [])];
  const note = inside.length === 0 ? [] : [`note left of ${id}`, ...inside.map((text) => `  ${text}`), 'end note'];
  return [`state ${id} {`, ...body.map((line) => `  ${line}`), '}', ...note];
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
  const indent = (lines: readonly string[]): string[] => lines.map((line) => `  ${line}`);
  if (children.length === 0) return ['stateDiagram-v2', ...indent([`[*] --> ${machineId}`, ...leafWithRoot(root, root, machineId)])].join('\n');
  // One state: what the root handles is drawn inside it.
  if (children.length === 1) return ['stateDiagram-v2', ...indent([`[*] --> ${(children[0] as ChartNode).key}`, ...leafWithRoot(children[0] as ChartNode, root, machineId)])].join('\n');
  const lines = ['stateDiagram-v2', ...indent(stateBlock(root, root, machineId, edgesByScope(root, machineId)))];
  // stateBlock drew the root's own lines as a note on its left: what it does in every state goes on the right.
  const noteAt = lines.indexOf(`  note left of ${machineId}`);
  if (noteAt >= 0) lines.splice(noteAt, 1, `  note right of ${machineId}`, '    in every state');
  return lines.join('\n');
}

/** A one-state (or stateless) machine's state, with the root's entry and internal transitions inside it. */
function leafWithRoot(node: ChartNode, root: ChartNode, machineId: string): string[] {
  const id = stateId(node, root, machineId);
  const inside = internalLines(node === root ? [root] : [root, node]);
  return inside.length === 0 ? [] : [`state "${id}" as ${id}`, ...inside.map((text) => `${id} : ${text}`)];
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
