// The words of the HTML run report, in English and Chinese. Participant names come from diagramText, so the
// timeline's lanes and the sequence diagram call each system by the same name.
import type { Lang } from './lang.ts';
import { zhPunctuate } from './zhPunctuation.ts';
import type { MarkerKind } from './laneMarkers.ts';

export interface ReportText {
  htmlLang: string;
  /** The verdict of a scenario run, as the command states it. */
  scenarioVerdict(ok: boolean, violations: number): string;
  designLimitHint: string;
  lesson: string;
  narration: string;
  expectations: string;
  expectationsHint: string;
  expectationMet(met: boolean): string;
  got: string;
  unexpected: string;
  gap(from: string, to: string, length: string): string;
  foldedLanes(names: string): string;
  sequenceSvgHint: string;
  sources: string;
  statecharts: string;
  statechartsHint: string;
  defaultTitle(name: string, seed: number): string;
  valid(valid: boolean): string;
  yes: string;
  no: string;
  summary: string;
  scenario: string;
  seed: string;
  orders: string;
  simTime: string;
  events: string;
  settled: string;
  livelock: string;
  healedAt: string;
  traceHash: string;
  lostWrites: string;
  dlq: string;
  parked: string;
  openHalves: string;
  none: string;
  verdicts: string;
  safety: string;
  liveness: string;
  safetyHint: string;
  livenessHint: string;
  noViolations: string;
  violations(count: number): string;
  property: string;
  order: string;
  detail: string;
  evidence: string;
  checkers: string;
  checkerPass: string;
  checkerFail(count: number): string;
  replay: string;
  replayHint: string;
  copy: string;
  copied: string;
  timeline: string;
  timelineHint: string;
  filterOrder: string;
  markerHint: string;
  omittedMarkers(count: number): string;
  heal: string;
  down: string;
  partition: string;
  traceDisabled: string;
  marker(kind: MarkerKind): string;
  faults: string;
  faultOptions: string;
  faultScript: string;
  faultNone: string;
  faultsObserved: string;
  at: string;
  fault: string;
  ordersTable: string;
  ordersShown(shown: number, total: number): string;
  main: string;
  message: string;
  targetPurchases: string;
  deliveries: string;
  checks: string;
  ledgers: string;
  ledgersHint: string;
  investor: string;
  before: string;
  after: string;
  wallet: string;
  mmf: string;
  mmfRedeemed: string;
  targetFund: string;
  purchases: string;
  conserved: string;
  diagram: string;
  diagramHint: string;
  config: string;
  footer: string;
}

const EN_MARKERS: Record<MarkerKind, string> = {
  half: 'half message stored',
  'main-commit': 'main transaction committed',
  'main-rollback': 'main transaction rolled back',
  commit: 'message committed',
  rollback: 'message rolled back',
  check: 'check-back',
  deliver: 'delivery',
  consumed: 'consumed',
  'consume-failed': 'consume failed',
  dlq: 'dead-letter queue',
  parked: 'parked (check max)',
  alert: 'alert',
  operator: 'operator action',
  drop: 'message dropped',
  lost: 'message lost',
  duplicate: 'message duplicated',
  crash: 'crash',
  restart: 'restart',
  partition: 'partition',
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
};

