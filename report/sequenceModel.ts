// A run as the seed article draws it, before it becomes PlantUML or Mermaid text: participants, arrows, notes,
// and the blocks where the run branched (`alt 主事务执行成功`) or repeated itself (`loop 直到从事务执行成功`,
// check-backs). Built from the model's facts, plus the kernel trace for what only the network and the nemesis
// know: messages dropped or lost (marked on their arrow), crashes, restarts and partitions (notes). Runs of
// identical loop iterations longer than `foldAfter` fold into one iteration whose labels carry ranges, so a
// poison message reads "16 retries, 10 s .. 2 h" instead of 17 copies. A pure function of the outcome.
import { factsByOrder, summarizeOrders, type OrderSummary } from '../model/orderSummary.ts';
import type { Fact } from '../model/facts.ts';
import type { OrderSpec } from '../model/runSpec.ts';
import type { Outcome } from '../model/world.ts';
import type { Violation } from '../properties/types.ts';
import { endStateText, violationNote } from './catalog.ts';
import { diagramText, type CheckAnswerText, type DiagramText, type MainResult } from './diagramText.ts';
import type { Lang } from './lang.ts';
import { CORE_ROLES, roleAlias, roleOfNode, roleRank, type Role } from './roles.ts';
import { formatSimRange } from './simTime.ts';
import { FateClaims, indexTrace, isLost, type MessageFate, type NodeEvent, type TraceIndex } from './traceIndex.ts';
import { ackPersisted, userSteps, type PlacedUserStep } from './userSteps.ts';

/** Text with placeholders `{n}` (attempt number) and `{d}` (duration), and the simulated time(s) it happened. */
export interface SeqLabel {
  readonly template: string;
  readonly n?: readonly [number, number];
  readonly d?: readonly [number, number];
  /** Every duration a folded label stands for, in order (each retry's own delay). */
  readonly ds?: readonly number[];
  /** When it happened; absent on notes about the diagram itself. */
  readonly t?: readonly [number, number];
}

export interface SeqArrow {
  readonly kind: 'arrow';
  readonly from: Role;
  readonly to: Role;
  /** Replies and check-backs are dashed, as in the article. */
  readonly dashed: boolean;
  /** The message never reached its receiver: drawn in red with a cross. */
  readonly lost: boolean;
  readonly label: SeqLabel;
  /** The protocol message this arrow is (the trace's `msg`: prepare, commit, check, deliver ...); absent for local calls. */
  readonly msg?: string;
}

export interface SeqNote {
  readonly kind: 'note';
  readonly over: readonly Role[];
  /** A fault or an alarming state (crash, parking, DLQ): highlighted. */
  readonly fault: boolean;
  readonly label: SeqLabel;
  /** The property this note reports broken (a violation note), so readers and tests can find it. */
  readonly violation?: string;
  /** The order's end state (parked, DLQ, bought twice ...): a note after its last step. */
  readonly endState?: boolean;
}

export interface SeqDivider {
  readonly kind: 'divider';
  readonly text: string;
}

export interface SeqBlock {
  readonly kind: 'block';
  readonly type: 'alt' | 'loop' | 'par';
  readonly branches: ReadonlyArray<{ readonly label: string; readonly items: readonly SeqItem[] }>;
}

export type SeqItem = SeqArrow | SeqNote | SeqDivider | SeqBlock;

export interface SeqParticipant {
  readonly role: Role;
  readonly name: string;
  /** ASCII identifier for diagram sources. */
  readonly alias: string;
}

export interface SequenceModel {
  readonly lang: Lang;
  readonly title: string;
  readonly participants: readonly SeqParticipant[];
  readonly items: readonly SeqItem[];
  /** Orders drawn, in spec order. */
  readonly orders: readonly string[];
  /** True when the trace was disabled, so drops and crashes are unknown. */
  readonly traceless: boolean;
}

export interface SequenceModelOptions {
  lang: Lang;
  /** Draw only this order; default: every order, up to `maxOrders`, each in its own section. */
  order?: string;
  /** Also draw deliveries to the tag-matrix subscribers (default false). */
  subscribers?: boolean;
  /** Fold runs of more than this many identical loop iterations into one (default 3). */
  foldAfter?: number;
  /** Orders drawn when `order` is not given (default 8). */
  maxOrders?: number;
  /** The checkers' findings: each becomes a highlighted note naming its property, at the step that shows it. */
  violations?: readonly Violation[];
}

type Tag =
  | 'placed' | 'prepare' | 'prepare-ok' | 'send-failed' | 'main-call' | 'main-return' | 'unknown' | 'end-tx'
  | 'check' | 'check-query' | 'check-return' | 'check-reply' | 'committed' | 'rolled-back' | 'rejected' | 'parked'
  | 'alert' | 'resume' | 'redrive' | 'deliver' | 'consume-return' | 'retry' | 'dlq' | 'sub' | 'node' | 'other'
  | 'violation' | 'end' | 'user';

/** One arrow or note of one order before blocks are formed, with what the block logic needs to know. */
interface Step {
  item: SeqArrow | SeqNote;
  tag: Tag;
  /** Distinguishes steps of the same tag for folding (an answer, a result); never a counter or a time. */
  variant: string;
  t: number;
  /** 0 for facts, 1 for trace-only steps: facts come first at equal times. */
  rank: number;
  seq: number;
  /** commit or rollback decided by this step (the alt branch). */
  decides?: 'commit' | 'rollback';
  retryDelayMs?: number;
  succeeded?: boolean;
}

