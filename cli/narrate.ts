// Narration of a finished run, in English or Chinese, built only from the outcome: its facts (what the model
// observed), the fault events of its trace (crashes, lost, duplicated and delayed messages) and the order
// summaries. Three parts: what happened and when (a timeline), then what it means per order, then the violations.
import { TAG_SUBSCRIBERS, TARGET_GROUP } from '../model/config.ts';
import type { Fact } from '../model/facts.ts';
import type { OrderSummary } from '../model/orderSummary.ts';
import type { Outcome } from '../model/world.ts';
import type { Violation } from '../properties/types.ts';
import type { TraceEvent } from '../sim/trace.ts';
import { EN_NARRATION } from '../report/i18n/en.ts';
import { ZH_NARRATION } from '../report/i18n/zh.ts';
import { zhPunctuate } from '../report/zhPunctuation.ts';
import { roleOfNode } from '../report/roles.ts';
import { FateClaims, indexTrace, type TraceIndex } from '../report/traceIndex.ts';
import { ackPersisted, userSteps, type PlacedUserStep } from '../report/userSteps.ts';
import type { MessageFate } from '../report/traceIndex.ts';
import type { UserRole } from '../model/protocol.ts';

export type Lang = 'en' | 'zh';
export const LANGS: readonly Lang[] = ['en', 'zh'];

/** Longest timeline before the rest is summarised as "N more events". */
const DEFAULT_MAX_LINES = 150;

export type Phrases = {
  [K in Fact['kind']]: (f: Extract<Fact, { kind: K }>, amount: number) => string | undefined;
};

/** The words of a narration in one language (report/i18n/en.ts and zh.ts). */
export interface Language {
  facts: Phrases;
  fault: (e: TraceEvent) => string | undefined;
  heading: { timeline: string; meaning: string; violations: string };
  more: (n: number) => string;
  subscribers: (n: number) => string;
  verdict: (o: OrderSummary) => string;
  /** A step of a user's machine (report/userSteps.ts): a call, a database request, its result or abort, memory, the answer. */
  user: (s: PlacedUserStep, role: UserRole) => string | undefined;
  /** A user consumer's ack stored by the broker (its offset commit confirmed): a restart will not deliver the message again. */
  userAckPersisted: (node: string, broker: string) => string;
  /** A user consumer's answer passed on to the broker: only an answer, whatever its machine did or did not write. */
  userAnswered: (f: Extract<Fact, { kind: 'consumed' | 'consume-failed' }>) => string | undefined;
  violation: (v: Violation) => string;
  none: string;
}

const LANGUAGES: Record<Lang, Language> = { en: EN_NARRATION, zh: ZH_NARRATION };
const FAULT_KINDS = new Set(['CRASH', 'RESTART', 'DROP', 'LOST', 'DUPLICATE', 'DELAY', 'PARTITION', 'PARTITION_HEALED', 'HEAL']);
const SUBSCRIBER_NODES = new Set(TAG_SUBSCRIBERS.map((s) => s.group));

/** A timeline stamp: milliseconds for runs under a minute, else h:mm:ss.mmm (one format per run). */
function stamper(endMs: number): (t: number) => string {
  if (endMs < 60_000) return (t) => `${t.toLocaleString('en-US')} ms`.padStart(10);
  const two = (n: number) => String(n).padStart(2, '0');
  return (t) => {
    const s = Math.floor(t / 1_000);
    return `${Math.floor(s / 3_600)}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}.${String(Math.round(t % 1_000)).padStart(3, '0')}`.padStart(12);
  };
}

/** The trace index of a run with users' machines (undefined for a run of txsim's own roles or without a trace). */
function userRunIndex(outcome: Outcome): TraceIndex | undefined {
  if (outcome.userRoleRuntime === undefined || Object.keys(outcome.userRoleRuntime).length === 0 || !outcome.trace.enabled) return undefined;
  return indexTrace(outcome.trace);
}

/** Just after the database result of a user producer's main transaction (debitWallet), for its main-* fact. */
function ledgerResult(steps: readonly PlacedUserStep[], fact: Fact): number | undefined {
  if (fact.kind !== 'main-committed' && fact.kind !== 'main-rolled-back') return undefined;
  const result = steps.find((s) => s.kind === 'result' && s.time === fact.t && s.node === fact.node && s.order === fact.order && s.op.subject.split('+').includes('debitWallet'));
  return result === undefined ? undefined : result.seq + 0.5;
}

/** The message a user's answer made (consumeAck, commit, rollback, checkReply), if the fact is one. */
function answerSend(sends: FateClaims, fact: Fact): MessageFate | undefined {
  if (fact.kind === 'consumed' || fact.kind === 'consume-failed') return sends.take('consumeAck', fact.order, fact.node, fact.t);
  if (fact.kind === 'end-tx' && fact.action !== 'unknown') return sends.take(fact.fromCheck ? 'checkReply' : fact.action, fact.order, fact.node, fact.t);
  return undefined;
}

const CONSUMER_CAUSED: ReadonlySet<Fact['kind']> = new Set<Fact['kind']>(['consumed', 'consume-failed', 'purchased']);
const PRODUCER_CAUSED: ReadonlySet<Fact['kind']> = new Set<Fact['kind']>(['main-committed', 'main-rolled-back', 'client-response', 'end-tx', 'check-answered']);

/** A fact a user's machine caused (its answer, its database write): told after the machine's steps of that instant. */
function causedByUser(outcome: Outcome, fact: Fact): boolean {
  const roles = outcome.userRoleRuntime;
  if (roles === undefined) return false;
  return (roles.consumer !== undefined && CONSUMER_CAUSED.has(fact.kind)) || (roles.producer !== undefined && PRODUCER_CAUSED.has(fact.kind));
}