const EN: ReportText = {
  htmlLang: 'en',
  scenarioVerdict: (ok, n) => (!ok ? 'FAILED: expectations not met' : n > 0 ? 'design limit shown: violations as expected' : 'OK: every expectation met'),
  designLimitHint: 'This scenario shows where the design stops protecting you: the violations below are the ones it expects, so the run is OK.',
  lesson: 'Lesson',
  narration: 'What happened',
  expectations: 'Expectations',
  expectationsHint: "What the scenario says must happen; the command's verdict is these, plus no violation the scenario does not expect.",
  expectationMet: (met) => (met ? 'met' : 'NOT met'),
  got: 'got',
  unexpected: 'Unexpected violations',
  gap: (from, to, length) => `nothing happens from ${from} to ${to} (${length}): cut out of the axis`,
  foldedLanes: (names) => `Nodes with nothing to show, folded: ${names}`,
  sequenceSvgHint: 'Drawn from the run: every message one arrow, lost ones red with a cross, faults and violations in red notes. The Mermaid and PlantUML sources are below.',
  sources: 'Diagram sources (Mermaid, PlantUML)',
  statecharts: 'Statecharts',
  statechartsHint: "Each machine's states; the order's path is highlighted.",
  defaultTitle: (name, seed) => `txsim run ${name}, seed ${seed}`,
  valid: (valid) => (valid ? 'valid' : 'invalid'),
  yes: 'yes',
  no: 'no',
  summary: 'Summary',
  scenario: 'Run',
  seed: 'Seed',
  orders: 'Orders',
  simTime: 'Simulated time',
  events: 'Trace events',
  settled: 'Settled',
  livelock: 'Livelock',
  healedAt: 'Healed at',
  traceHash: 'Trace hash',
  lostWrites: 'Unflushed writes lost',
  dlq: 'Dead-letter queue',
  parked: 'Parked half messages',
  openHalves: 'Open half messages',
  none: 'none',
  verdicts: 'Verdicts',
  safety: 'Safety',
  liveness: 'Liveness',
  safetyHint: 'nothing bad ever happens (checked over the whole run)',
  livenessHint: 'something good eventually happens (checked at the end, after heal and settle)',
  noViolations: 'no violations',
  violations: (n) => `${n} violation${n === 1 ? '' : 's'}`,
  property: 'Property',
  order: 'Order',
  detail: 'Detail',
  evidence: 'Evidence',
  checkers: 'Checkers',
  checkerPass: 'pass',
  checkerFail: (n) => `${n} violation${n === 1 ? '' : 's'}`,
  replay: 'Replay',
  replayHint: 'This one command reproduces the run exactly (same seed, same trace hash).',
  copy: 'Copy',
  copied: 'Copied',
  timeline: 'Timeline',
  timelineHint: 'One lane per node. The time axis is linear inside each burst of activity; long silences are cut out and marked with their length (+30 s), so milliseconds and hours both fit. Markers at one instant sit side by side. Hover a marker for details, click to pin them.',
  filterOrder: 'Highlight order',
  markerHint: 'Click a marker to see its details here.',
  omittedMarkers: (n) => `${n} markers not drawn (faults are kept first).`,
  heal: 'heal',
  down: 'down',
  partition: 'partitioned',
  traceDisabled: 'The trace was disabled for this run: drops, crashes and partitions are not shown.',
  marker: (kind) => EN_MARKERS[kind],
  faults: 'Faults',
  faultOptions: 'Random fault options (per mille, faulty phase only)',
  faultScript: 'Scripted faults',
  faultNone: 'no faults',
  faultsObserved: 'Observed in the trace',
  at: 'At',
  fault: 'Fault',
  ordersTable: 'Orders',
  ordersShown: (shown, total) => `${shown} of ${total} orders shown.`,
  main: 'Main transaction',
  message: 'Message',
  targetPurchases: 'Target purchases',
  deliveries: 'Deliveries',
  checks: 'Check-backs',
  ledgers: 'Ledgers',
  ledgersHint: 'Per investor: wallet + (MMF bought - MMF redeemed) + target fund must equal the initial wallet.',
  investor: 'Investor',
  before: 'Before',
  after: 'After',
  wallet: 'Wallet',
  mmf: 'MMF bought',
  mmfRedeemed: 'MMF redeemed',
  targetFund: 'Target fund',
  purchases: 'Purchases',
  conserved: 'Conserved',
  diagram: 'Sequence diagram',
  diagramHint: 'Mermaid source (paste into any Mermaid renderer); the PlantUML source follows.',
  config: 'Configuration',
  footer: 'Generated by txsim from the run alone: the same run gives the same file, byte for byte.',
};

const ZH: ReportText = {
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

/**
 * The report wording for a language.
 *
 * @example
 * reportText('zh').safety; // '安全性'
 */
export function reportText(lang: Lang): ReportText {
  return lang === 'zh' ? ZH_PUNCTUATED : EN;
}

/** The Chinese wording with full-width punctuation, strings and the strings functions return alike. */
const ZH_PUNCTUATED: ReportText = Object.fromEntries(
  Object.entries(ZH).map(([key, value]) => [
    key,
    typeof value === 'string' ? zhPunctuate(value) : typeof value === 'function' ? (...args: unknown[]) => zhPunctuate(String((value as (...a: unknown[]) => unknown)(...args))) : value,
  ]),
) as unknown as ReportText;
