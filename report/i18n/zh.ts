// Every Chinese word a reader sees, in the seed article's vocabulary (半消息, 二次确认, 反查, 死信队列, 幂等, 主事务,
// 从事务): the sequence diagram's words, the HTML report's words. Punctuation is written ASCII here and made
// full-width where it is printed (zhPunctuation.ts). One catalogue per language (en.ts is the English one).
import { answerName, LISTENER_METHOD, type DiagramText } from '../diagramText.ts';
import type { UserOp, UserOpOutcome } from '../userSteps.ts';
import type { MarkerKind } from '../laneMarkers.ts';
import type { ReportText } from '../reportText.ts';
import { TARGET_GROUP } from '../../model/config.ts';
import type { Language } from '../../cli/narrate.ts';
import { duration } from '../duration.ts';
import type { RunReport } from '../../cli/report.ts';
import type { RunWords } from '../../cli/render.ts';
import { violationDetail, type CatalogWords } from '../catalog.ts';

/** A checker detail's known shape and its Chinese reading. */
export type Pattern = readonly [RegExp, (m: RegExpMatchArray) => string];

const ZH_ROLES: Record<string, string> = {
  biz: '业务系统',
  tc: '事务中心',
  main: '主事务',
  sec: '从事务',
  ops: '运维',
  // Written full-width: participant names are not punctuated on the way out.
  'app:sec': '你的消费者\uff08状态机\uff09',
  'db:sec': '目标基金数据库',
  'app:biz': '你的生产者\uff08状态机\uff09',
};

const ZH_OP_KIND: Record<UserOp['kind'], string> = { read: '读取', write: '写入', transaction: '事务' };
const zhOp = (op: UserOp): string => `${ZH_OP_KIND[op.kind]} ${op.subject}`;
const ZH_ROLLED_BACK: Record<string, string> = { 'duplicate-key': '已回滚 (唯一键冲突)', 'insufficient-balance': '已回滚 (余额不足)' };

/** An operation's outcome in Chinese: 不存在, 存在 VALUE, 完成, 已提交, 已回滚 (原因). */
function zhOutcome(op: UserOp, outcome: UserOpOutcome): string {
  if (outcome.result === 'absent') return '不存在';
  if (outcome.result === 'found') return `存在 ${outcome.value ?? ''}`.trimEnd();
  if (outcome.ok) return op.kind === 'transaction' ? '已提交' : '完成';
  return ZH_ROLLED_BACK[outcome.result] ?? '已回滚';
}

const ZH_LOST: Record<string, string> = {
  scripted: '丢失: 注入故障',
  random: '丢失: 网络抖动',
  partition: '丢失: 网络分区',
  'node-down': '丢失: 接收方宕机',
};

export const ZH_DIAGRAM: DiagramText = {
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
  rejected: (reason) => `拒绝 END_TRANSACTION: ${ZH_REASONS[reason] ?? reason}`,
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
  userCall: (call, txId) => `调用 ${LISTENER_METHOD[call] ?? call}\uff08${txId}\uff09`,
  userOp: (op) => zhOp(op),
  userResult: (op, outcome) => `${zhOp(op)}: ${zhOutcome(op, outcome)}`,
  userAborted: (op, node) => `${zhOp(op)} 已中止: ${node} 在它完成前宕机, 什么也没有写入`,
  userMemory: (op, outcome) => `内存${zhOp(op)}${outcome === undefined ? '' : `: ${zhOutcome(op, outcome)}`}`,
  userAnswer: (answer, value) => `应答: ${answerName(answer, value)}`,
  ackPersisted: (node, broker) => `${broker} 保存了 ${node} 的消费位点: 确认已持久化, ${node} 重启后不会再投递这条消息`,
};

const ZH_MARKERS: Record<MarkerKind, string> = {
  half: '半消息已存储',
  'main-commit': '主事务提交',
  'main-rollback': '主事务回滚',
  commit: '消息提交',
  rollback: '消息回滚',
  check: '反查',
  deliver: '投递',
  consumed: '消费成功',
  'consume-failed': '消费失败',
  dlq: '死信队列',
  parked: '反查超限挂起',
  alert: '告警',
  operator: '运维操作',
  drop: '消息被丢弃',
  lost: '消息丢失',
  duplicate: '消息重复',
  crash: '宕机',
  restart: '重启',
  partition: '网络分区',
  'user-call': '调用你的状态机',
  'user-db': '你的状态机\uff1a数据库结果',
  'user-aborted': '你的状态机\uff1a数据库请求因宕机中止',
  'user-answer': '你的状态机应答',
};

