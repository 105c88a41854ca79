// The catalogue's functions: order states, reasons, message names, violation details, expectation lines, property
// classes and end states in the reader's language. The words themselves are in one catalogue per language
// (i18n/en.ts, i18n/zh.ts). Checkers write their details in English for logs and JSON; the Chinese reading is
// derived from the detail's known shapes (i18n/zh.ts ZH_DETAILS), so a checker that adds a new shape shows a
// generic Chinese sentence for its property (never English prose) until a pattern is added.
import type { Lang } from './lang.ts';
import { EN_CATALOG } from './i18n/en.ts';
import { ZH_CATALOG, ZH_DETAILS, ZH_MESSAGES, ZH_PROPERTY_DESCRIPTIONS, ZH_REASONS, ZH_STATES, ZH_STOPS, zhUnknownDetail } from './i18n/zh.ts';
import { zhPunctuate } from './zhPunctuation.ts';

/**
 * A state (main transaction or message) in the reader's language.
 *
 * @example
 * stateText('zh', 'rolled_back'); // '已回滚'
 */
export function stateText(lang: Lang, state: string): string {
  return lang === 'zh' ? (ZH_STATES[state] ?? state) : state;
}

/**
 * A reason the model records, in the reader's language.
 *
 * @example
 * reasonText('zh', 'insufficient-balance'); // '余额不足'
 */
export function reasonText(lang: Lang, reason: string): string {
  return lang === 'zh' ? (ZH_REASONS[reason] ?? reason) : reason;
}

/**
 * A protocol message's name in the reader's language; unknown names stay code, in backticks.
 *
 * @example
 * messageText('zh', 'checkReply'); // '反查回答'
 */
export function messageText(lang: Lang, msg: string): string {
  return lang === 'zh' ? (ZH_MESSAGES[msg] ?? `\`${msg}\``) : msg;
}

const g = (m: RegExpMatchArray, i: number): string => m[i] ?? '';

/**
 * A violation's detail in the reader's language: the checker's English text, or its Chinese reading.
 *
 * @example
 * violationDetail('zh', { property: 'no-double-purchase', detail: 'the target fund was bought 2 times (transaction ids a, b)' });
 * // '目标基金被购买了 2 次(事务 ID:a, b)'
 */
export function violationDetail(lang: Lang, v: { property: string; detail: string }): string {
  if (lang === 'en') return v.detail;
  for (const [pattern, zh] of ZH_DETAILS) {
    const m = v.detail.match(pattern);
    if (m !== null) return zhPunctuate(zh(m));
  }
  return zhPunctuate(zhUnknownDetail(v.property));
}

/**
 * A checker's description in the reader's language.
 *
 * @example
 * propertyDescription('zh', 'no-double-purchase', 'The target fund is bought at most once ...'); // '每笔订单的目标基金最多购买一次 ...'
 */
export function propertyDescription(lang: Lang, property: string, english: string): string {
  const zh = lang === 'zh' ? ZH_PROPERTY_DESCRIPTIONS[property] : undefined;
  return zh === undefined ? english : zhPunctuate(zh);
}

/**
 * Why a run stopped settling (sim/simulation.ts StopReason), in the reader's language.
 *
 * @example
 * stopText('zh', 'condition'); // '到达终态'
 */
export function stopText(lang: Lang, stop: string): string {
  return lang === 'zh' ? (ZH_STOPS[stop] ?? stop) : stop;
}

/** Words of the catalogue's sentences in one language (report/i18n/en.ts and zh.ts). */
export interface CatalogWords {
  propertyClass(cls: string): string;
  /** An expectation on an order's field; `state` already in this language. */
  expectField(order: string, field: string, state: string): string;
  expectViolation(property: string, order: string | undefined): string;
  expectAlert(alert: string, order: string | undefined): string;
  noViolations: string;
  found(n: string): string;
  notFound: string;
  raised: string;
  notRaised: string;
  violationCount(n: string): string;
  endBoughtTimes(n: number): string;
  endBoughtAlthough(main: string): string;
  endParked: string;
  endDlq: string;
  endNeverBought(message: string): string;
  endUnfinished(main: string, message: string): string;
  violationNote(property: string, detail: string): string;
  /** The last line of `txsim scenarios`. */
  scenariosFooter(count: number): string;
}

/** The catalogue's sentences in a language. */
export const words = (lang: Lang): CatalogWords => (lang === 'zh' ? ZH_CATALOG : EN_CATALOG);

/**
 * A property class in the reader's language.
 *
 * @example
 * propertyClassText('zh', 'safety'); // '安全性'
 */
export function propertyClassText(lang: Lang, cls: string): string {
  return words(lang).propertyClass(cls);
}

/**
 * An expectation line (scenarios/expectations.ts `what`) or its `actual`, in the reader's language.
 *
 * @example
 * expectationText('zh', 'o1 main = committed'); // 'o1 主事务 = 已提交'
 */
export function expectationText(lang: Lang, what: string): string {
  if (lang === 'en') return what;
  const w = words(lang);
  let m = what.match(/^(\S+) (main|message|targetPurchases|deliveries|checks) = (\S+)$/);
  if (m !== null) return w.expectField(g(m, 1), g(m, 2), stateText(lang, g(m, 3)));
  m = what.match(/^violation (\S+)(?: on (\S+))?$/);
  if (m !== null) return w.expectViolation(g(m, 1), m[2]);
  m = what.match(/^alert (\S+)(?: for (\S+))?$/);
  if (m !== null) return w.expectAlert(g(m, 1), m[2]);
  if (what === 'no property violations') return w.noViolations;
  m = what.match(/^(\d+) found$/);
  if (m !== null) return w.found(g(m, 1));
  if (what === 'not found') return w.notFound;
  if (what === 'raised') return w.raised;
  if (what === 'not raised') return w.notRaised;
  m = what.match(/^(\d+) violation\(s\)$/);
  if (m !== null) return w.violationCount(g(m, 1));
  return stateText(lang, what);
}

export interface EndStateFacts {
  main: string;
  message: string;
  targetPurchases: number;
}

/**
 * The end state of an order worth a mark on its diagram (bought twice, parked, in the DLQ, lost, unfinished);
 * undefined for a consistent end.
 *
 * @example
 * endStateText('en', { main: 'committed', message: 'parked', targetPurchases: 0 });
 * // 'end state: parked in TRANS_CHECK_MAX_TIME_TOPIC, the target fund not bought: waiting for an operator'
 */
export function endStateText(lang: Lang, o: EndStateFacts): string | undefined {
  const w = words(lang);
  const st = (state: string): string => stateText(lang, state);
  if (o.targetPurchases > 1) return w.endBoughtTimes(o.targetPurchases);
  if (o.main !== 'committed' && o.targetPurchases > 0) return w.endBoughtAlthough(st(o.main));
  if (o.message === 'parked') return w.endParked;
  if (o.message === 'dlq') return w.endDlq;
  if (o.main === 'committed' && o.targetPurchases === 0) return w.endNeverBought(st(o.message));
  if (o.main === 'pending' || (o.message === 'pending' && o.main !== 'rolled_back')) return w.endUnfinished(st(o.main), st(o.message));
  return undefined;
}

/**
 * A violation as a diagram note names it: the property id (kept as code in both languages) and the detail.
 *
 * @example
 * violationNote('zh', { property: 'atomicity', detail: '...' }); // '违反 atomicity：...'
 */
export function violationNote(lang: Lang, v: { property: string; detail: string }): string {
  return words(lang).violationNote(v.property, violationDetail(lang, v));
}