type Unit =
  | { kind: 'step'; step: Step }
  | { kind: 'iteration'; type: 'check' | 'delivery'; steps: Step[] }
  | { kind: 'item'; item: SeqItem };

const CHECK_BODY: ReadonlySet<Tag> = new Set<Tag>(['check-query', 'check-return', 'check-reply', 'user']);
const DELIVERY_BODY: ReadonlySet<Tag> = new Set<Tag>(['consume-return', 'retry', 'user']);

function label(template: string, t: number | undefined, extra: { n?: number; d?: number } = {}): SeqLabel {
  return {
    template,
    ...(t === undefined ? {} : { t: [t, t] as const }),
    ...(extra.n === undefined ? {} : { n: [extra.n, extra.n] as const }),
    ...(extra.d === undefined ? {} : { d: [extra.d, extra.d] as const }),
  };
}

/** Lost, duplicated and delayed marks for an arrow whose message the trace knows. */
function fateMarks(text: DiagramText, template: string, fate: MessageFate | undefined): { template: string; lost: boolean } {
  if (fate === undefined) return { template, lost: false };
  const marks: string[] = [];
  const lost = isLost(fate);
  if (lost) marks.push(text.lost(fate.dropped ?? fate.lost ?? ''));
  if (fate.duplicated) marks.push(text.duplicated);
  if (fate.delayMs > 0) marks.push(text.delayed(`${fate.delayMs} ms`));
  return { template: marks.length === 0 ? template : `${template} [${marks.join(', ')}]`, lost };
}

/** Everything the per-order builder reads, made once per diagram. */
interface Context {
  outcome: Outcome;
  text: DiagramText;
  index: TraceIndex;
  claims: FateClaims;
  specs: ReadonlyMap<string, OrderSpec>;
  subscribers: boolean;
  foldAfter: number;
  violations: readonly Violation[];
  /** What users' machines did, by order (empty without user machines or without a trace). */
  user: ReadonlyMap<string, readonly PlacedUserStep[]>;
  /** A user's machine fills the consumer role: its answer is only an answer (no "already done"). */
  userConsumer: boolean;
  /** A user's machine fills the producer role and the trace shows its steps: they replace the main-transaction arrows. */
  userProducer: boolean;
}

function mainResultOf(fact: Extract<Fact, { kind: 'main-committed' | 'main-rolled-back' }>): MainResult {
  if (fact.kind === 'main-committed') return 'ok';
  if (fact.reason === 'insufficient-balance' || fact.reason === 'business-rollback' || fact.reason === 'check-rollback') return fact.reason;
  return 'business-rollback';
}

