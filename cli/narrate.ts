// Narration of a finished run, in English or Chinese, built only from the outcome: its facts (what the model
// observed), the fault events of its trace (crashes, lost, duplicated and delayed messages) and the order
// summaries. Three parts: what happened and when (a timeline), then what it means per order, then the violations.
import { TAG_SUBSCRIBERS, TARGET_GROUP } from '../model/config.ts';
import type { Fact } from '../model/facts.ts';
import type { OrderSummary } from '../model/orderSummary.ts';
import type { Outcome } from '../model/world.ts';
import type { Violation } from '../properties/types.ts';
import type { TraceEvent } from '../sim/trace.ts';

export type Lang = 'en' | 'zh';
export const LANGS: readonly Lang[] = ['en', 'zh'];

/** Longest timeline before the rest is summarised as "N more events". */
const DEFAULT_MAX_LINES = 150;

type Phrases = {
  [K in Fact['kind']]: (f: Extract<Fact, { kind: K }>, amount: number) => string | undefined;
};

interface Language {
  facts: Phrases;
  fault: (e: TraceEvent) => string | undefined;
  heading: { timeline: string; meaning: string; violations: string };
  more: (n: number) => string;
  subscribers: (n: number) => string;
  verdict: (o: OrderSummary) => string;
  violation: (v: Violation) => string;
  none: string;
}

