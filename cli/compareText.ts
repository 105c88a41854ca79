// `txsim compare`'s default reading: the seed article's table (section 2.3) in under 100 columns. Each design's
// two judgements from the article (解耦度, 一致性) sit beside the measured figures that support them: orders left
// inconsistent with the reconciliation job off and on (the difference between 较高 and 高), the p99 window of
// inconsistency, whether the main transaction waits for the secondary, the share of orders completed, and the
// messages per order. `--wide` prints every measured column (designs/compare.ts renderCompareTable).
import { displayWidth, type CompareRow, type CompareTable } from '../designs/compare.ts';

/** Widest line of the compact table; the test holds the command to it. */
export const COMPACT_WIDTH = 100;

interface Column {
  header: [string, string];
  align: 'left' | 'right';
  value: (on: CompareRow, off: CompareRow | undefined) => string;
}

const seconds = (ms: number): string => (ms < 1_000 ? `${Math.round(ms)}ms` : `${(ms / 1_000).toFixed(1)}s`);
const percent = (r: CompareRow): string => `${((100 * r.availability.completedOrders) / Math.max(1, r.availability.payableOrders)).toFixed(1)}%`;

function columns(reconcileLabel: string, withOff: boolean): Column[] {
  return [
    { header: ['', 'design'], align: 'left', value: (r) => r.design },
    { header: ['article', '解耦度'], align: 'left', value: (r) => r.articleRatings.decoupling },
    { header: ['', '一致性'], align: 'left', value: (r) => r.articleRatings.consistency },
    ...(withOff ? [{ header: ['bad end', 'recon off'], align: 'right', value: (_r, off) => (off === undefined ? '-' : String(off.consistency.finalInconsistencies)) } satisfies Column] : []),
    { header: [withOff ? '' : 'bad end', reconcileLabel], align: 'right', value: (r) => String(r.consistency.finalInconsistencies) },
    { header: ['window', 'p99'], align: 'right', value: (r) => seconds(r.consistency.windowP99Ms) },
    { header: ['main', 'waits'], align: 'left', value: (r) => (r.coupling.mainWaitsForSecondary ? 'yes' : 'no') },
    { header: ['orders', 'done'], align: 'right', value: (r) => percent(r) },
    { header: ['msgs', '/order'], align: 'right', value: (r) => r.cost.messagesPerOrder.toFixed(1) },
  ];
}

function pad(text: string, width: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'left' ? text + fill : fill + text;
}

/**
 * The compact comparison: `on` is the run as configured (reconciliation on by default), `off` the same runs with
 * the reconciliation job switched off (omitted when the user chose the interval).
 *
 * @example
 * renderCompactCompare(on, off, { wideHint: true }).split('\n').every((l) => displayWidth(l) <= 100); // true
 */
export function renderCompactCompare(on: CompareTable, off: CompareTable | undefined, options: { reconcileIntervalMs?: number } = {}): string {
  const interval = options.reconcileIntervalMs;
  const reconcileLabel = interval === undefined ? 'recon on' : interval === 0 ? 'recon off' : `recon ${seconds(interval)}`;
  const cols = columns(reconcileLabel, off !== undefined);
  const offRows = new Map((off?.rows ?? []).map((r) => [r.design, r]));
  const cells = on.rows.map((r) => cols.map((c) => c.value(r, offRows.get(r.design))));
  const widths = cols.map((c, i) => Math.max(displayWidth(c.header[0]), displayWidth(c.header[1]), ...cells.map((row) => displayWidth(row[i] ?? ''))));
  const line = (values: readonly string[]): string => values.map((v, i) => pad(v, widths[i] ?? 0, cols[i]?.align ?? 'left')).join('  ').trimEnd();
  const rule = '-'.repeat(Math.min(COMPACT_WIDTH, widths.reduce((s, w) => s + w, 0) + 2 * (widths.length - 1)));
  const orders = on.rows[0]?.orders ?? 0;
  return [
    `Design comparison (seed article 2.3): ${on.runs} runs, ${orders} orders, profile ${on.profile}, seed ${on.seed}`,
    '',
    line(cols.map((c) => c.header[0])),
    line(cols.map((c) => c.header[1])),
    rule,
    ...cells.map(line),
    rule,
    'article: the article\'s own ratings, 解耦度 (decoupling) and 一致性 (consistency): 无 < 较高 < 高.',
    'bad end: orders left inconsistent at the end of their run (main committed but the target fund not',
    `  bought, or bought twice)${off === undefined ? '.' : ', with the reconciliation job off and on: the job is what'}`,
    ...(off === undefined ? [] : ["  lifts plain messages from inconsistent to eventually consistent, late (the article's 较高)."]),
    'window p99: how long an order stays inconsistent before it is repaired (99th percentile).',
    'main waits: the main transaction cannot commit until the secondary answers (what 解耦度 无 means);',
    '  orders done: share of payable orders completed by the end; msgs/order: network messages.',
    '--wide prints every measured column (locks, repairs, interfaces, ...); --json the full table.',
  ].join('\n');
}