/**
 * The narration of a run, one line per entry.
 *
 * @example
 * for (const line of narrate(outcome, summarizeOrders(outcome), violations, { lang: 'zh' })) console.log(line);
 */
export function narrate(
  outcome: Outcome,
  orders: readonly OrderSummary[],
  violations: readonly Violation[],
  options: { lang?: Lang; maxLines?: number } = {},
): string[] {
  const lang = LANGUAGES[options.lang ?? 'en'];
  const maxLines = options.maxLines ?? DEFAULT_MAX_LINES;
  const amounts = new Map(outcome.spec.orders.map((o) => [o.id, o.amount]));
  const orderWidth = Math.max(5, ...outcome.spec.orders.map((o) => o.id.length)) + 1;
  const stamp = stamper(outcome.simTimeMs);
  // rank 0: facts, in their recorded order; 1: trace records (faults, users' machines' steps) by trace order;
  // 2: facts a user's machine's answer or database write caused, after its steps of the same instant.
  const timeline: Array<{ t: number; rank: number; seq: number; line: string }> = [];
  const say = (t: number, order: string, text: string | undefined, rank = 0, seq = timeline.length): void => {
    if (text !== undefined) timeline.push({ t, rank, seq, line: `${stamp(t)}  ${order.padEnd(orderWidth)} ${text}` });
  };
  const index = userRunIndex(outcome);
  const steps = index === undefined ? [] : userSteps(index);
  const sends = index === undefined ? undefined : new FateClaims(index);
  const userConsumer = outcome.userRoleRuntime?.consumer !== undefined;
  const userProducer = outcome.userRoleRuntime?.producer !== undefined;
  /** Offset commits already told, by order: one commit may make several acks of an order durable. */
  const told = new Set<string>();

  let subscriberDeliveries = 0;
  for (const fact of outcome.facts) {
    if (fact.kind === 'delivered' && fact.group !== TARGET_GROUP) subscriberDeliveries++;
    const order = 'order' in fact ? fact.order : '';
    // The machine's own steps already say these: its purchase's database result, its check-back's lookup.
    if ((fact.kind === 'purchased' || (fact.kind === 'check-answered' && userProducer)) && steps.length > 0) continue;
    // A message the machine's answer made is told where the trace sent it, a ledger move right after the database
    // result that made it, among the machine's steps; other facts it caused after its steps of that instant.
    const sent = sends === undefined ? undefined : answerSend(sends, fact);
    const placed = sent?.seq ?? ledgerResult(steps, fact);
    const [rank, seq] = placed !== undefined ? [1, placed] : causedByUser(outcome, fact) ? [2, timeline.length] : [0, timeline.length];
    if (userConsumer && (fact.kind === 'consumed' || fact.kind === 'consume-failed') && fact.group === TARGET_GROUP) {
      say(fact.t, order, lang.userAnswered(fact), rank, seq);
      const persisted = fact.kind === 'consumed' && index !== undefined && sent !== undefined ? ackPersisted(index, fact.node, sent.to, fact.t) : undefined;
      if (persisted !== undefined && sent !== undefined && !told.has(`${order}\u0000${persisted.seq}`)) {
        told.add(`${order}\u0000${persisted.seq}`);
        say(persisted.time, order, lang.userAckPersisted(fact.node, sent.to), 1, persisted.seq);
      }
      continue;
    }
    const phrase = lang.facts[fact.kind] as (f: Fact, amount: number) => string | undefined;
    say(fact.t, order, phrase(fact, amounts.get(order) ?? 0), rank, seq);
  }
  if (outcome.trace.enabled) {
    for (const e of outcome.trace.events()) {
      if (!FAULT_KINDS.has(e.kind) || e.msg === 'register' || SUBSCRIBER_NODES.has(e.node) || SUBSCRIBER_NODES.has(e.peer)) continue;
      say(e.time, e.order, lang.fault(e), 1, e.seq);
    }
  }
  for (const s of steps) {
    const role = roleOfNode(outcome.topology, s.node);
    if (role === 'sec' || role === 'biz') say(s.time, s.order, lang.user(s, role === 'sec' ? 'consumer' : 'producer'), 1, s.seq);
  }
  timeline.sort((a, b) => a.t - b.t || a.rank - b.rank || a.seq - b.seq);

  const lines = [`${lang.heading.timeline}:`];
  for (const entry of timeline.slice(0, maxLines)) lines.push(entry.line);
  if (timeline.length > maxLines) lines.push(`  ${lang.more(timeline.length - maxLines)}`);
  if (subscriberDeliveries > 0) lines.push(`  ${lang.subscribers(subscriberDeliveries)}`);
  lines.push(...meaning(lang, orders, violations, orderWidth));
  return options.lang === 'zh' ? lines.map(zhPunctuate) : lines;
}

/** What the run means per order, then the violations. */
function meaning(lang: Language, orders: readonly OrderSummary[], violations: readonly Violation[], orderWidth: number): string[] {
  const lines = ['', `${lang.heading.meaning}:`];
  for (const o of orders) lines.push(`  ${o.id.padEnd(orderWidth)} ${lang.verdict(o)}`);
  lines.push('', `${lang.heading.violations}:`);
  if (violations.length === 0) lines.push(`  ${lang.none}`);
  for (const v of violations) lines.push(`  ${lang.violation(v)}`);
  return lines;
}
