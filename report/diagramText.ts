// The words of a run's sequence diagram, in English and in the seed article's Chinese (业务系统, 事务中心,
// 主事务, 从事务, 反查接口, 执行(购买货币基金) ...). Templates may hold `{n}` (an attempt number) and `{d}` (a
// duration); folding repeated steps turns them into ranges, so they stay placeholders until rendering.
import { reasonText } from './catalog.ts';
import type { Lang } from './lang.ts';
import type { Role } from './roles.ts';

export type MainResult = 'ok' | 'insufficient-balance' | 'business-rollback' | 'check-rollback' | 'unknown' | 'throw';
export type CheckAnswerText = 'commit' | 'rollback' | 'unknown';

export interface DiagramText {
  readonly lang: Lang;
  /** A delivery loop in which the target fund was bought more than once. */
  repeatedPurchaseLoop(purchases: number, deliveries: number): string;
  role(role: Role): string;
  /** The subscribers' common role name (a lane caption). */
  subscriber: string;
  title(name: string, seed: number, scope: string): string;
  scopeOrder(order: string): string;
  scopeOrders(count: number): string;
  orderSection(order: string): string;
  placed(order: string, node: string, amount: number): string;
  prepare(attempt: number): string;
  prepareOk: string;
  sendFailed: string;
  mainCall: string;
  mainReturn(result: MainResult): string;
  unknownNote: string;
  endTx(action: 'commit' | 'rollback'): string;
  /** Template with `{n}`. */
  check: string;
  checkQuery: string;
  checkReturn(answer: CheckAnswerText): string;
  checkReply(answer: CheckAnswerText): string;
  committed(queue: number): string;
  rolledBack: string;
  rejected(reason: string): string;
  parked(checkTimes: number): string;
  alert(kind: 'dlq' | 'check-max'): string;
  resume: string;
  redrive: string;
  /** Template with `{n}`. */
  deliver(redriven: boolean): string;
  consumeReturn(result: 'ok' | 'duplicate' | 'failed'): string;
  /** Template with `{n}` and `{d}`. */
  retry: string;
  dlq(group: string, reconsumeTimes: number): string;
  subscriberDeliver: string;
  subscriberReturn(ok: boolean): string;
  crash(node: string, kind: string, lostWrites: number): string;
  restart(node: string): string;
  partition(a: string, b: string): string;
  partitionHealed(a: string, b: string): string;
  lost(reason: string): string;
  duplicated: string;
  delayed(ms: string): string;
  altSucceeded: string;
  altFailed: string;
  deliveryLoop(succeeded: boolean, deliveries: number, retries: number, delays: string | undefined): string;
  checkLoop(resolved: boolean, checks: number, interval: string | undefined, every: boolean): string;
  subscribers: string;
  omitted(count: number): string;
  noTrace: string;
  at(time: string): string;
}

const EN_ROLES: Record<string, string> = {
  biz: 'Business system',
  tc: 'Transaction center',
  main: 'Main transaction',
  sec: 'Secondary transaction',
  ops: 'Operator',
};

const ZH_ROLES: Record<string, string> = {
  biz: '业务系统',
  tc: '事务中心',
  main: '主事务',
  sec: '从事务',
  ops: '运维',
};

const EN_LOST: Record<string, string> = {
  scripted: 'lost: scripted drop',
  random: 'lost: network jitter',
  partition: 'lost: partition',
  'node-down': 'lost: receiver down',
};

const ZH_LOST: Record<string, string> = {
  scripted: '丢失: 注入故障',
  random: '丢失: 网络抖动',
  partition: '丢失: 网络分区',
  'node-down': '丢失: 接收方宕机',
};