export const ZH_REPORT: ReportText = {
  htmlLang: 'zh-CN',
  scenarioVerdict: (ok, n) => (!ok ? '失败:预期未满足' : n > 0 ? '展示设计的边界:违反在预期之中' : '通过:所有预期都满足'),
  designLimitHint: '这个场景展示设计在哪里不再提供保护:下面的违反正是它预期的,所以这次运行通过。',
  lesson: '要点',
  narration: '经过',
  expectations: '预期',
  expectationsHint: '场景规定必须发生的事;命令的结论由这些预期决定,并且不能有场景预期之外的违反。',
  expectationMet: (met) => (met ? '满足' : '未满足'),
  got: '实际',
  unexpected: '预期之外的违反',
  gap: (from, to, length) => `从 ${from} 到 ${to} 没有事件(${length}):已从时间轴上略去`,
  foldedLanes: (names) => `没有事件的节点已折叠:${names}`,
  sequenceSvgHint: '由这次运行画出:每条消息一个箭头,丢失的消息为红色并带叉,故障与违反为红色注释。下方是 Mermaid 与 PlantUML 源码。',
  sources: '时序图源码(Mermaid、PlantUML)',
  statecharts: '状态图',
  statechartsHint: '每个状态机的状态;高亮的是这笔订单走过的路径。',
  defaultTitle: (name, seed) => `txsim 运行 ${name}, 种子 ${seed}`,
  valid: (valid) => (valid ? '通过' : '未通过'),
  yes: '是',
  no: '否',
  summary: '概要',
  scenario: '运行',
  seed: '种子',
  orders: '订单数',
  simTime: '模拟时长',
  events: 'Trace 事件数',
  settled: '已收敛',
  livelock: '活锁',
  healedAt: '故障恢复时刻',
  traceHash: 'Trace 哈希',
  lostWrites: '丢失的未刷盘写入',
  dlq: '死信队列',
  parked: '挂起的半消息',
  openHalves: '未决的半消息',
  none: '无',
  verdicts: '检查结论',
  safety: '安全性',
  liveness: '活性',
  safetyHint: '坏事永不发生 (检查整个运行)',
  livenessHint: '好事终将发生 (故障恢复并收敛后检查)',
  noViolations: '无违反',
  violations: (n) => `${n} 处违反`,
  property: '性质',
  order: '订单',
  detail: '说明',
  evidence: '证据',
  checkers: '检查器',
  checkerPass: '通过',
  checkerFail: (n) => `${n} 处违反`,
  replay: '重放',
  replayHint: '这一条命令可精确重现本次运行 (相同种子, 相同 trace 哈希)。',
  copy: '复制',
  copied: '已复制',
  timeline: '时间线',
  timelineHint: '每个节点一条泳道。每段密集活动内时间轴是线性的;长时间的空白被略去,并标出长度(+30 s),毫秒与小时都能看清。同一时刻的标记并排显示。悬停标记查看详情,点击固定显示。',
  filterOrder: '高亮订单',
  markerHint: '点击标记, 在此查看详情。',
  omittedMarkers: (n) => `另有 ${n} 个标记未画出 (优先保留故障)。`,
  heal: '故障恢复',
  down: '宕机',
  partition: '分区',
  traceDisabled: '本次运行未记录 trace: 不显示丢包、宕机与分区。',
  marker: (kind) => ZH_MARKERS[kind],
  faults: '故障',
  faultOptions: '随机故障参数 (千分比, 仅故障阶段)',
  faultScript: '脚本故障',
  faultNone: '无故障',
  faultsObserved: 'Trace 中观察到的故障',
  at: '时刻',
  fault: '故障',
  ordersTable: '订单',
  ordersShown: (shown, total) => `显示 ${shown} / ${total} 个订单。`,
  main: '主事务',
  message: '消息',
  targetPurchases: '目标基金购买次数',
  deliveries: '投递次数',
  checks: '反查次数',
  ledgers: '账本',
  ledgersHint: '每位投资者: 钱包 + (买入货币基金 - 赎回货币基金) + 目标基金 必须等于初始钱包余额。',
  investor: '投资者',
  before: '之前',
  after: '之后',
  wallet: '钱包',
  mmf: '买入货币基金',
  mmfRedeemed: '赎回货币基金',
  targetFund: '目标基金',
  purchases: '购买次数',
  conserved: '守恒',
  diagram: '时序图',
  diagramHint: 'Mermaid 源码 (可粘贴到任意 Mermaid 渲染器); 其后是 PlantUML 源码。',
  config: '配置',
  footer: '由 txsim 仅根据本次运行生成: 同一运行, 同一文件, 逐字节相同。',
};

