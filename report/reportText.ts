// The words of the HTML run report, in English and Chinese. Participant names come from diagramText, so the
// timeline's lanes and the sequence diagram call each system by the same name.
import type { Lang } from './lang.ts';
import type { MarkerKind } from './laneMarkers.ts';

export interface ReportText {
  htmlLang: string;
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
  timelineHint: 'One lane per node. The time axis is compressed: each gap between events takes log2(1 + gap in ms), so milliseconds and hours both fit. Hover a marker for details, click to pin them.',
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
  timelineHint: '每个节点一条泳道。时间轴经过压缩: 相邻事件的间隔按 log2(1 + 毫秒数) 计宽度, 毫秒与小时都能看清。悬停标记查看详情, 点击固定显示。',
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
  return lang === 'zh' ? ZH : EN;
}