const EN: DiagramText = {
  lang: 'en',
  repeatedPurchaseLoop: (purchases, deliveries) => `secondary transaction ran ${purchases} times (repeated purchase): ${deliveries} deliveries`,
  role: (role) => EN_ROLES[role] ?? `Subscriber ${role.slice('sub:'.length)}`,
  subscriber: 'Subscriber',
  title: (name, seed, scope) => `txsim run ${name}, seed ${seed}, ${scope}`,
  scopeOrder: (order) => `order ${order}`,
  scopeOrders: (count) => `${count} order${count === 1 ? '' : 's'}`,
  orderSection: (order) => `Order ${order}`,
  placed: (order, node, amount) => `order ${order} placed at ${node} (amount ${amount})`,
  prepare: (attempt) => (attempt > 1 ? `Prepare (half message, attempt ${attempt})` : 'Prepare (half message)'),
  prepareOk: 'OK',
  sendFailed: 'half message not acknowledged after all attempts: the order fails',
  mainCall: 'execute (buy money-market fund)',
  mainReturn: (result) =>
    ({
      ok: 'Return: success',
      'insufficient-balance': 'Return: failed (insufficient balance)',
      'business-rollback': 'Return: rolled back',
      'check-rollback': 'Return: rolled back',
      unknown: 'Return: UNKNOW',
      throw: 'Return: exception (UNKNOW)',
    })[result],
  unknownNote: 'UNKNOW: no second-phase confirmation, wait for the check-back',
  endTx: (action) => (action === 'commit' ? 'Commit' : 'Rollback'),
  check: 'check-back {n}',
  checkQuery: 'query/execute the transaction',
  checkReturn: (answer) => ({ commit: 'Return: committed', rollback: 'Return: rolled back', unknown: 'Return: unknown' })[answer],
  checkReply: (answer) => `${{ commit: 'Commit', rollback: 'Rollback', unknown: 'UNKNOW' }[answer]} (check-back answer)`,
  committed: (queue) => `half message committed: visible to consumers (queue ${queue})`,
  rolledBack: 'half message rolled back (discarded)',
  rejected: (reason) => `END_TRANSACTION rejected: ${reason}`,
  parked: (checkTimes) => `unresolved after ${checkTimes} check-backs: parked in TRANS_CHECK_MAX_TIME_TOPIC`,
  alert: (kind) => (kind === 'dlq' ? 'alert: dead-letter queue' : 'alert: check-back limit reached'),
  resume: 'resume the check-backs (business intervention)',
  redrive: 're-drive the dead letter (business intervention)',
  deliver: (redriven) => (redriven ? 'execute (buy target fund), attempt {n}, re-driven' : 'execute (buy target fund), attempt {n}'),
  consumeReturn: (result) =>
    ({ ok: 'Return: success', duplicate: 'Return: success (idempotent: already done)', failed: 'Return: failed (RECONSUME_LATER)' })[result],
  retry: 'retry {n} in {d}',
  dlq: (group, r) => `moved to the dead-letter queue %DLQ%${group} after ${r} retries`,
  subscriberDeliver: 'deliver',
  subscriberReturn: (ok) => (ok ? 'Return: success' : 'Return: failed'),
  crash: (node, kind, lostWrites) => `${node} crashed (${kind || 'machine'} crash${lostWrites > 0 ? `, ${lostWrites} unflushed writes lost` : ''})`,
  restart: (node) => `${node} restarted`,
  partition: (a, b) => `network partition between ${a} and ${b}`,
  partitionHealed: (a, b) => `partition between ${a} and ${b} healed`,
  lost: (reason) => EN_LOST[reason] ?? `lost: ${reason}`,
  duplicated: 'duplicated',
  delayed: (ms) => `delayed ${ms}`,
  altSucceeded: 'main transaction succeeded',
  altFailed: 'main transaction failed',
  deliveryLoop: (succeeded, deliveries, retries, delays) =>
    `${succeeded ? 'until the secondary transaction succeeds' : 'secondary transaction retries'}: ${deliveries} deliveries` +
    (retries > 0 ? `, ${retries} retr${retries === 1 ? 'y' : 'ies'}${delays === undefined ? '' : `, ${delays}`}` : ''),
  checkLoop: (resolved, checks, interval, every) =>
    `${resolved ? 'check-backs until resolved' : 'check-backs, unresolved'}: ${checks} check-backs` +
    (interval === undefined ? '' : every ? `, every ${interval}` : `, ${interval} apart`),
  subscribers: 'deliveries to the tag subscribers',
  omitted: (count) => `${count} more order${count === 1 ? '' : 's'} not shown (pass order to draw one)`,
  noTrace: 'trace disabled: lost messages and crashes are not shown',
  at: (time) => `@ ${time}`,
};