/** The arrows and notes of one order, from its facts and its lost messages, in time order. */
function orderSteps(ctx: Context, order: string, facts: readonly Fact[]): Step[] {
  const { text, claims, index, outcome } = ctx;
  const steps: Step[] = [];
  let seq = 0;
  const push = (step: Omit<Step, 'seq'> & { seq?: number }): void => {
    steps.push({ seq: seq++, ...step });
  };
  const arrow = (from: Role, to: Role, template: string, t: number, opts: { dashed?: boolean; fate?: MessageFate; n?: number; d?: number; msg?: string } = {}): SeqArrow => {
    const marked = fateMarks(text, template, opts.fate);
    return { kind: 'arrow', from, to, dashed: opts.dashed ?? false, lost: marked.lost, label: label(marked.template, t, { n: opts.n, d: opts.d }), ...(opts.msg === undefined ? {} : { msg: opts.msg }) };
  };
  const note = (over: Role[], template: string, t: number, fault = false, extra: { n?: number; d?: number } = {}): SeqNote => ({
    kind: 'note',
    over,
    fault,
    label: label(template, t, extra),
  });

  let queried = false;
  const spec = ctx.specs.get(order);
  facts.forEach((f, i) => {
    switch (f.kind) {
      case 'order-placed':
        push({ item: note(['biz'], text.placed(order, f.node, spec?.amount ?? 0), f.t), tag: 'placed', variant: '', t: f.t, rank: 0 });
        break;
      case 'half-sent': {
        const fate = claims.take('prepare', order, f.node, f.t, f.broker);
        push({ item: arrow('biz', 'tc', text.prepare(f.attempt), f.t, { fate, msg: 'prepare' }), tag: 'prepare', variant: '', t: f.t, rank: 0 });
        break;
      }
      case 'half-stored': {
        const fate = claims.take('prepareAck', order, f.node, f.t);
        push({ item: arrow('tc', 'biz', text.prepareOk, f.t, { dashed: true, fate, msg: 'prepareAck' }), tag: 'prepare-ok', variant: '', t: f.t, rank: 0 });
        break;
      }
      case 'half-send-failed':
        push({ item: note(['biz'], text.sendFailed, f.t, true), tag: 'send-failed', variant: '', t: f.t, rank: 0 });
        break;
      case 'main-committed':
      case 'main-rolled-back': {
        // A user producer's database steps (user lane to `main`) draw its main transaction.
        if (ctx.userProducer) break;
        // A main transaction completed by a check-back is followed, at the same instant and node, by its answer.
        const inCheck = facts.slice(i + 1, i + 4).some((g) => g.kind === 'check-answered' && g.t === f.t && g.node === f.node);
        const result = mainResultOf(f);
        const tags: [Tag, Tag] = inCheck ? ['check-query', 'check-return'] : ['main-call', 'main-return'];
        push({ item: arrow('biz', 'main', inCheck ? text.checkQuery : text.mainCall, f.t), tag: tags[0], variant: '', t: f.t, rank: 0 });
        push({ item: arrow('main', 'biz', text.mainReturn(result), f.t, { dashed: true }), tag: tags[1], variant: result, t: f.t, rank: 0 });
        if (inCheck) queried = true;
        break;
      }
      case 'end-tx': {
        if (f.fromCheck) {
          const fate = claims.take('checkReply', order, f.node, f.t);
          const decides = f.action === 'unknown' ? undefined : f.action;
          push({ item: arrow('biz', 'tc', text.checkReply(f.action), f.t, { dashed: true, fate, msg: 'checkReply' }), tag: 'check-reply', variant: `${f.action}${fate !== undefined && isLost(fate) ? 'x' : ''}`, t: f.t, ...answerPlace(ctx.userProducer, fate), decides, succeeded: decides !== undefined });
        } else if (f.action === 'unknown' && ctx.userProducer) {
          push({ item: note(['biz'], text.unknownNote, f.t), tag: 'unknown', variant: '', t: f.t, rank: 2 });
        } else if (f.action === 'unknown') {
          const result: MainResult = spec?.localTx === 'throw' ? 'throw' : 'unknown';
          push({ item: arrow('biz', 'main', text.mainCall, f.t), tag: 'main-call', variant: '', t: f.t, rank: 0 });
          push({ item: arrow('main', 'biz', text.mainReturn(result), f.t, { dashed: true }), tag: 'main-return', variant: result, t: f.t, rank: 0 });
          push({ item: note(['biz'], text.unknownNote, f.t), tag: 'unknown', variant: '', t: f.t, rank: 0 });
        } else {
          const fate = claims.take(f.action, order, f.node, f.t);
          push({ item: arrow('biz', 'tc', text.endTx(f.action), f.t, { fate, msg: f.action }), tag: 'end-tx', variant: f.action, t: f.t, ...answerPlace(ctx.userProducer, fate), decides: f.action });
        }
        break;
      }
      case 'check-sent': {
        const fate = claims.take('check', order, f.node, f.t, f.producer);
        const lost = fate !== undefined && isLost(fate);
        push({ item: arrow('tc', 'biz', text.check, f.t, { dashed: true, fate, n: f.checkTimes, msg: 'check' }), tag: 'check', variant: lost ? 'x' : '', t: f.t, rank: 0 });
        break;
      }
      case 'check-answered':
        if (!queried && !ctx.userProducer) {
          push({ item: arrow('biz', 'main', text.checkQuery, f.t), tag: 'check-query', variant: '', t: f.t, rank: 0 });
          push({ item: arrow('main', 'biz', text.checkReturn(f.answer as CheckAnswerText), f.t, { dashed: true }), tag: 'check-return', variant: f.answer, t: f.t, rank: 0 });
        }
        queried = false;
        break;
      case 'committed':
        push({ item: note(['tc'], text.committed(f.queue), f.t), tag: 'committed', variant: '', t: f.t, rank: 0 });
        break;
      case 'rolled-back':
        push({ item: note(['tc'], text.rolledBack, f.t), tag: 'rolled-back', variant: '', t: f.t, rank: 0 });
        break;
      case 'end-tx-rejected':
        push({ item: note(['tc'], text.rejected(f.reason), f.t, true), tag: 'rejected', variant: '', t: f.t, rank: 0 });
        break;
      case 'parked':
        push({ item: note(['tc'], text.parked(f.checkTimes), f.t, true), tag: 'parked', variant: '', t: f.t, rank: 0 });
        break;
      case 'alert': {
        const fate = claims.take('alert', order, f.node, f.t, outcome.topology.operator);
        push({ item: arrow('tc', 'ops', text.alert(f.alert), f.t, { fate, msg: 'alert' }), tag: 'alert', variant: f.alert, t: f.t, rank: 0 });
        break;
      }
      case 'resumed':
        push({ item: arrow('ops', 'tc', text.resume, f.t, { msg: 'resume' }), tag: 'resume', variant: '', t: f.t, rank: 0 });
        break;
      case 'redriven':
        push({ item: arrow('ops', 'tc', text.redrive, f.t, { msg: 'redrive' }), tag: 'redrive', variant: '', t: f.t, rank: 0 });
        break;
      case 'delivered':
        if (ctx.outcome.topology.groups.find((g) => g.group === f.group)?.role === 'target') {
          push({ item: arrow('tc', 'sec', text.deliver(f.redriven), f.t, { n: 0, msg: 'deliver' }), tag: 'deliver', variant: f.redriven ? 'redriven' : '', t: f.t, rank: 0 });
        } else if (ctx.subscribers) {
          push({ item: arrow('tc', `sub:${f.group}`, text.subscriberDeliver, f.t, { msg: 'deliver' }), tag: 'sub', variant: '', t: f.t, rank: 0 });
        }
        break;
      case 'consumed':
      case 'consume-failed': {
        const target = ctx.outcome.topology.groups.find((g) => g.group === f.group)?.role === 'target';
        if (!target && !ctx.subscribers) break;
        const fate = claims.take('consumeAck', order, f.node, f.t);
        const ok = f.kind === 'consumed';
        if (target) {
          // A user consumer's `applied` only says whether it wrote before answering: its answer is just an answer.
          const result = !ok ? 'failed' : f.applied || ctx.userConsumer ? 'ok' : 'duplicate';
          const lost = fate !== undefined && isLost(fate);
          const variant = `${ctx.userConsumer && ok ? 'acked' : result}${lost ? 'x' : ''}`;
          push({ item: arrow('sec', 'tc', text.consumeReturn(result), f.t, { dashed: true, fate, msg: 'consumeAck' }), tag: 'consume-return', variant, t: f.t, ...answerPlace(ctx.userConsumer, fate), succeeded: ok });
          // A user's ack and its purchase are apart: when the ack became durable is the lesson of acking first.
          const persisted = ok && ctx.userConsumer && fate !== undefined && !isLost(fate) ? ackPersisted(index, f.node, fate.to, f.t) : undefined;
          if (persisted !== undefined && !steps.some((s) => s.variant === 'persisted' && s.seq === persisted.seq)) {
            steps.push({ item: note(['tc', 'sec'], text.ackPersisted(f.node, fate?.to ?? ''), persisted.time), tag: 'user', variant: 'persisted', t: persisted.time, rank: 1, seq: persisted.seq });
          }
        } else {
          push({ item: arrow(`sub:${f.group}`, 'tc', text.subscriberReturn(ok), f.t, { dashed: true, fate, msg: 'consumeAck' }), tag: 'sub', variant: '', t: f.t, rank: 0 });
        }
        break;
      }
      case 'retry-scheduled':
        push({ item: note(['tc'], text.retry, f.t, false, { n: f.reconsumeTimes, d: f.delayMs }), tag: 'retry', variant: '', t: f.t, rank: 0, retryDelayMs: f.delayMs });
        break;
      case 'dlq':
        push({ item: note(['tc'], text.dlq(f.group, f.reconsumeTimes), f.t, true), tag: 'dlq', variant: '', t: f.t, rank: 0 });
        break;
      default:
        break;
    }
  });

  for (const u of ctx.user.get(order) ?? []) {
    const step = userStep(ctx, u);
    if (step !== undefined) steps.push(step);
  }
  // Messages the trace saw lost whose fact was never written (the receiver records most facts) or not matched.
  for (const fate of index.fates) {
    if (fate.order !== order || claims.isTaken(fate) || !isLost(fate)) continue;
    const lostStep = lostMessageStep(ctx, fate);
    if (lostStep === undefined) continue;
    claims.claim(fate);
    push(lostStep);
  }
  steps.sort(byTime);
  // Number the deliveries, lost ones included, in the order they were sent.
  let n = 0;
  return steps.map((s) => (s.tag === 'deliver' && s.item.kind === 'arrow' ? { ...s, item: { ...s.item, label: { ...s.item.label, n: [++n, n] as const } } } : s));
}

