// The message catalogue for what a reader sees beyond the narration and the diagram words: order states,
// violation details, expectation lines, property classes and end states, in English and in the seed article's
// Chinese (半消息, 二次确认, 反查, 死信队列, 幂等, 主事务, 从事务). Checkers write their details in English for
// logs and JSON; the Chinese reading is derived here from the detail's known shapes, so a checker that adds a new
// shape shows a generic Chinese sentence for its property (never English prose) until a pattern is added.
import type { Lang } from './lang.ts';
import { zhPunctuate } from './zhPunctuation.ts';

type Pattern = readonly [RegExp, (m: RegExpMatchArray) => string];

/** Order and message states, as a table cell or in a sentence. */
const ZH_STATES: Record<string, string> = {
  committed: '已提交',
  rolled_back: '已回滚',
  pending: '未决',
  consumed: '已消费',
  dlq: '死信队列',
  parked: '已搁置',
};

/**
 * A state (main transaction or message) in the reader's language.
 *
 * @example
 * stateText('zh', 'rolled_back'); // '已回滚'
 */
export function stateText(lang: Lang, state: string): string {
  return lang === 'zh' ? (ZH_STATES[state] ?? state) : state;
}

/** Reasons the model records (client responses, rollbacks, rejected confirmations). */
const ZH_REASONS: Record<string, string> = {
  accepted: '已受理',
  'insufficient-balance': '余额不足',
  'business-rollback': '业务回滚',
  'check-rollback': '反查回答回滚',
  'send-failed': '半消息发送失败',
  'half message not found': '找不到这条半消息',
  'producer group wrong': '生产者组不符',
  'already resolved (idealized)': '已经决定过 (理想化的事务中心)',
};

/**
 * A reason the model records, in the reader's language.
 *
 * @example
 * reasonText('zh', 'insufficient-balance'); // '余额不足'
 */
export function reasonText(lang: Lang, reason: string): string {
  return lang === 'zh' ? (ZH_REASONS[reason] ?? reason) : reason;
}

/** Protocol messages (the trace's `msg`) in Chinese, the article's words first, the protocol name after it. */
const ZH_MESSAGES: Record<string, string> = {
  prepare: '半消息 (Prepare)',
  prepareAck: '半消息确认 (OK)',
  commit: '提交 (Commit)',
  rollback: '回滚 (Rollback)',
  check: '反查',
  checkReply: '反查回答',
  deliver: '投递',
  consumeAck: '消费确认',
  alert: '告警',
  redrive: '重新投递',
  resume: '恢复反查',
  offsetCommit: '位点提交',
  offsetCommitted: '位点确认',
  register: '注册',
  registered: '注册确认',
  reregister: '重新注册',
};

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