const ZH: DiagramText = {
  lang: 'zh',
  repeatedPurchaseLoop: (purchases, deliveries) => `从事务执行了 ${purchases} 次 (重复购买): 投递 ${deliveries} 次`,
  role: (role) => ZH_ROLES[role] ?? `订阅方 ${role.slice('sub:'.length)}`,
  subscriber: '订阅方',
  title: (name, seed, scope) => `txsim 运行 ${name}\uff0c种子 ${seed}\uff0c${scope}`,
  scopeOrder: (order) => `订单 ${order}`,
  scopeOrders: (count) => `${count} 个订单`,
  orderSection: (order) => `订单 ${order}`,
  placed: (order, node, amount) => `订单 ${order} 在 ${node} 下单 (金额 ${amount})`,
  prepare: (attempt) => (attempt > 1 ? `Prepare (半消息, 第 ${attempt} 次发送)` : 'Prepare (半消息)'),
  prepareOk: 'OK',
  sendFailed: '半消息多次发送均未确认: 订单失败',
  mainCall: '执行(购买货币基金)',
  mainReturn: (result) =>
    ({
      ok: 'Return: 成功',
      'insufficient-balance': 'Return: 失败 (余额不足)',
      'business-rollback': 'Return: 回滚',
      'check-rollback': 'Return: 回滚',
      unknown: 'Return: UNKNOW',
      throw: 'Return: 异常 (UNKNOW)',
    })[result],
  unknownNote: 'UNKNOW: 不发送二次确认, 等待反查',
  endTx: (action) => (action === 'commit' ? 'Commit' : 'Rollback'),
  check: '反查接口 (第 {n} 次)',
  checkQuery: '查询/执行事务',
  checkReturn: (answer) => ({ commit: 'Return: 已提交', rollback: 'Return: 已回滚', unknown: 'Return: 未知' })[answer],
  checkReply: (answer) => `${{ commit: 'Commit', rollback: 'Rollback', unknown: 'UNKNOW' }[answer]} (反查结果)`,
  committed: (queue) => `半消息提交: 对消费者可见 (队列 ${queue})`,
  rolledBack: '半消息回滚 (丢弃)',
  rejected: (reason) => `拒绝 END_TRANSACTION: ${reasonText('zh', reason)}`,
  parked: (checkTimes) => `反查 ${checkTimes} 次仍未决: 转入 TRANS_CHECK_MAX_TIME_TOPIC`,
  alert: (kind) => (kind === 'dlq' ? '告警: 死信队列' : '告警: 反查次数超限'),
  resume: '恢复反查 (业务介入)',
  redrive: '重新投递死信 (业务介入)',
  deliver: (redriven) => (redriven ? '执行(购买目标基金) 第 {n} 次, 重新投递' : '执行(购买目标基金) 第 {n} 次'),
  consumeReturn: (result) =>
    ({ ok: 'Return: 成功', duplicate: 'Return: 成功 (幂等: 已处理过)', failed: 'Return: 失败 (RECONSUME_LATER)' })[result],
  retry: '第 {n} 次重试: {d} 后',
  dlq: (group, r) => `重试 ${r} 次后进入死信队列 %DLQ%${group}`,
  subscriberDeliver: '投递',
  subscriberReturn: (ok) => (ok ? 'Return: 成功' : 'Return: 失败'),
  crash: (node, kind, lostWrites) => `${node} 宕机 (${kind === 'process' ? '进程崩溃' : '机器宕机'}${lostWrites > 0 ? `, 丢失 ${lostWrites} 条未刷盘写入` : ''})`,
  restart: (node) => `${node} 重启`,
  partition: (a, b) => `${a} 与 ${b} 之间网络分区`,
  partitionHealed: (a, b) => `${a} 与 ${b} 之间分区恢复`,
  lost: (reason) => ZH_LOST[reason] ?? `丢失: ${reason}`,
  duplicated: '重复投递',
  delayed: (ms) => `延迟 ${ms}`,
  altSucceeded: '主事务执行成功',
  altFailed: '主事务执行失败',
  deliveryLoop: (succeeded, deliveries, retries, delays) =>
    `${succeeded ? '直到从事务执行成功' : '从事务重试'}: 投递 ${deliveries} 次` +
    (retries > 0 ? `, 重试 ${retries} 次${delays === undefined ? '' : `, ${delays}`}` : ''),
  checkLoop: (resolved, checks, interval, every) =>
    `${resolved ? '反查直到有结果' : '反查仍未决'}: 反查 ${checks} 次` +
    (interval === undefined ? '' : every ? `, 每 ${interval}` : `, 间隔 ${interval}`),
  subscribers: '投递给标签订阅方',
  omitted: (count) => `另有 ${count} 个订单未画出 (传入 order 只画一个)`,
  noTrace: '未记录 trace: 不显示丢失的消息和宕机',
  at: (time) => `@ ${time}`,
};

/**
 * The diagram wording for a language.
 *
 * @example
 * diagramText('zh').role('tc'); // '事务中心'
 */
export function diagramText(lang: Lang): DiagramText {
  return lang === 'zh' ? ZH : EN;
}