const EN: Language = {
  facts: {
    'order-placed': (f, amount) => `placed with ${f.node}: buy ${amount} of the target fund, paid from the wallet through the money-market fund`,
    'client-response': (f) => `the investor is told ${f.ok ? 'the order succeeded' : `the order failed (${f.reason})`}`,
    'half-sent': (f) => `${f.node} sends the half message (prepare, attempt ${f.attempt}) to ${f.broker}`,
    'half-stored': (f) => `${f.node} stores the half message: invisible to consumers until the second confirmation`,
    'half-send-failed': (f) => `${f.node} gives up sending the half message: the order fails before any money moves`,
    'main-committed': (f) => `main transaction committed on ${f.node}: ${f.amount} moved from the wallet into the money-market fund`,
    'main-rolled-back': (f) => `main transaction rolled back on ${f.node} (${f.reason}): no money moved, so the message must never be delivered`,
    'end-tx': (f) =>
      f.action === 'unknown'
        ? `${f.node} answers UNKNOWN${f.fromCheck ? ' to the check-back' : ''}: the transaction center will ask again later`
        : `${f.node} sends ${f.action.toUpperCase()}${f.fromCheck ? ' in answer to a check-back' : ''} (the second confirmation)`,
    committed: (f) => `${f.node} commits the message: visible on queue ${f.queue}, so the target fund will be bought`,
    'rolled-back': (f) => `${f.node} rolls the half message back: it is discarded and nothing will be bought`,
    'end-tx-rejected': (f) => `${f.node} ignores a late or repeated confirmation (${f.reason})`,
    'check-sent': (f) => `no second confirmation yet: ${f.node} sends check-back #${f.checkTimes} to ${f.producer}`,
    'check-answered': (f) => `${f.node} looks up its local transaction and answers the check-back: ${f.answer.toUpperCase()}`,
    parked: (f) => `its check count at ${f.checkTimes} (TRANSACTION_CHECK_TIMES), ${f.node} parks the half message in TRANS_CHECK_MAX_TIME_TOPIC: nobody decides it without an operator`,
    resumed: (f) => `an operator resumes the parked half message on ${f.node}: check-backs start again`,
    alert: (f) => `ALERT (${f.alert}) from ${f.node}: a person has to look at this order`,
    delivered: (f) =>
      f.group === TARGET_GROUP ? `delivered to ${f.node}${f.reconsumeTimes > 0 ? ` (retry ${f.reconsumeTimes})` : ''}${f.redriven ? ', re-driven by the operator' : ''}` : undefined,
    filtered: () => undefined,
    consumed: (f) =>
      f.group !== TARGET_GROUP
        ? undefined
        : f.applied
          ? `${f.node} buys the target fund: the secondary transaction is done`
          : `${f.node} has seen this transaction id before and skips it: the idempotency record absorbs the duplicate`,
    'consume-failed': (f) => (f.group === TARGET_GROUP ? `${f.node} fails to buy the target fund (attempt ${f.reconsumeTimes + 1}); it answers RECONSUME_LATER` : undefined),
    'retry-scheduled': (f) => (f.group === TARGET_GROUP ? `${f.node} schedules retry ${f.reconsumeTimes} in ${duration(f.delayMs)}` : undefined),
    dlq: (f) => `after ${f.reconsumeTimes} retries ${f.node} moves the message to the dead-letter queue %DLQ%${f.group}`,
    redriven: (f) => `the operator re-drives the message from the dead-letter queue of ${f.group}`,
    'writes-lost': (f) => `${f.node} lost ${f.count} write(s) not yet flushed to disk (async flush)`,
  },
  fault: (e) => {
    switch (e.kind) {
      case 'CRASH': return `${e.node} crashes (${e.detail}): its timers and memory are gone`;
      case 'RESTART': return `${e.node} restarts and recovers from its durable store`;
      case 'DROP': return `the ${e.msg} from ${e.node} to ${e.peer} is lost (${e.detail})`;
      case 'LOST': return `the ${e.msg} from ${e.peer} never arrives at ${e.node} (${e.detail === 'node-down' ? 'it is down' : e.detail})`;
      case 'DUPLICATE': return `the ${e.msg} from ${e.node} to ${e.peer} is duplicated`;
      case 'DELAY': return `the ${e.msg} from ${e.node} to ${e.peer} is held back ${e.value} ms`;
      case 'PARTITION': return `${e.node} and ${e.peer} are cut off from each other`;
      case 'PARTITION_HEALED': return `${e.node} and ${e.peer} hear each other again`;
      case 'HEAL': return 'the faulty phase ends: random faults and partitions stop, crashed nodes restart (scripted faults already armed still apply)';
      default: return undefined;
    }
  },
  heading: { timeline: 'What happened', meaning: 'What it means', violations: 'Violations' },
  more: (n) => `... ${n} more event(s); --trace shows every event`,
  subscribers: (n) => `(the tag subscribers ops, customer-service, orchestration, compliance and data-center handled ${n} ${n === 1 ? 'delivery' : 'deliveries'}, not shown)`,
  verdict: (o) => {
    if (o.targetPurchases > 1) return `REPEATED PURCHASE: the target fund was bought ${o.targetPurchases} times for one order`;
    if (o.main !== 'committed' && o.targetPurchases > 0) return `INCONSISTENT: the target fund was bought although the main transaction is ${o.main}`;
    if (o.main === 'committed' && o.message === 'consumed') {
      return `consistent: the money-market fund and the target fund were each bought once${o.checks > 0 ? `, after ${o.checks} check-back(s)` : ''}${o.deliveries > 1 ? `; ${o.deliveries} deliveries (failed attempts and duplicates), one purchase` : ''}`;
    }
    if (o.main === 'committed' && o.message === 'dlq') return 'waiting for a person: the money left the wallet, the message is in the dead-letter queue and the alert asks an operator to re-drive it';
    if (o.main === 'committed' && o.message === 'filtered') return "INCONSISTENT: the money-market fund was bought, but the target group's own subscription filters the message out, so nothing will buy the target fund";
    if (o.message === 'parked') return `waiting for a person: the half message was parked when its check count ran out (${o.checks} check-back(s) sent); an operator must resume it`;
    if (o.main === 'rolled_back' && o.targetPurchases === 0) return o.message === 'rolled_back' || o.message === 'pending' ? 'consistent: the main transaction failed and nothing was bought' : `the main transaction failed; message ${o.message}`;
    if (o.main === 'committed') return `INCONSISTENT: the money-market fund was bought but the message is ${o.message}`;
    return `undecided: main transaction ${o.main}, message ${o.message}`;
  },
  violation: (v) => `${v.property}${v.order !== undefined ? ` (${v.order})` : ''} [${v.class}]: ${v.detail}`,
  none: 'none: every property holds',
};

const ZH_ANSWER: Record<string, string> = { commit: '提交 (COMMIT)', rollback: '回滚 (ROLLBACK)', unknown: '未知 (UNKNOWN)' };