const S = (state: string | undefined): string => ZH_STATES[state ?? ''] ?? state ?? '';
const g = (m: RegExpMatchArray, i: number): string => m[i] ?? '';

/** Order and message states, as a table cell or in a sentence. */
export const ZH_STATES: Record<string, string> = {
  committed: '已提交',
  rolled_back: '已回滚',
  pending: '未决',
  consumed: '已消费',
  dlq: '死信队列',
  parked: '已搁置',
};

/** Reasons the model records (client responses, rollbacks, rejected confirmations). */
export const ZH_REASONS: Record<string, string> = {
  accepted: '已受理',
  'insufficient-balance': '余额不足',
  'business-rollback': '业务回滚',
  'check-rollback': '反查回答回滚',
  'send-failed': '半消息发送失败',
  'half message not found': '找不到这条半消息',
  'producer group wrong': '生产者组不符',
  'already resolved (idealized)': '已经决定过 (理想化的事务中心)',
};

/** Protocol messages (the trace's `msg`) in Chinese, the article's words first, the protocol name after it. */
export const ZH_MESSAGES: Record<string, string> = {
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

/** Known shapes of checker details (properties/checkers/*.ts) and their Chinese reading. */
export const ZH_DETAILS: readonly Pattern[] = [
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
export const ZH_PROPERTIES: Record<string, string> = {
  atomicity: '主事务与从事务要么都完成,要么都不做',
  'no-double-purchase': '一笔订单的目标基金最多购买一次',
  'money-conserved': '每位投资者的资金总额守恒',
  'half-invisible': '二次确认提交之前,半消息对消费端不可见',
  'no-loss': '主事务提交后,消息不会丢失',
  dlq: '重试按延迟级别进行,用尽后进入死信队列并告警',
  'tag-routing': '每个订阅组只收到标签匹配的消息',
  lifecycle: '每条半消息和每次投递只走其状态图允许的转移',
  liveness: '故障结束后每笔订单都在时限内到达终态',
};

/** A violation whose detail has no known shape: what its property guarantees was broken. */
export const zhUnknownDetail = (property: string): string => `违反:${ZH_PROPERTIES[property] ?? '性质不成立'}`;

/** What each property guarantees, in full, in Chinese (the checker's own description is English). */
export const ZH_PROPERTY_DESCRIPTIONS: Record<string, string> = {
  atomicity: '稳定之后,主事务提交当且仅当目标基金被购买 (死信队列或被搁置的消息会打破它);失败或回滚的主事务什么也不买。',
  'no-double-purchase': '每笔订单的目标基金最多购买一次 (消费端以事务 ID 实现幂等)。',
  'half-invisible': '订单第一次提交之前不投递;只有决定提交后才提交;回滚的事务永远不会被提交或投递。',
  'no-loss': '主事务提交的订单,最终要么被消费,要么在死信队列并有死信告警,要么被搁置并有反查次数用尽告警;不会消失。',
  dlq: '重试按延迟级别进行 (3 + reconsumeTimes),进入死信队列前最多投递 maxReconsumeTimes+1 次,每条死信一条记录、一次告警。',
  'money-conserved': '每位投资者:钱包 + 货币基金 - 已赎回的货币基金 + 目标基金 == 初始钱包,且每一部分都不小于 0。',
  'tag-routing': '每个订阅组的监听器恰好收到标签与订阅匹配的已提交订单,不多不少;"*" 接收全部。',
  lifecycle: '每条半消息 (按订单、事务 ID 和 Broker) 和每次投递 (按订单和消费组) 只走其规格状态图允许的转移;理想模式禁止重复和相互冲突的决议。',
  liveness: '故障结束后,每笔订单都在稳定时限内到达终态 (已消费、死信队列、已搁置或已回滚);没有活锁。',
};

export const ZH_FIELDS: Record<string, string> = {
  main: '主事务',
  message: '消息',
  targetPurchases: '目标基金购买次数',
  deliveries: '投递次数',
  checks: '反查次数',
};

export const ZH_STOPS: Record<string, string> = { condition: '到达终态', 'time-limit': '达到时限', idle: '无事可做', 'step-limit': '达到步数上限' };

export const ZH_ALERTS: Record<string, string> = { dlq: '死信告警', 'check-max': '反查次数用尽告警' };

/** The named scenarios' titles and lessons, keyed by scenario name (the English text lives with each scenario). */
export interface ScenarioTextZh {
  readonly title: string;
  readonly lesson: string;
}

export const SCENARIO_TEXT_ZH: Readonly<Record<string, ScenarioTextZh>> = Object.freeze({
  'happy-path': {
    title: '可靠网络上的三笔优惠购:两笔各买一次目标基金,钱包余额不足的那笔干净地回滚。',
    lesson:
      '这就是种子文章里一切正常时的流程。业务系统先把半消息存到 Broker 上 (Prepare),消费端感知不到它;然后执行主事务,用钱包购买货币基金;再通知事务中心提交 (二次确认),这时消息才投递给目标基金服务,由它购买一次目标基金 (从事务)。主事务失败时 (o3 的金额超过钱包余额),业务系统发送回滚,半消息被丢弃:什么也没买,资金也没有变动。其余每个场景都是在这个场景上拿掉一点东西;把它们的轨迹和这个场景对照,就能看出反查、重试和幂等记录各自的用处。',
  },
  'lost-commit': {
    title: '提交消息在网络上丢失;30 s 后事务中心向生产者组反查,查到主事务已提交,于是提交消息。',
    lesson:
      'END_TRANSACTION 是单向的:业务系统不知道自己的提交丢了,半消息一直不可见。种子文章的反查机制正是为这种故障而设。事务中心不为每条消息设定时器;它的反查服务每隔 checkIntervalMs (30 s) 醒来一次,向生产者组询问每条超过 transactionTimeoutMs (6 s) 的半消息。回答来自主事务的持久化记录,所以组内任何实例都能回答;消息晚了半分钟才提交和投递,但只购买一次。',
  },
  'producer-crash-after-local-commit': {
    title: '主事务提交后、提交消息到达 Broker 前,业务系统宕机;重启之后,反查查到已提交的订单。',
    lesson:
      '种子文章用这个情形说明为什么简单的 "先执行主事务,再发消息" 行不通:业务系统可能在两步之间宕机,再也不发消息。用事务消息时,半消息已经在 Broker 上,事务中心会一直反查。第一次反查 (30 s 时) 发给了宕机的生产者,丢失了,但仍然计数;第二次在重启之后,由持久化的订单记录回答。宕机后留下来的是数据库里的东西,不是进程里的东西:回答必须来自持久化状态。',
  },
  'main-tx-fails': {
    title: '钱包余额少于订单金额:主事务失败,客户端立即得到结果,半消息被回滚,什么也不投递。',
    lesson:
      '种子文章 6.1 节:当一个领域事件很可能失败 (余额不足的支付),业务必须同步回答客户端,而不是放进一个永远不会成功的异步重试循环。余额检查是主事务的一部分;业务系统发送回滚,事务中心写下 op 记录,任何消费端都看不到这条半消息。客户端在同一次调用里、几毫秒之内得到结果。',
  },
  'unknown-then-commit': {
    title: '本地事务回答 UNKNOW;第一次反查仍回答未知,第二次回答提交,消息被投递。',
    lesson:
      'RocketMQ 自己的事务消息测试正是这样编排的:executeLocalTransaction 返回 UNKNOW (主事务仍在执行,或结果尚未可知),稍后由 checkLocalTransaction 回答。UNKNOW 在 Broker 上什么也不做,消息等下一轮:这里主事务在第二次反查时完成,比第一次晚 30 s,此后才购买目标基金。一个未知的回答要付出一个反查间隔的延迟,并用掉 15 次反查中的一次。',
  },
  'unknown-then-rollback': {
    title: '本地事务回答 UNKNOW;第二次反查回答回滚,半消息在无人看见的情况下被丢弃。',
    lesson:
      '这是 unknown-then-commit 的镜像:主事务最终被放弃,反查回答回滚,从未可见的消息保持不可见。没有扣款,也没有购买;这笔订单留下的只有两次反查。反查的回答必须是持久化记录的真实状态:在主事务仍可能提交时回答回滚,就是 apache/rocketmq#2694 的竞态。',
  },
  'check-max-exhausted': {
    title: '提交消息丢失,两台生产者机器宕机十分钟:四次反查发给了 Broker 仍为死机保留的连接,随后已无连接可用,计数照样增加,满 15 次后消息被搁置并告警。',
    lesson:
      '反查不是无限的。评估 transactionCheckMax (15) 次、每次间隔 30 s、大约七分半钟之后,RocketMQ 停止询问,把半消息搁置到 TRANS_CHECK_MAX_TIME_TOPIC (旧版本直接丢弃)。Broker 把反查发给它登记的生产者连接:机器宕机不会关闭连接,所以它的连接一直保留到 120 s 没有心跳为止,发给它的反查都丢了;此后已无连接可用,每一轮只增加计数而不发送。这里发出了四次反查,一次也没有回应,计数却到了 15。钱已经离开钱包进入货币基金,目标基金却始终没有购买:在运维恢复这条消息之前,原子性被打破。依赖反查的设计必须对被搁置的消息告警,并让生产者的停机时间短于反查窗口。',
  },
  'consumer-retry-then-success': {
    title: '目标基金服务失败三次;Broker 在 10 s、30 s 和 1 min 后重试,第四次投递购买了一次目标基金。',
    lesson:
      '种子文章第 5 节:消费失败按计划重试。RocketMQ 把失败的消息送回 Broker,Broker 按延迟级别 (第 3 级加上之前失败的次数:10 s、30 s、1 min、2 min……) 保留它,再通过消费组的重试队列投递,不受标签过滤影响。每次重试都是同一条消息、同一个事务 ID,这正是消费端能够保持幂等的前提。',
  },
  'poison-message-to-dlq': {
    title: '目标基金服务每次都失败:4 h 45 min 40 s 内投递 17 次,之后消息进入死信队列,并发出一次告警。',
    lesson:
      '重试 maxReconsumeTimes (16) 次之后,Broker 放弃,把消息放入 %DLQ%<group>。默认没有人消费死信队列:消息等人来处理。所以种子文章把死信队列和告警、业务介入放在一起。在那之前,投资者的钱停在货币基金里,目标基金没有购买,所以这次运行有意违反了原子性:设计的保证止于告警。在模拟中,这五个小时只用几毫秒。',
  },
  'duplicate-delivery-idempotent': {
    title: '目标基金消费端购买了目标基金,随后进程在位点送达 Broker 之前退出;重启后消息再次投递,以事务 ID 为键的幂等记录让它通过,但不再购买。',
    lesson:
      'RocketMQ 至少投递一次。推送式消费者不对每条消息确认:成功只在内存里推进位点,位点表每 5 s 才送到 Broker。消费端在此之间退出,重启后从最后持久化的位点重新拉取,消息会再次投递 (把队列移走的重平衡也一样)。种子文章的答案是从事务必须幂等,以唯一的事务 ID 为键。幂等记录和购买写在同一个本地事务里,所以第二次投递查到它,返回成功而不再购买。',
  },
  'duplicate-commit': {
    title: '提交消息两次到达 Broker;不保存每个事务状态的事务中心把消息写了两次,幂等的消费端只购买一次。',
    lesson:
      'RocketMQ 的 END_TRANSACTION 处理按偏移量查找半消息,并把它追加到真实主题;它不记得自己已经做过 (apache/rocketmq#5574、#8158)。两次提交,两条消息,同一个事务 ID。事务消息让生产端具备原子性,却不让投递变成恰好一次。用 "idempotentConsumer": false 运行可以看到重复购买,用 "transactionCenter": "idealized" 运行可以看到一个记得每个事务的事务中心。',
  },
  'no-unique-tx-id': {
    title: '没有唯一的事务 ID 时,确认丢失后重发的半消息留下两条 ID 不同的消息,目标基金被购买了两次。',
    lesson:
      '种子文章 6.2 节:如果业务在发起分布式事务时不确定一个唯一的事务 ID,下游就无法幂等,一次重试就会产生第二笔订单。这里 Broker 的 SEND_OK 丢失,生产者把每次尝试限制在 1 s 内 (`sendMsgMaxTimeoutPerRequest`,RocketMQ 5.3.3),在 3 s 的 `sendMsgTimeout` 预算内重发半消息;两份都被提交 (一份由生产者提交,一份由反查提交)。有 uniqueTxId 时它们共用一个 ID,消费端只购买一次;没有它,货币基金持仓变成负数。(按 RocketMQ 默认,没有单次上限,丢失的 SEND_OK 会耗尽整个预算,发送抛出异常,不会重发。) 这个场景有意展示这一违反。',
  },
  'tag-routing': {
    title: '标签为 TagA、TagB、TagC 和无标签的订单恰好到达各自的订阅方:ops 订阅 TagA,customer-service 订阅 TagB,orchestration 订阅 TagC,compliance 订阅 TagA || TagC,data-center 订阅全部。',
    lesson:
      '种子文章 2.3 节:一个主题,标签作为第二级分类,每个下游系统订阅自己负责的标签。匹配是精确的、区分大小写;"TagA || TagC" 是两个标签;"*" 接收全部,包括无标签的消息,而无标签的消息不匹配任何标签列表。过滤先在 Broker 上按标签哈希进行,再在客户端按标签字符串进行;被过滤掉的消息同样推进消费组的位点。',
  },
  'mixed-subscriptions-in-group': {
    title: '目标基金消费组的两个实例订阅了不同的标签;Broker 只采用一个订阅,每个实例再按自己的订阅过滤,于是整个消费组悄无声息地跳过了消息。',
    lesson:
      'RocketMQ 对每个 (消费组, 主题) 只保存一个订阅,即最近一次心跳带来的那个,并把队列分给所有实例,不管它们订阅什么。TagA 消息被 Broker 的过滤丢掉 (消费组现在订阅 TagB);落在 TagA 实例所属队列上的 TagB 消息被该实例的过滤丢掉。两者都推进了位点:消息对整个消费组而言已经消失,而且哪里都没有报错 (apache/rocketmq#2836、#2954)。同一消费组的所有实例必须订阅一致。这个场景有意展示这一丢失。',
  },
  'broker-crash-async-flush': {
    title: '异步刷盘下,Broker 机器在提交后 200 ms 断电:半消息、已提交的消息和它的 op 记录都未刷盘,已提交的主事务丢失了它的消息。',
    lesson:
      'RocketMQ 默认的 flushDiskType 是 ASYNC_FLUSH:SEND_OK 表示消息在页缓存里。刷盘线程每 500 ms 醒一次,但只有脏页达到 4 页 (16384 字节) 才写,否则每 10 s 全部写一次,所以低流量时最多有十秒的写入只在内存里。Broker 进程崩溃不丢数据;机器宕机或断电会丢失未刷盘的尾部。这里那段尾部包含 o1 的全部内容,所以重启后既没有可反查的半消息,也没有可投递的消息:钱永远停在货币基金里。对资金流,RocketMQ 文档建议 SYNC_FLUSH 加 SYNC_MASTER 和从节点;用 "flush": "sync" 运行这个场景,可以看到消息保存了下来。',
  },
  'check-answered-by-other-producer': {
    title: '发送半消息的生产者进程被杀,它的提交也丢了;连接随之关闭,Broker 立即移除它的连接,第一次反查就发给了另一个实例,它根据共享的订单数据库回答提交。',
    lesson:
      'Broker 把反查轮流发给生产者组已登记的连接,而不是发送半消息的那个实例 (`ProducerManager.getAvailableChannel`,apache/rocketmq#9791)。只有当每个实例都能回答每个事务时这才安全:本地事务记录必须存在共享数据库里,而不是某个实例的内存里。这里 producer-1 的进程退出:网络连接关闭,Broker 立即移除它的连接,所以第一次反查就到达 producer-2,它读到已提交的订单,回答提交。用 `"kind": "machine"` 运行可以看到另一种情况:机器宕机不关闭任何连接,它的连接一直保留到 120 s 没有心跳为止,每隔一次反查就发给它并丢失。',
  },
});

const ZH_ANSWER: Record<string, string> = { commit: '提交 (COMMIT)', rollback: '回滚 (ROLLBACK)', unknown: '未知 (UNKNOWN)' };
const M = (msg: string): string => ZH_MESSAGES[msg] ?? `\`${msg}\``;
const zhReason = (reason: string): string => ZH_REASONS[reason] ?? reason;
const st = (state: string): string => S(state);

/** The narration of a run (cli/narrate.ts). */
export const ZH_NARRATION: Language = {
  facts: {
    'order-placed': (f, amount) => `在 ${f.node} 下单:优惠购 ${amount},钱包先买货币基金,再用它买目标基金`,
    'client-response': (f) => `投资者收到结果:${f.ok ? '下单成功' : `下单失败(${zhReason(f.reason)})`}`,
    'half-sent': (f) => `${f.node} 向 ${f.broker} 发送半消息(Prepare,第 ${f.attempt} 次)`,
    'half-stored': (f) => `${f.node} 存下半消息:二次确认前,消费端感知不到它`,
    'half-send-failed': (f) => `${f.node} 放弃发送半消息:订单在任何资金变动前失败`,
    'main-committed': (f) => `主事务在 ${f.node} 提交:${f.amount} 从钱包转入货币基金`,
    'main-rolled-back': (f) => `主事务在 ${f.node} 回滚(${zhReason(f.reason)}):资金未动,这条消息绝不能投递`,
    'end-tx': (f) =>
      f.action === 'unknown'
        ? `${f.node} ${f.fromCheck ? '回答反查' : '回答'}:未知 (UNKNOWN),事务中心稍后会再反查`
        : `${f.node} ${f.fromCheck ? '根据反查结果' : ''}发送${ZH_ANSWER[f.action]}(二次确认)`,
    committed: (f) => `${f.node} 提交消息:在队列 ${f.queue} 上对消费端可见,目标基金将被购买`,
    'rolled-back': (f) => `${f.node} 回滚半消息:消息被丢弃,不会购买任何东西`,
    'end-tx-rejected': (f) => `${f.node} 忽略一个迟到或重复的确认(${zhReason(f.reason)})`,
    'check-sent': (f) => `迟迟没有二次确认:${f.node} 向 ${f.producer} 发起第 ${f.checkTimes} 次反查`,
    'check-answered': (f) => `${f.node} 查询本地事务并回答反查:${ZH_ANSWER[f.answer]}`,
    parked: (f) => `反查计数达到 ${f.checkTimes} 次(\`TRANSACTION_CHECK_TIMES\`),${f.node} 把半消息移入 TRANS_CHECK_MAX_TIME_TOPIC:没有人工介入就无人决定它`,
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
    purchased: (f) => `${f.node} 上用户自己的消费者状态机提交了目标基金的购买`,
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
      case 'DROP': return `${e.node} 发往 ${e.peer} 的${M(e.msg)}丢失(${e.detail === 'partition' ? '网络分区' : e.detail === 'scripted' ? '脚本注入' : '随机故障'})`;
      case 'LOST': return `${e.peer} 发来的${M(e.msg)}没有到达 ${e.node}(${e.detail === 'node-down' ? '对方宕机' : '网络分区'})`;
      case 'DUPLICATE': return `${e.node} 发往 ${e.peer} 的${M(e.msg)}重复到达`;
      case 'DELAY': return `${e.node} 发往 ${e.peer} 的${M(e.msg)}延迟 ${e.value} ms`;
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
    if (o.main !== 'committed' && o.targetPurchases > 0) return `不一致:主事务${st(o.main)},却买了目标基金`;
    if (o.main === 'committed' && o.message === 'consumed' && o.targetPurchases === 0) return '不一致:消息已确认消费,但目标基金从未买入,也不会再被投递';
    if (o.main === 'committed' && o.message === 'consumed') {
      return `最终一致:货币基金和目标基金各买一次${o.checks > 0 ? `,经过 ${o.checks} 次反查` : ''}${o.deliveries > 1 ? `;共投递 ${o.deliveries} 次(含失败重试与重复投递),只买一次` : ''}`;
    }
    if (o.main === 'committed' && o.message === 'dlq') return '等待人工:钱已离开钱包,消息在死信队列,告警提示运维重新投递';
    if (o.main === 'committed' && o.message === 'filtered') return '不一致:货币基金已买,但目标组自己的订阅过滤掉了这条消息,不会有人买目标基金';
    if (o.message === 'parked') return `等待人工:反查次数用尽,半消息被搁置(实际发出 ${o.checks} 次反查),需要运维恢复`;
    if (o.main === 'rolled_back' && o.targetPurchases === 0) return o.message === 'rolled_back' || o.message === 'pending' ? '一致:主事务失败,什么也没买' : `主事务失败;消息${st(o.message)}`;
    if (o.main === 'committed') return `不一致:货币基金已买,消息却${st(o.message)}`;
    return `未决:主事务${st(o.main)},消息${st(o.message)}`;
  },
  violation: (v) => `${v.property}${v.order !== undefined ? `(${v.order})` : ''} [${(v.class === 'safety' ? '安全性' : '活性')}]\uff1a${violationDetail('zh', v)}`,
  none: '无:所有性质都成立',
  user: (s, role) => {
    const r = role === 'consumer' ? '消费者' : '生产者';
    // Full-width marks written out where they touch code (zhPunctuate only converts marks next to Chinese text).
    const no = s.callCount > 1 ? `\uff08第 ${s.callNo} 次调用\uff09` : '';
    const who = `${s.node} 上你的${r}状态机${no}`;
    switch (s.kind) {
      // The listener method names the call (deliver, executeLocal, check are English words in Chinese prose).
      case 'call': return `${s.node} 调用你的${r}状态机${no}\uff1a${LISTENER_METHOD[s.call] ?? s.call}\uff08${s.txId}\uff09`;
      case 'begin': return `${who}发起数据库${zhOp(s.op)}`;
      case 'result': return `${who}的数据库${zhOp(s.op)}:${zhOutcome(s.op, s.outcome)}`;
      case 'aborted': return `${s.node} 在你的${r}状态机${no}的数据库${zhOp(s.op)} 完成前宕机:它被中止,什么也没有写入`;
      case 'memory':
        return s.op.kind === 'read'
          ? `${who}从内存读取 ${s.op.subject}:${s.outcome === undefined ? '' : zhOutcome(s.op, s.outcome)}`
          : `${who}写入内存 ${s.op.subject}(${s.node} 宕机即丢失)`;
      case 'answer': return `${who}应答 ${answerName(s.answer, s.value)}`;
    }
  },
  userAckPersisted: (node, broker) => `${broker} 保存了 ${node} 的消费位点:确认已持久化,${node} 重启后不会再投递这条消息`,
  userAnswered: (f) =>
    f.group !== TARGET_GROUP
      ? undefined
      : f.kind === 'consumed'
        ? `${f.node} 把 CONSUME_SUCCESS 转告 Broker:对 Broker 来说消息已处理完,无论你的状态机写了什么、还没写什么`
        : `${f.node} 把 RECONSUME_LATER 转告 Broker(第 ${f.reconsumeTimes + 1} 次尝试):消息稍后会再来`,
};

/** The outcome table, verdict and replay lines of `run` and `replay` (cli/render.ts). */
export const ZH_RUN_WORDS: RunWords = {
  outcome: '结果',
  cols: ['订单', '主事务', '消息', '购买次数', '投递次数', '反查次数'],
  dlq: '死信',
  parked: '搁置',
  alerts: '告警',
  none: '无',
  expectations: '预期',
  unexpected: '预期之外的违反',
  got: '实际',
  ok: '通过',
  failed: '失败',
  stats: (r: RunReport) => `种子 ${r.seed}\uff0c${r.events} 个事件,模拟时间 ${duration(r.simTimeMs)}${r.settled ? '' : ',未能稳定'}${r.livelock ? ',活锁' : ''}`,
  trace: '轨迹哈希',
  replay: '重放',
  traceHeading: '轨迹',
  alert: (kind: string, order: string, t: number) => `${order} ${kind === 'dlq' ? '死信告警' : '反查次数用尽告警'} @${t} ms`,
};

/** The catalogue's sentences (report/catalog.ts): expectations, end states, violation notes. */
export const ZH_CATALOG: CatalogWords = {
  propertyClass: (cls) => (cls === 'safety' ? '安全性' : cls === 'liveness' ? '活性' : cls),
  expectField: (order, field, state) => `${order} ${ZH_FIELDS[field] ?? field} = ${state}`,
  expectViolation: (property, order) => `${order === undefined ? '' : `${order} `}违反性质 ${property}`,
  expectAlert: (alert, order) => `${order === undefined ? '' : `${order} `}发出${ZH_ALERTS[alert] ?? `告警 ${alert}`}`,
  noViolations: '没有违反任何性质',
  found: (n) => `找到 ${n} 处`,
  notFound: '没有找到',
  raised: '已发出',
  notRaised: '没有发出',
  violationCount: (n) => `${n} 处违反`,
  endBoughtTimes: (n) => `最终状态:目标基金被购买了 ${n} 次(重复购买)`,
  endBoughtAlthough: (main) => `最终状态:主事务${main},目标基金却已购买`,
  endParked: '最终状态:半消息被搁置在 TRANS_CHECK_MAX_TIME_TOPIC,目标基金未购买:等待运维处理',
  endDlq: '最终状态:消息在死信队列,目标基金未购买:等待运维重新投递',
  endNeverBought: (message) => `最终状态:钱已转入货币基金,目标基金却从未购买(消息${message})`,
  endUnfinished: (main, message) => `最终状态:未完成(主事务${main},消息${message})`,
  violationNote: (property, detail) => `违反 ${property}\uff1a${detail}`,
  scenariosFooter: (n) => `共 ${n} 个场景\uff1b用 \`npx txsim run NAME --lang zh\` 运行其中一个`,
};