const byTime = (a: Step, b: Step): number => a.t - b.t || a.rank - b.rank || a.seq - b.seq;

function userStepsByOrder(index: TraceIndex): Map<string, PlacedUserStep[]> {
  const byOrder = new Map<string, PlacedUserStep[]>();
  if (index.userRecords.length === 0) return byOrder;
  for (const u of userSteps(index)) {
    const list = byOrder.get(u.order);
    if (list === undefined) byOrder.set(u.order, [u]);
    else list.push(u);
  }
  return byOrder;
}

/**
 * Where a message a user's machine's answer caused goes among the machine's steps of the same instant (rank 1, by
 * trace order): at its SEND when the trace has it, else after them.
 */
function answerPlace(user: boolean, fate: MessageFate | undefined): { rank: number; seq?: number } {
  if (!user) return { rank: 0 };
  return fate === undefined ? { rank: 2 } : { rank: 1, seq: fate.seq };
}

/** A call, database request, result, abort, memory access or answer of a user's machine, on its lanes. */
function userStep(ctx: Context, u: PlacedUserStep): Step | undefined {
  const { text } = ctx;
  const caller = roleOfNode(ctx.outcome.topology, u.node);
  if (caller !== 'sec' && caller !== 'biz') return undefined;
  const app: Role = caller === 'sec' ? 'app:sec' : 'app:biz';
  const db: Role = caller === 'sec' ? 'db:sec' : 'main';
  const at = { tag: 'user' as const, t: u.time, rank: 1, seq: u.seq };
  // Two calls for one order (a duplicate, a redelivery) are told apart by their number, `({n})` so folding keeps it (a leading # is a numbered list in PlantUML).
  const numbered = (template: string): SeqLabel => (u.callCount > 1 ? label(`({n}) ${template}`, u.time, { n: u.callNo }) : label(template, u.time));
  const arrow = (from: Role, to: Role, template: string, dashed: boolean, variant: string): Step => ({
    ...at,
    item: { kind: 'arrow', from, to, dashed, lost: false, label: numbered(template) },
    variant,
  });
  switch (u.kind) {
    case 'call': return arrow(caller, app, text.userCall(u.call, u.txId), false, `call:${u.call}`);
    case 'begin': return arrow(app, db, text.userOp(u.op), false, `begin:${u.op.kind}`);
    case 'result': {
      const bought = u.op.kind === 'transaction' && u.outcome.ok && u.op.subject.split('+').includes('buyTargetFund');
      return arrow(db, app, text.userResult(u.op, u.outcome), true, bought ? 'bought' : `${u.op.kind}:${u.outcome.result}`);
    }
    case 'aborted':
      return { ...at, item: { kind: 'note', over: [app, db], fault: true, label: numbered(text.userAborted(u.op, u.node)) }, variant: 'aborted' };
    case 'memory': return arrow(app, app, text.userMemory(u.op, u.outcome), false, `memory:${u.op.kind}:${u.outcome?.result ?? ''}`);
    case 'answer': return arrow(app, caller, text.userAnswer(u.answer, u.value), true, `answer:${u.value}`);
  }
}

