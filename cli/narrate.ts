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
  /** A user's consumer machine answered success (its purchase, if any, is the `purchased` fact). */
  userAnswered: (node: string) => string;
  subscribers: (n: number) => string;
  verdict: (o: OrderSummary) => string;
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
  const timeline: Array<{ t: number; line: string }> = [];
  const say = (t: number, order: string, text: string | undefined): void => {
    if (text !== undefined) timeline.push({ t, line: `${stamp(t)}  ${order.padEnd(orderWidth)} ${text}` });
  };

  let subscriberDeliveries = 0;
  // A user's consumer may answer before it buys: its answers are only answers, its purchases the `purchased` facts.
  const userConsumer = outcome.userRoleRuntime?.consumer !== undefined;
  for (const fact of outcome.facts) {
    if (fact.kind === 'delivered' && fact.group !== TARGET_GROUP) subscriberDeliveries++;
    if (userConsumer && fact.kind === 'consumed' && fact.group === TARGET_GROUP) {
      say(fact.t, fact.order, lang.userAnswered(fact.node));
      continue;
    }
    const phrase = lang.facts[fact.kind] as (f: Fact, amount: number) => string | undefined;
    say(fact.t, 'order' in fact ? fact.order : '', phrase(fact, 'order' in fact ? (amounts.get(fact.order) ?? 0) : 0));
  }
  if (outcome.trace.enabled) {
    for (const e of outcome.trace.events()) {
      if (!FAULT_KINDS.has(e.kind) || e.msg === 'register' || SUBSCRIBER_NODES.has(e.node) || SUBSCRIBER_NODES.has(e.peer)) continue;
      say(e.time, e.order, lang.fault(e));
    }
  }
  // Stable: facts keep their recorded order among themselves at equal times, trace faults after them.
  timeline.sort((a, b) => a.t - b.t);

  const lines = [`${lang.heading.timeline}:`];
  for (const entry of timeline.slice(0, maxLines)) lines.push(entry.line);
  if (timeline.length > maxLines) lines.push(`  ${lang.more(timeline.length - maxLines)}`);
  if (subscriberDeliveries > 0) lines.push(`  ${lang.subscribers(subscriberDeliveries)}`);
  lines.push('', `${lang.heading.meaning}:`);
  for (const o of orders) lines.push(`  ${o.id.padEnd(orderWidth)} ${lang.verdict(o)}`);
  lines.push('', `${lang.heading.violations}:`);
  if (violations.length === 0) lines.push(`  ${lang.none}`);
  for (const v of violations) lines.push(`  ${lang.violation(v)}`);
  return options.lang === 'zh' ? lines.map(zhPunctuate) : lines;
}