/** Known shapes of checker details (properties/checkers/*.ts) and their Chinese reading. */
const ZH_DETAILS: readonly Pattern[] = [
  [/^the main transaction committed (\d+) times \(the wallet was debited more than once\)$/, (m) => `主事务提交了 ${g(m, 1)} 次(钱包被重复扣款)`],
  [/^the target fund was bought (\d+)x although the main transaction is (\S+)$/, (m) => `主事务${S(m[2])},目标基金却被购买了 ${g(m, 1)} 次`],
  [/^the main transaction committed \(t=(\d+)\) but the target fund was never bought; the message ended (\S+)$/, (m) => `主事务已提交(t=${g(m, 1)}),目标基金却从未购买;消息最终状态:${S(m[2])}`],
  [/^the target ledger shows (\d+) purchases but the history (\d+)$/, (m) => `目标基金账本记录 ${g(m, 1)} 次购买,事件历史却是 ${g(m, 2)} 次`],
  [/^the target fund was bought (\d+) times \(transaction ids (.+)\)$/, (m) => `目标基金被购买了 ${g(m, 1)} 次(事务 ID 为 ${g(m, 2)})`],
  [/^(\S+): retry (\d+) scheduled at t=(\d+) with delay (\d+) ms, expected (\d+) ms \(level (.+)\)$/, (m) => `${g(m, 1)}:第 ${g(m, 2)} 次重试安排在 t=${g(m, 3)},延迟 ${g(m, 4)} ms,应为 ${g(m, 5)} ms(延迟级别 ${g(m, 6)})`],
  [/^(\S+): retry (\d+) scheduled past maxReconsumeTimes=(\d+)$/, (m) => `${g(m, 1)}:第 ${g(m, 2)} 次重试超过了 maxReconsumeTimes=${g(m, 3)}`],
  [/^(\S+): delivered (\d+) times before the DLQ \(at most maxReconsumeTimes\+1 = (\d+)\)$/, (m) => `${g(m, 1)}:进入死信队列前投递了 ${g(m, 2)} 次(最多 maxReconsumeTimes+1 = ${g(m, 3)} 次)`],
  [/^(\S+): retry (\d+) delivered at t=(\d+) before any retry \d+ fell due$/, (m) => `${g(m, 1)}:第 ${g(m, 2)} 次重试在 t=${g(m, 3)} 投递,早于到期时间`],
  [/^(\S+): (\d+) dead letters but (\d+) dlq alerts$/, (m) => `${g(m, 1)}:${g(m, 2)} 条死信,却有 ${g(m, 3)} 条死信告警`],
  [/^(\S+): dead-lettered at t=(\d+) with reconsumeTimes=(\d+), expected maxReconsumeTimes=(\d+)$/, (m) => `${g(m, 1)}:在 t=${g(m, 2)} 进入死信队列时 reconsumeTimes=${g(m, 3)},应为 maxReconsumeTimes=${g(m, 4)}`],
  [/^(\S+): (\d+) dead letters in one cycle but only (\d+) failed last attempts$/, (m) => `${g(m, 1)}:一轮中 ${g(m, 2)} 条死信,最后一次失败的尝试却只有 ${g(m, 3)} 次`],
  [/^(\S+): its last attempt failed at t=(\d+) but it never reached the DLQ$/, (m) => `${g(m, 1)}:最后一次尝试在 t=${g(m, 2)} 失败,消息却没有进入死信队列`],
  [/^committed by (\S+) at t=(\d+) although nobody decided commit$/, (m) => `${g(m, 1)} 在 t=${g(m, 2)} 提交了消息,可没有任何一方决定提交`],
  [/^committed at t=(\d+) after it was rolled back at t=(\d+)$/, (m) => `在 t=${g(m, 2)} 回滚后,又在 t=${g(m, 1)} 提交`],
  [/^rolled back at t=(\d+), yet delivered to (\S+) at t=(\d+)$/, (m) => `在 t=${g(m, 1)} 已回滚,却在 t=${g(m, 3)} 投递给 ${g(m, 2)}`],
  [/^delivered to (\S+) at t=(\d+) before any commit$/, (m) => `在任何提交之前,于 t=${g(m, 2)} 投递给 ${g(m, 1)}`],
  [/^livelock: the step limit was hit after (\d+) steps$/, (m) => `活锁:${g(m, 1)} 步后达到步数上限`],
  [/^did not settle within (\d+) ms after heal \(stopped: (.+)\)$/, (m) => `故障结束后 ${g(m, 1)} ms 内未能稳定(停止原因:${g(m, 2)})`],
  [/^message still pending at the end( \(its half message is still open\))?; main (\S+)$/, (m) => `运行结束时消息仍未决${m[1] === undefined ? '' : '(半消息仍未关闭)'};主事务${S(m[2])}`],
  [/^(\S+) has no ledger entries at the end of the run$/, (m) => `${g(m, 1)} 在运行结束时没有账本记录`],
  [/^(\S+): wallet (-?\d+) \+ MMF (-?\d+) - redeemed (-?\d+) \+ target (-?\d+) = (-?\d+), but the initial wallet was (-?\d+)$/, (m) => `${g(m, 1)}:钱包 ${g(m, 2)} + 货币基金 ${g(m, 3)} - 已赎回 ${g(m, 4)} + 目标基金 ${g(m, 5)} = ${g(m, 6)},初始钱包却是 ${g(m, 7)}`],
  [/^(\S+): a negative part \(wallet (-?\d+) \+ MMF (-?\d+) - redeemed (-?\d+) \+ target (-?\d+)\)$/, (m) => `${g(m, 1)}:出现负数(钱包 ${g(m, 2)} + 货币基金 ${g(m, 3)} - 已赎回 ${g(m, 4)} + 目标基金 ${g(m, 5)})`],
  [/^main committed at t=(\d+) but the transaction center rolled the message back$/, (m) => `主事务在 t=${g(m, 1)} 提交,事务中心却回滚了消息`],
  [/^main committed at t=(\d+) but the message vanished: .*$/, (m) => `主事务在 t=${g(m, 1)} 提交,消息却消失了:未被消费、不在死信队列、未被搁置,也没有未决的半消息`],
  [/^(\S+) received it at t=(\d+) tagged '(.*)', but the order's tag is '(.*)'$/, (m) => `${g(m, 1)} 在 t=${g(m, 2)} 收到标签为 '${g(m, 3)}' 的消息,订单的标签却是 '${g(m, 4)}'`],
  [/^(\S+) \((.+)\) received it at t=(\d+) but it was never committed$/, (m) => `${g(m, 1)}(${g(m, 2)})在 t=${g(m, 3)} 收到了消息,可它从未提交`],
  [/^(\S+) \((.+)\) received it at t=(\d+) but its tag '(.*)' does not match$/, (m) => `${g(m, 1)}(${g(m, 2)})在 t=${g(m, 3)} 收到了消息,可它的标签 '${g(m, 4)}' 不匹配`],
  [/^(\S+) \((.+)\) never received it, though committed at t=(\d+) with tag '(.*)'$/, (m) => `${g(m, 1)}(${g(m, 2)})从未收到消息,尽管它已在 t=${g(m, 3)} 以标签 '${g(m, 4)}' 提交`],
];

/** What each property guarantees, in Chinese: the fallback for a detail of unknown shape. */
const ZH_PROPERTIES: Record<string, string> = {
  atomicity: '主事务与从事务要么都完成,要么都不做',
  'no-double-purchase': '一笔订单的目标基金最多购买一次',
  'money-conserved': '每位投资者的资金总额守恒',
  'half-invisible': '二次确认提交之前,半消息对消费端不可见',
  'no-loss': '主事务提交后,消息不会丢失',
  dlq: '重试按延迟级别进行,用尽后进入死信队列并告警',
  'tag-routing': '每个订阅组只收到标签匹配的消息',
  liveness: '故障结束后每笔订单都在时限内到达终态',
};

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

/** What each property guarantees, in full, in Chinese (the checker's own description is English). */
const ZH_PROPERTY_DESCRIPTIONS: Record<string, string> = {
  atomicity: '稳定之后,主事务提交当且仅当目标基金被购买 (死信队列或被搁置的消息会打破它);失败或回滚的主事务什么也不买。',
  'no-double-purchase': '每笔订单的目标基金最多购买一次 (消费端以事务 ID 实现幂等)。',
  'half-invisible': '订单第一次提交之前不投递;只有决定提交后才提交;回滚的事务永远不会被提交或投递。',
  'no-loss': '主事务提交的订单,最终要么被消费,要么在死信队列并有死信告警,要么被搁置并有反查次数用尽告警;不会消失。',
  dlq: '重试按延迟级别进行 (3 + reconsumeTimes),进入死信队列前最多投递 maxReconsumeTimes+1 次,每条死信一条记录、一次告警。',
  'money-conserved': '每位投资者:钱包 + 货币基金 - 已赎回的货币基金 + 目标基金 == 初始钱包,且每一部分都不小于 0。',
  'tag-routing': '每个订阅组的监听器恰好收到标签与订阅匹配的已提交订单,不多不少;"*" 接收全部。',
  liveness: '故障结束后,每笔订单都在稳定时限内到达终态 (已消费、死信队列、已搁置或已回滚);没有活锁。',
};

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

const ZH_STOPS: Record<string, string> = { condition: '到达终态', 'time-limit': '达到时限', idle: '无事可做', 'step-limit': '达到步数上限' };

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

const ZH_FIELDS: Record<string, string> = {
  main: '主事务',
  message: '消息',
  targetPurchases: '目标基金购买次数',
  deliveries: '投递次数',
  checks: '反查次数',
};

const ZH_ALERTS: Record<string, string> = { dlq: '死信告警', 'check-max': '反查次数用尽告警' };

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