/** An arrow for a lost model message that no fact accounts for; undefined for messages between hidden roles. */
function lostMessageStep(ctx: Context, fate: MessageFate): Omit<Step, 'seq'> | undefined {
  const { text, outcome } = ctx;
  const from = roleOfNode(outcome.topology, fate.from);
  const to = roleOfNode(outcome.topology, fate.to);
  if (from === undefined || to === undefined) return undefined;
  if (!ctx.subscribers && (from.startsWith('sub:') || to.startsWith('sub:'))) return undefined;
  const base = { t: fate.time, rank: 1 } as const;
  const make = (template: string, tag: Tag, opts: { dashed?: boolean; n?: number } = {}): Omit<Step, 'seq'> => {
    const marked = fateMarks(text, template, fate);
    const item: SeqArrow = { kind: 'arrow', from, to, dashed: opts.dashed ?? false, lost: true, label: label(marked.template, fate.time, { n: opts.n }), msg: fate.msg };
    return { ...base, item, tag, variant: 'x' };
  };
  // Facts recorded at the sender (prepare, commit, check, replies, alerts) claim their message; what is left
  // here is mostly what the receiver would have recorded: deliveries and the operator's commands.
  switch (fate.msg) {
    case 'deliver':
      if (to.startsWith('sub:')) return make(text.subscriberDeliver, 'sub');
      return make(text.deliver(false), 'deliver', { n: 0 });
    case 'redrive': return make(text.redrive, 'redrive');
    case 'resume': return make(text.resume, 'resume');
    default: return make(fate.msg, 'other', { dashed: fate.msg.endsWith('Ack') || fate.msg === 'checkReply' });
  }
}

/**
 * Crashes, restarts and partitions of the nodes this order touched, as notes: those within its span [from, to],
 * the crash or partition already in force when it started, and, for an order that never finished, the next one
 * after its last step (often the reason its story stops there).
 */
function nodeSteps(ctx: Context, roles: ReadonlySet<Role>, involved: ReadonlySet<string>, from: number, to: number, unfinished: boolean): Step[] {
  const { text, outcome, index } = ctx;
  const picked = new Set<NodeEvent>();
  const ongoing = new Map<string, NodeEvent>();
  const after = new Set<string>();
  const down = new Set<string>();
  const ended = new Set<string>();
  for (const e of index.nodeEvents) {
    if (e.kind === 'HEAL') continue;
    const link = e.kind === 'PARTITION' || e.kind === 'PARTITION_HEALED';
    const nodes = link ? [e.node, e.peer] : [e.node];
    if (!nodes.some((n) => involved.has(n))) continue;
    const key = `${link ? 'link' : 'node'}:${[...nodes].sort().join('|')}`;
    const starts = e.kind === 'CRASH' || e.kind === 'PARTITION';
    if (e.time < from) {
      if (starts) ongoing.set(key, e);
      else ongoing.delete(key);
    } else if (e.time <= to) {
      picked.add(e);
      if (starts) down.add(key);
      else {
        down.delete(key);
        if (ongoing.has(key)) ended.add(key);
      }
    } else if (unfinished && starts && !after.has(key)) {
      after.add(key);
      picked.add(e);
      down.add(key);
    } else if (!starts && !ended.has(key) && (down.has(key) || ongoing.has(key))) {
      // The end of an outage the diagram shows: a crash drawn without its restart reads as forever.
      picked.add(e);
      down.delete(key);
      ended.add(key);
    }
  }
  for (const e of ongoing.values()) picked.add(e);
  const steps: Step[] = [];
  for (const e of index.nodeEvents) {
    if (!picked.has(e)) continue;
    const role = roleOfNode(outcome.topology, e.node);
    if (e.kind === 'CRASH' || e.kind === 'RESTART') {
      if (role === undefined || !roles.has(role)) continue;
      const template = e.kind === 'CRASH' ? text.crash(e.node, e.detail, e.value) : text.restart(e.node);
      // A crash of an instance is a crash of the user's machine it hosts: the note spans both lanes.
      const app: Role | undefined = role === 'sec' ? 'app:sec' : role === 'biz' ? 'app:biz' : undefined;
      const over = app !== undefined && roles.has(app) ? [role, app] : [role];
      steps.push({ item: { kind: 'note', over, fault: e.kind === 'CRASH', label: label(template, e.time) }, tag: 'node', variant: '', t: e.time, rank: 1, seq: e.seq });
    } else {
      const over = [...new Set([role, roleOfNode(outcome.topology, e.peer)])].filter((r): r is Role => r !== undefined && roles.has(r));
      if (over.length === 0) continue;
      const template = e.kind === 'PARTITION' ? text.partition(e.node, e.peer) : text.partitionHealed(e.node, e.peer);
      steps.push({ item: { kind: 'note', over, fault: e.kind === 'PARTITION', label: label(template, e.time) }, tag: 'node', variant: '', t: e.time, rank: 1, seq: e.seq });
    }
  }
  return steps;
}