const ZH: Language = {
  facts: {
    'order-placed': (f, amount) => `在 ${f.node} 下单:优惠购 ${amount},钱包先买货币基金,再用它买目标基金`,
    'client-response': (f) => `投资者收到结果:${f.ok ? '下单成功' : `下单失败(${f.reason})`}`,
    'half-sent': (f) => `${f.node} 向 ${f.broker} 发送半消息(Prepare,第 ${f.attempt} 次)`,
    'half-stored': (f) => `${f.node} 存下半消息:二次确认前,消费端感知不到它`,
    'half-send-failed': (f) => `${f.node} 放弃发送半消息:订单在任何资金变动前失败`,
    'main-committed': (f) => `主事务在 ${f.node} 提交:${f.amount} 从钱包转入货币基金`,
    'main-rolled-back': (f) => `主事务在 ${f.node} 回滚(${f.reason}):资金未动,这条消息绝不能投递`,
    'end-tx': (f) =>
      f.action === 'unknown'
        ? `${f.node} ${f.fromCheck ? '回答反查' : '回答'}:未知 (UNKNOWN),事务中心稍后会再反查`
        : `${f.node} ${f.fromCheck ? '根据反查结果' : ''}发送${ZH_ANSWER[f.action]}(二次确认)`,
    committed: (f) => `${f.node} 提交消息:在队列 ${f.queue} 上对消费端可见,目标基金将被购买`,
    'rolled-back': (f) => `${f.node} 回滚半消息:消息被丢弃,不会购买任何东西`,
    'end-tx-rejected': (f) => `${f.node} 忽略一个迟到或重复的确认(${f.reason})`,
    'check-sent': (f) => `迟迟没有二次确认:${f.node} 向 ${f.producer} 发起第 ${f.checkTimes} 次反查`,
    'check-answered': (f) => `${f.node} 查询本地事务并回答反查:${ZH_ANSWER[f.answer]}`,
    parked: (f) => `反查计数达到 ${f.checkTimes} 次(TRANSACTION_CHECK_TIMES),${f.node} 把半消息移入 TRANS_CHECK_MAX_TIME_TOPIC:没有人工介入就无人决定它`,
    resumed: (f) => `运维在 ${f.node} 上恢复被搁置的半消息:反查重新开始`,
    alert: (f) => `告警(${f.alert === 'dlq' ? '死信' : '反查次数用尽'}),来自 ${f.node}:需要人工处理这笔订单`,
    delivered: (f) =>
      f.group === TARGET_GROUP ? `投递给 ${f.node}${f.reconsumeTimes > 0 ? `(第 ${f.reconsumeTimes} 次重试)` : ''}${f.redriven ? ',由运维重新投递' : ''}` : undefined,
    filtered: () => undefined,
    consumed: (f) =>
      f.group !== TARGET_GROUP
        ? undefined
        : f.applied
          ? `${f.node} 购买目标基金:从事务完成`
          : `${f.node} 已处理过这个事务 ID,跳过:幂等记录吸收了重复消息`,
    'consume-failed': (f) => (f.group === TARGET_GROUP ? `${f.node} 购买目标基金失败(第 ${f.reconsumeTimes + 1} 次尝试),返回 RECONSUME_LATER` : undefined),
    'retry-scheduled': (f) => (f.group === TARGET_GROUP ? `${f.node} 安排第 ${f.reconsumeTimes} 次重试,${duration(f.delayMs)} 后` : undefined),
    dlq: (f) => `重试 ${f.reconsumeTimes} 次后,${f.node} 把消息压入死信队列 %DLQ%${f.group}`,
    redriven: (f) => `运维把消息从 ${f.group} 的死信队列重新投递`,
    'writes-lost': (f) => `${f.node} 丢失了 ${f.count} 条尚未刷盘的写入(异步刷盘)`,
  },
  fault: (e) => {
    switch (e.kind) {
      case 'CRASH': return `${e.node} 宕机(${e.detail === 'process' ? '进程' : '机器'}):定时器和内存状态全部丢失`;
      case 'RESTART': return `${e.node} 重启,从持久化存储恢复`;
      case 'DROP': return `${e.node} 发往 ${e.peer} 的 ${e.msg} 丢失(${e.detail === 'partition' ? '网络分区' : e.detail === 'scripted' ? '脚本注入' : '随机故障'})`;
      case 'LOST': return `${e.peer} 发来的 ${e.msg} 没有到达 ${e.node}(${e.detail === 'node-down' ? '对方宕机' : '网络分区'})`;
      case 'DUPLICATE': return `${e.node} 发往 ${e.peer} 的 ${e.msg} 重复到达`;
      case 'DELAY': return `${e.node} 发往 ${e.peer} 的 ${e.msg} 延迟 ${e.value} ms`;
      case 'PARTITION': return `${e.node} 与 ${e.peer} 之间网络分区`;
      case 'PARTITION_HEALED': return `${e.node} 与 ${e.peer} 之间网络恢复`;
      case 'HEAL': return '故障阶段结束:随机故障与网络分区停止,宕机节点重启(已布设的脚本故障仍然生效)';
      default: return undefined;
    }
  },
  heading: { timeline: '经过', meaning: '结论', violations: '违反的性质' },
  more: (n) => `……另有 ${n} 个事件;用 --trace 查看全部`,
  subscribers: (n) => `(标签订阅方 ops、customer-service、orchestration、compliance、data-center 共收到 ${n} 次投递,未列出)`,
  verdict: (o) => {
    if (o.targetPurchases > 1) return `重复购买:一笔订单买了 ${o.targetPurchases} 次目标基金`;
    if (o.main !== 'committed' && o.targetPurchases > 0) return `不一致:主事务为 ${o.main},却买了目标基金`;
    if (o.main === 'committed' && o.message === 'consumed') {
      return `最终一致:货币基金和目标基金各买一次${o.checks > 0 ? `,经过 ${o.checks} 次反查` : ''}${o.deliveries > 1 ? `;共投递 ${o.deliveries} 次(含失败重试与重复投递),只买一次` : ''}`;
    }
    if (o.main === 'committed' && o.message === 'dlq') return '等待人工:钱已离开钱包,消息在死信队列,告警提示运维重新投递';
    if (o.main === 'committed' && o.message === 'filtered') return '不一致:货币基金已买,但目标组自己的订阅过滤掉了这条消息,不会有人买目标基金';
    if (o.message === 'parked') return `等待人工:反查次数用尽,半消息被搁置(实际发出 ${o.checks} 次反查),需要运维恢复`;
    if (o.main === 'rolled_back' && o.targetPurchases === 0) return o.message === 'rolled_back' || o.message === 'pending' ? '一致:主事务失败,什么也没买' : `主事务失败;消息状态 ${o.message}`;
    if (o.main === 'committed') return `不一致:货币基金已买,消息却是 ${o.message}`;
    return `未决:主事务 ${o.main},消息 ${o.message}`;
  },
  violation: (v) => `${v.property}${v.order !== undefined ? `(${v.order})` : ''} [${v.class === 'safety' ? '安全性' : '活性'}]:${v.detail}`,
  none: '无:所有性质都成立',
};

