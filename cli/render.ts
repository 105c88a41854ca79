// Human-readable text of a run report: the per-order outcome table, alerts, expectations, the verdict and the one
// line that replays the run. The same report is what `--json` prints; this is its reading for a terminal.
import type { OrderSummary } from '../model/orderSummary.ts';
import type { Outcome } from '../model/world.ts';
import type { Violation } from '../properties/types.ts';
import { duration, narrate, type Lang } from './narrate.ts';
import type { ReportViolation, RunReport } from './report.ts';

const WORDS = {
  en: {
    outcome: 'Outcome',
    cols: ['order', 'main', 'message', 'purchases', 'deliveries', 'checks'],
    dlq: 'DLQ',
    parked: 'parked',
    alerts: 'alerts',
    none: 'none',
    expectations: 'Expectations',
    unexpected: 'Unexpected violations',
    got: 'got',
    ok: 'OK',
    failed: 'FAILED',
    stats: (r: RunReport) => `seed ${r.seed}, ${r.events} events, ${duration(r.simTimeMs)} simulated${r.settled ? '' : ', did NOT settle'}${r.livelock ? ', LIVELOCK' : ''}`,
    trace: 'trace',
    replay: 'replay',
  },
  zh: {
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
    stats: (r: RunReport) => `种子 ${r.seed},${r.events} 个事件,模拟时间 ${duration(r.simTimeMs)}${r.settled ? '' : ',未能稳定'}${r.livelock ? ',活锁' : ''}`,
    trace: '轨迹哈希',
    replay: '重放',
  },
} as const;

/** Left-aligned columns, two spaces apart. */
export function table(rows: ReadonlyArray<readonly string[]>, indent = '  '): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, displayWidth(cell))));
  return rows.map((row) => `${indent}${row.map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - displayWidth(cell)))).join('  ')}`.trimEnd());
}

/** Terminal columns of a string: CJK characters take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return width;
}

/**
 * The text of a report: outcome table, alerts, expectations, verdict, trace hash and replay line.
 *
 * @example
 * for (const line of renderReport(report, { lang: 'zh' })) console.log(line);
 */
export function renderReport(report: RunReport, options: { lang?: Lang; unexpected?: readonly ReportViolation[] } = {}): string[] {
  const w = WORDS[options.lang ?? 'en'];
  const list = (ids: readonly string[]) => (ids.length === 0 ? w.none : ids.join(', '));
  const lines = [`${w.outcome}:`];
  lines.push(...table([w.cols, ...report.orders.map((o) => [o.id, o.main, o.message, String(o.targetPurchases), String(o.deliveries), String(o.checks)])]));
  const alerts = report.alerts.map((a) => `${a.kind} ${a.order} @${a.t} ms`);
  lines.push(`  ${w.dlq}: ${list(report.dlq)}; ${w.parked}: ${list(report.parked)}; ${w.alerts}: ${list(alerts)}`);
  if (report.expectations !== undefined && report.expectations.length > 0) {
    lines.push('', `${w.expectations}:`);
    for (const e of report.expectations) lines.push(`  ${e.met ? '[ok]  ' : '[FAIL]'} ${e.what}${e.met || e.actual === undefined ? '' : ` (${w.got}: ${e.actual})`}`);
  }
  if (options.unexpected !== undefined && options.unexpected.length > 0) {
    lines.push('', `${w.unexpected}:`);
    for (const v of options.unexpected) lines.push(`  [FAIL] ${v.property}${v.order === undefined ? '' : ` (${v.order})`}: ${v.detail}`);
  }
  lines.push('', `${report.ok ? w.ok : w.failed}: ${report.name} (${w.stats(report)})`);
  lines.push(`  ${w.trace}: ${report.traceHash}`);
  lines.push(`  ${w.replay}: ${report.replay}`);
  return lines;
}

/** Words wrapped to `width` columns, each line indented. */
export function wrap(text: string, width = 100, indent = '  '): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line !== '' && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(indent + line);
  return lines;
}

/**
 * The full text of a checked run: the narration, the trace (when the report carries it), then the report.
 *
 * @example
 * for (const line of renderRun({ outcome, orders, violations, report }, { lang: 'zh' })) console.log(line);
 */
export function renderRun(
  run: { outcome: Outcome; orders: readonly OrderSummary[]; violations: readonly Violation[]; report: RunReport },
  options: { lang?: Lang; unexpected?: readonly ReportViolation[] } = {},
): string[] {
  const lines = narrate(run.outcome, run.orders, run.violations, { lang: options.lang ?? 'en' });
  if (run.report.trace !== undefined) lines.push('', 'Trace:', ...run.report.trace);
  lines.push('', ...renderReport(run.report, options));
  return lines;
}
