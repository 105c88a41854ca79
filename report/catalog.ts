// The message catalogue for what a reader sees beyond the narration and the diagram words: order states,
// violation details, expectation lines, property classes and end states, in English and in the seed article's
// Chinese (半消息, 二次确认, 反查, 死信队列, 幂等, 主事务, 从事务). Checkers write their details in English for
// logs and JSON; the Chinese reading is derived here from the detail's known shapes, so a checker that adds a new
// shape shows a generic Chinese sentence for its property (never English prose) until a pattern is added.
import type { Lang } from './lang.ts';
import { ZH_ALERTS, ZH_DETAILS, ZH_FIELDS, ZH_MESSAGES, ZH_PROPERTIES, ZH_PROPERTY_DESCRIPTIONS, ZH_REASONS, ZH_STATES, ZH_STOPS } from './i18n/zh.ts';
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

const S = (state: string | undefined): string => ZH_STATES[state ?? ''] ?? state ?? '';
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
  return zhPunctuate(`违反:${ZH_PROPERTIES[v.property] ?? '性质不成立'}`);
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

/**
 * A property class in the reader's language.
 *
 * @example
 * propertyClassText('zh', 'safety'); // '安全性'
 */
export function propertyClassText(lang: Lang, cls: string): string {
  if (lang === 'en') return cls;
  return cls === 'safety' ? '安全性' : cls === 'liveness' ? '活性' : cls;
}

/**
 * An expectation line (scenarios/expectations.ts `what`) or its `actual`, in the reader's language.
 *
 * @example
 * expectationText('zh', 'o1 main = committed'); // 'o1 主事务 = 已提交'
 */
export function expectationText(lang: Lang, what: string): string {
  if (lang === 'en') return what;
  let m = what.match(/^(\S+) (main|message|targetPurchases|deliveries|checks) = (\S+)$/);
  if (m !== null) return `${g(m, 1)} ${ZH_FIELDS[g(m, 2)] ?? ''} = ${S(m[3])}`;
  m = what.match(/^violation (\S+)(?: on (\S+))?$/);
  if (m !== null) return `${m[2] === undefined ? '' : `${m[2]} `}违反性质 ${g(m, 1)}`;
  m = what.match(/^alert (\S+)(?: for (\S+))?$/);
  if (m !== null) return `${m[2] === undefined ? '' : `${m[2]} `}发出${ZH_ALERTS[g(m, 1)] ?? `告警 ${g(m, 1)}`}`;
  if (what === 'no property violations') return '没有违反任何性质';
  m = what.match(/^(\d+) found$/);
  if (m !== null) return `找到 ${g(m, 1)} 处`;
  if (what === 'not found') return '没有找到';
  if (what === 'raised') return '已发出';
  if (what === 'not raised') return '没有发出';
  m = what.match(/^(\d+) violation\(s\)$/);
  if (m !== null) return `${g(m, 1)} 处违反`;
  return S(what);
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
  const zh = lang === 'zh';
  if (o.targetPurchases > 1) return zh ? `最终状态:目标基金被购买了 ${o.targetPurchases} 次(重复购买)` : `end state: the target fund was bought ${o.targetPurchases} times (repeated purchase)`;
  if (o.main !== 'committed' && o.targetPurchases > 0) return zh ? `最终状态:主事务${S(o.main)},目标基金却已购买` : `end state: the target fund was bought although the main transaction is ${o.main}`;
  if (o.message === 'parked') {
    return zh ? '最终状态:半消息被搁置在 TRANS_CHECK_MAX_TIME_TOPIC,目标基金未购买:等待运维处理' : 'end state: parked in TRANS_CHECK_MAX_TIME_TOPIC, the target fund not bought: waiting for an operator';
  }
  if (o.message === 'dlq') return zh ? '最终状态:消息在死信队列,目标基金未购买:等待运维重新投递' : 'end state: in the dead-letter queue, the target fund not bought: waiting for an operator to re-drive it';
  if (o.main === 'committed' && o.targetPurchases === 0) {
    return zh ? `最终状态:钱已转入货币基金,目标基金却从未购买(消息${S(o.message)})` : `end state: the money is in the money-market fund but the target fund was never bought (message ${o.message})`;
  }
  if (o.main === 'pending' || (o.message === 'pending' && o.main !== 'rolled_back')) {
    return zh ? `最终状态:未完成(主事务${S(o.main)},消息${S(o.message)})` : `end state: unfinished (main ${o.main}, message ${o.message})`;
  }
  return undefined;
}

/**
 * A violation as a diagram note names it: the property id (kept as code in both languages) and the detail.
 *
 * @example
 * violationNote('zh', { property: 'atomicity', detail: '...' }); // '违反 atomicity:...'
 */
export function violationNote(lang: Lang, v: { property: string; detail: string }): string {
  return lang === 'zh' ? `违反 ${v.property}\uff1a${violationDetail(lang, v)}` : `violation ${v.property}: ${v.detail}`;
}