const LANGUAGES: Record<Lang, Language> = { en: EN, zh: ZH };
const FAULT_KINDS = new Set(['CRASH', 'RESTART', 'DROP', 'LOST', 'DUPLICATE', 'DELAY', 'PARTITION', 'PARTITION_HEALED', 'HEAL']);
const SUBSCRIBER_NODES = new Set(TAG_SUBSCRIBERS.map((s) => s.group));

/** `850 ms`, `12.5 s`, `3 min 20 s`, `2 h 5 min`. */
export function duration(ms: number): string {
  if (ms < 1_000) return `${ms} ms`;
  if (ms < 59_950) return `${Number((ms / 1_000).toFixed(1))} s`;
  const unit = (value: number, name: string) => (value === 0 ? '' : ` ${value} ${name}`);
  // Round to the shown unit first, so 59.6 s of a minute carries into the minutes instead of printing "60 s".
  if (ms < 3_600_000) {
    const seconds = Math.round(ms / 1_000);
    if (seconds < 3_600) return `${Math.floor(seconds / 60)} min${unit(seconds % 60, 's')}`;
  }
  const minutes = Math.round(ms / 60_000);
  return `${Math.floor(minutes / 60)} h${unit(minutes % 60, 'min')}`;
}

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
  for (const fact of outcome.facts) {
    if (fact.kind === 'delivered' && fact.group !== TARGET_GROUP) subscriberDeliveries++;
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
  return lines;
}
