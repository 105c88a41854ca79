// Human-readable text of a run report: the per-order outcome table, alerts, expectations, the verdict and the one
// line that replays the run. The same report is what `--json` prints; this is its reading for a terminal.
import type { OrderSummary } from '../model/orderSummary.ts';
import type { Outcome } from '../model/world.ts';
import type { Violation } from '../properties/types.ts';
import { expectationText, stateText, violationDetail } from '../report/catalog.ts';
import { EN_RUN_WORDS } from '../report/i18n/en.ts';
import { ZH_RUN_WORDS } from '../report/i18n/zh.ts';
import { zhPunctuate } from '../report/zhPunctuation.ts';
import { narrate, type Lang } from './narrate.ts';
import type { ReportViolation, RunReport } from './report.ts';

/** The words of the outcome table, verdict and replay lines (report/i18n/en.ts and zh.ts). */
export interface RunWords {
  outcome: string;
  cols: readonly string[];
  dlq: string;
  parked: string;
  alerts: string;
  none: string;
  expectations: string;
  unexpected: string;
  got: string;
  ok: string;
  failed: string;
  stats: (r: RunReport) => string;
  trace: string;
  replay: string;
  traceHeading: string;
  alert: (kind: string, order: string, t: number) => string;
}

const WORDS: Record<Lang, RunWords> = { en: EN_RUN_WORDS, zh: ZH_RUN_WORDS };

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
  const lang = options.lang ?? 'en';
  const w = WORDS[lang];
  const st = (state: string): string => stateText(lang, state);
  const list = (ids: readonly string[]) => (ids.length === 0 ? w.none : ids.join(', '));
  const lines = [`${w.outcome}:`];
  lines.push(...table([w.cols, ...report.orders.map((o) => [o.id, st(o.main), st(o.message), String(o.targetPurchases), String(o.deliveries), String(o.checks)])]));
  const alerts = report.alerts.map((a) => w.alert(a.kind, a.order, a.t));
  lines.push(`  ${w.dlq}: ${list(report.dlq)}; ${w.parked}: ${list(report.parked)}; ${w.alerts}: ${list(alerts)}`);
  if (report.expectations !== undefined && report.expectations.length > 0) {
    lines.push('', `${w.expectations}:`);
    for (const e of report.expectations) {
      const what = expectationText(lang, e.what);
      lines.push(`  ${e.met ? '[ok]  ' : '[FAIL]'} ${what}${e.met || e.actual === undefined ? '' : ` (${w.got}: ${expectationText(lang, e.actual)})`}`);
    }
  }
  if (options.unexpected !== undefined && options.unexpected.length > 0) {
    lines.push('', `${w.unexpected}:`);
    for (const v of options.unexpected) lines.push(`  [FAIL] ${v.property}${v.order === undefined ? '' : ` (${v.order})`}${lang === 'zh' ? '\uff1a' : ': '}${violationDetail(lang, v)}`);
  }
  lines.push('', `${report.ok ? w.ok : w.failed}: ${report.name} (${w.stats(report)})`);
  lines.push(`  ${w.trace}: ${report.traceHash}`);
  lines.push(`  ${w.replay}: ${report.replay}`);
  return lang === 'zh' ? lines.map(zhPunctuate) : lines;
}

/** Full-width marks that must not start a line (kinsoku). */
const NO_LINE_START = /^[\uff0c\u3002\uff1b\uff1a\uff09\u3001\uff01\uff1f\u201d]/u;
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u201c\u201d]/u;

/** Chinese text wrapped by display width: a line may break between any two Chinese characters. */
function wrapWide(text: string, width: number, indent: string): string[] {
  // Tokens: a Chinese character, a run of other non-space characters, or a space.
  const tokens = text.match(/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u201c\u201d]|[^\s\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u201c\u201d]+|\s+/gu) ?? [];
  const lines: string[] = [];
  let line = '';
  for (const token of tokens) {
    const space = /^\s+$/.test(token);
    if (space) {
      if (line !== '') line += ' ';
      continue;
    }
    if (line !== '' && displayWidth(indent + line + token) > width && !NO_LINE_START.test(token)) {
      lines.push(indent + line.trimEnd());
      line = token;
    } else line += token;
  }
  if (line.trim() !== '') lines.push(indent + line.trimEnd());
  return lines;
}

/** Words wrapped to `width` columns, each line indented; Chinese text by display width. */
export function wrap(text: string, width = 100, indent = '  '): string[] {
  if (WIDE.test(text)) return wrapWide(text, width, indent);
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
  if (run.report.trace !== undefined) lines.push('', `${WORDS[options.lang ?? 'en'].traceHeading}:`, ...run.report.trace);
  lines.push('', ...renderReport(run.report, options));
  return lines;
}