const SYMPTOM_AT_END: ReadonlySet<string> = new Set(['atomicity', 'no-loss', 'liveness']);

/** The latest simulated time a violation's evidence cites (trace sequence numbers or `t=...`), if any. */
function violationTime(outcome: Outcome, v: Violation): number | undefined {
  let latest: number | undefined;
  for (const e of v.evidence ?? []) {
    let t: number | undefined;
    if (typeof e === 'number') t = outcome.trace.enabled && Number.isInteger(e) && e >= 0 && e < outcome.trace.size ? outcome.trace.at(e).time : undefined;
    else {
      const m = /t=(\d+(?:\.\d+)?)/.exec(e);
      if (m !== null) t = Number(m[1]);
    }
    if (t !== undefined && t <= outcome.simTimeMs) latest = latest === undefined ? t : Math.max(latest, t);
  }
  return latest;
}

function violationItem(ctx: Context, v: Violation, t: number | undefined): SeqNote {
  return { kind: 'note', over: ['biz', 'sec'], fault: true, violation: v.property, label: label(violationNote(ctx.text.lang, v), t) };
}

/**
 * The order's violations, each a note at the latest step its evidence cites (the second purchase, the parking),
 * else after its last step; then its end state when that is not a consistent one.
 */
function verdictSteps(ctx: Context, order: string, summary: OrderSummary | undefined, steps: readonly Step[]): Step[] {
  const last = steps.reduce((t, s) => Math.max(t, s.t), 0);
  // The order's own last step (not a later restart of some node): where "never bought" shows.
  const lastFact = steps.reduce((t, s) => (s.rank === 0 || (s.tag === 'user' && s.variant !== 'persisted') ? Math.max(t, s.t) : t), 0);
  const out: Step[] = [];
  let seq = 1_000_000;
  for (const v of ctx.violations) {
    if (v.order !== order) continue;
    // "Never bought" and "lost" show at the order's end, not at the main commit their evidence cites.
    const atEnd = SYMPTOM_AT_END.has(v.property) && (summary?.targetPurchases ?? 0) === 0;
    const t = atEnd ? lastFact : (violationTime(ctx.outcome, v) ?? lastFact);
    out.push({ item: violationItem(ctx, v, t), tag: 'violation', variant: v.property, t, rank: 2, seq: seq++ });
  }
  const end = summary === undefined ? undefined : endStateText(ctx.text.lang, summary);
  if (end !== undefined) {
    const t = Math.max(last, ...out.map((s) => s.t));
    out.push({ item: { kind: 'note', over: ['tc'], fault: true, endState: true, label: label(end, t) }, tag: 'end', variant: '', t, rank: 3, seq: seq++ });
  }
  return out;
}

/** The nodes an order's facts and messages name. */
function involvedNodes(index: TraceIndex, order: string, facts: readonly Fact[]): Set<string> {
  const nodes = new Set<string>();
  for (const f of facts) {
    if ('node' in f) nodes.add(f.node);
    if (f.kind === 'half-sent') nodes.add(f.broker);
    if (f.kind === 'check-sent') nodes.add(f.producer);
  }
  for (const fate of index.fates) {
    if (fate.order !== order) continue;
    nodes.add(fate.from);
    nodes.add(fate.to);
  }
  return nodes;
}

/** Steps into iterations: a check-back or a delivery with what answers it. */
function toUnits(steps: readonly Step[]): Unit[] {
  const units: Unit[] = [];
  let open: Extract<Unit, { kind: 'iteration' }> | undefined;
  for (const step of steps) {
    if (step.tag === 'check' || step.tag === 'deliver') {
      open = { kind: 'iteration', type: step.tag === 'check' ? 'check' : 'delivery', steps: [step] };
      units.push(open);
      continue;
    }
    if (open !== undefined && (open.type === 'check' ? CHECK_BODY : DELIVERY_BODY).has(step.tag)) {
      open.steps.push(step);
      continue;
    }
    open = undefined;
    units.push({ kind: 'step', step });
  }
  return units;
}

/** An iteration's shape: what each step is and says, without its numbers and times (marks like [duplicated] count). */
const signature = (steps: readonly Step[]): string =>
  steps.map((s) => `${s.tag}:${s.variant}:${s.item.kind === 'arrow' ? `${s.item.from}>${s.item.to}` : s.item.over.join(',')}:${s.item.label.template}`).join('|');

function mergeLabels(labels: readonly SeqLabel[]): SeqLabel {
  const first = labels[0] as SeqLabel;
  const last = labels[labels.length - 1] as SeqLabel;
  const ds = labels.map((l) => l.d).filter((d): d is readonly [number, number] => d !== undefined);
  return {
    template: first.template,
    ...(first.t !== undefined && last.t !== undefined ? { t: [first.t[0], last.t[1]] as const } : {}),
    ...(first.n !== undefined && last.n !== undefined ? { n: [first.n[0], last.n[1]] as const } : {}),
    ...(ds.length > 0 ? { d: [Math.min(...ds.map((d) => d[0])), Math.max(...ds.map((d) => d[1]))] as const } : {}),
    ...(ds.length > 0 ? { ds: labels.flatMap((l) => l.ds ?? (l.d === undefined ? [] : [l.d[0]])) } : {}),
  };
}

/** Consecutive iterations with one shape become one whose labels carry ranges, when there are more than `foldAfter`. */
function foldIterations(iterations: ReadonlyArray<readonly Step[]>, foldAfter: number): SeqItem[] {
  const items: SeqItem[] = [];
  let i = 0;
  while (i < iterations.length) {
    const sig = signature(iterations[i] as readonly Step[]);
    let j = i + 1;
    while (j < iterations.length && signature(iterations[j] as readonly Step[]) === sig) j++;
    const group = iterations.slice(i, j);
    if (group.length > foldAfter) {
      const first = group[0] as readonly Step[];
      first.forEach((step, p) => {
        const merged = mergeLabels(group.map((it) => (it[p] as Step).item.label));
        items.push({ ...step.item, label: merged });
      });
    } else {
      for (const it of group) for (const step of it) items.push(step.item);
    }
    i = j;
  }
  return items;
}

function loopLabel(ctx: Context, type: 'check' | 'delivery', iterations: ReadonlyArray<readonly Step[]>): string {
  const { text } = ctx;
  const last = iterations[iterations.length - 1] as readonly Step[];
  const succeeded = last.some((s) => s.succeeded === true);
  if (type === 'delivery') {
    const delays = iterations.flat().map((s) => s.retryDelayMs).filter((d): d is number => d !== undefined);
    const range = delays.length === 0 ? undefined : formatSimRange(Math.min(...delays), Math.max(...delays));
    const purchases = iterations.flat().filter((s) => (s.tag === 'consume-return' && s.variant.startsWith('ok')) || (s.tag === 'user' && s.variant === 'bought')).length;
    return purchases > 1 ? text.repeatedPurchaseLoop(purchases, iterations.length) : text.deliveryLoop(succeeded, iterations.length, delays.length, range);
  }
  const starts = iterations.map((it) => (it[0] as Step).t);
  const gaps = starts.slice(1).map((t, k) => t - (starts[k] as number));
  const min = Math.min(...gaps);
  const max = Math.max(...gaps);
  return text.checkLoop(succeeded, iterations.length, gaps.length === 0 ? undefined : formatSimRange(min, max), min === max);
}

/** Units into items: runs of two or more iterations of one kind become a loop; the first decision opens the alt. */
function toItems(ctx: Context, units: readonly Unit[]): SeqItem[] {
  const blocks: Array<{ item: SeqItem; decides?: 'commit' | 'rollback'; loop: boolean }> = [];
  let k = 0;
  while (k < units.length) {
    const unit = units[k] as Unit;
    if (unit.kind === 'iteration') {
      let j = k + 1;
      while (j < units.length) {
        const next = units[j] as Unit;
        if (next.kind !== 'iteration' || next.type !== unit.type) break;
        j++;
      }
      const run = units.slice(k, j) as Array<Extract<Unit, { kind: 'iteration' }>>;
      const decides = run.flatMap((u) => u.steps).find((s) => s.decides !== undefined)?.decides;
      if (run.length >= 2) {
        const iterations = run.map((u) => u.steps);
        const items = foldIterations(iterations, ctx.foldAfter);
        blocks.push({ item: { kind: 'block', type: 'loop', branches: [{ label: loopLabel(ctx, unit.type, iterations), items }] }, decides, loop: true });
      } else {
        unit.steps.forEach((s, p) => blocks.push({ item: s.item, decides: p === 0 ? decides : undefined, loop: false }));
      }
      k = j;
      continue;
    }
    if (unit.kind === 'step') blocks.push({ item: unit.step.item, decides: unit.step.decides, loop: false });
    else blocks.push({ item: unit.item, loop: false });
    k++;
  }
  const first = blocks.findIndex((b) => b.decides !== undefined);
  if (first < 0) return blocks.map((b) => b.item);
  const decision = (blocks[first] as (typeof blocks)[number]);
  // A decision inside a loop of check-backs: the branch starts after the loop, as in the article's second diagram.
  const start = decision.loop ? first + 1 : first;
  if (start >= blocks.length) return blocks.map((b) => b.item);
  const label = decision.decides === 'commit' ? ctx.text.altSucceeded : ctx.text.altFailed;
  const alt: SeqBlock = { kind: 'block', type: 'alt', branches: [{ label, items: blocks.slice(start).map((b) => b.item) }] };
  return [...blocks.slice(0, start).map((b) => b.item), alt];
}

/** Subscriber steps gathered into one `par` block after the commit that made the message visible. */
function withSubscribers(ctx: Context, steps: readonly Step[]): Unit[] {
  const subs = steps.filter((s) => s.tag === 'sub');
  const rest = steps.filter((s) => s.tag !== 'sub');
  const units = toUnits(rest);
  if (subs.length === 0) return units;
  const par: Unit = { kind: 'item', item: { kind: 'block', type: 'par', branches: [{ label: ctx.text.subscribers, items: subs.map((s) => s.item) }] } };
  const committed = units.findIndex((u) => u.kind === 'step' && u.step.tag === 'committed');
  const firstSub = (subs[0] as Step).t;
  const later = units.findIndex((u) => u.kind !== 'item' && (u.kind === 'step' ? u.step.t : (u.steps[0] as Step).t) > firstSub);
  const insert = committed >= 0 ? committed + 1 : later >= 0 ? later : units.length;
  return [...units.slice(0, insert), par, ...units.slice(insert)];
}

function rolesOf(items: readonly SeqItem[], into: Set<Role>): void {
  for (const item of items) {
    if (item.kind === 'arrow') {
      into.add(item.from);
      into.add(item.to);
    } else if (item.kind === 'note') {
      for (const r of item.over) into.add(r);
    } else if (item.kind === 'block') {
      for (const b of item.branches) rolesOf(b.items, into);
    }
  }
}

/**
 * The diagram of a run (or of one order of it) as data: what `sequenceDiagram` renders.
 *
 * @example
 * const model = sequenceModel(outcome, { lang: 'zh', order: 'o1' });
 * model.participants.map((p) => p.name); // ['业务系统', '事务中心', '主事务', '从事务']
 */
export function sequenceModel(outcome: Outcome, options: SequenceModelOptions, index: TraceIndex = indexTrace(outcome.trace)): SequenceModel {
  const text = diagramText(options.lang);
  const specs = new Map(outcome.spec.orders.map((o) => [o.id, o]));
  if (options.order !== undefined && !specs.has(options.order)) {
    throw new Error(`sequenceModel: no order ${options.order} in run ${outcome.spec.name}; orders: ${[...specs.keys()].join(', ')}`);
  }
  const ctx: Context = {
    outcome,
    text,
    index,
    claims: new FateClaims(index),
    specs,
    subscribers: options.subscribers ?? false,
    foldAfter: Math.max(1, options.foldAfter ?? 3),
    violations: options.violations ?? [],
    user: userStepsByOrder(index),
    userConsumer: outcome.userRoleRuntime?.consumer !== undefined,
    // Without a trace there are no user steps to stand for the main transaction: txsim's own drawing stays.
    userProducer: outcome.userRoleRuntime?.producer !== undefined && index.userRecords.length > 0,
  };
  const all = outcome.spec.orders.map((o) => o.id);
  const maxOrders = Math.max(1, options.maxOrders ?? 8);
  const orders = options.order !== undefined ? [options.order] : all.slice(0, maxOrders);
  const byOrder = factsByOrder(outcome.facts);
  const summaries = new Map(summarizeOrders(outcome).map((s) => [s.id, s]));
  const items: SeqItem[] = [];
  const roles = new Set<Role>(CORE_ROLES);
  for (const order of orders) {
    const facts = byOrder.get(order) ?? [];
    const steps = orderSteps(ctx, order, facts);
    const shown = new Set<Role>(roles);
    for (const s of steps) rolesOf([s.item], shown);
    if (steps.length > 0) {
      const from = (steps[0] as Step).t;
      const to = (steps[steps.length - 1] as Step).t;
      const summary = summaries.get(order);
      const unfinished = summary === undefined || summary.main === 'pending' || summary.message === 'pending';
      steps.push(...nodeSteps(ctx, shown, involvedNodes(index, order, facts), from, to, unfinished));
    }
    steps.push(...verdictSteps(ctx, order, summaries.get(order), steps));
    steps.sort(byTime);
    const orderItems = toItems(ctx, withSubscribers(ctx, steps));
    if (options.order === undefined && all.length > 1) items.push({ kind: 'divider', text: text.orderSection(order) });
    items.push(...orderItems);
    rolesOf(orderItems, roles);
  }
  // Violations of no order, or of orders not drawn: still named, at the end.
  const drawn = new Set(orders);
  for (const v of ctx.violations) {
    if (v.order !== undefined && (drawn.has(v.order) || options.order !== undefined)) continue;
    items.push(violationItem(ctx, v, violationTime(outcome, v)));
  }
  if (orders.length < all.length && options.order === undefined) {
    items.push({ kind: 'note', over: ['biz', 'sec'], fault: false, label: label(text.omitted(all.length - orders.length), undefined) });
  }
  const traceless = !index.enabled;
  if (traceless) items.unshift({ kind: 'note', over: ['biz', 'sec'], fault: false, label: label(text.noTrace, undefined) });
  const participants = [...roles]
    .sort((a, b) => (roleRank(a) < roleRank(b) ? -1 : roleRank(a) > roleRank(b) ? 1 : 0))
    .map((role) => ({ role, name: text.role(role), alias: roleAlias(role) }));
  const scope = options.order !== undefined || all.length === 1 ? text.scopeOrder(orders[0] as string) : text.scopeOrders(all.length);
  return { lang: options.lang, title: text.title(outcome.spec.name, outcome.spec.seed, scope), participants, items, orders, traceless };
}
