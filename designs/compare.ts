// The side-by-side measurement: `runs` runs, each with its own seed derived from the comparison's seed, its own
// workload (workload fork) and fault plan (profile fork); every design plays exactly the same orders and plan.
// The table aggregates per design what the article rates in words: 一致性 (consistency: orders left
// inconsistent, how long orders stayed inconsistent) and 解耦度 (decoupling: shared storage, interfaces,
// synchronous dependence), plus what each design costs (locks, reservations, messages, calls). Everything is
// computed from simulated runs, so the same seed and profile give the same table in any process.
import { createHash } from 'node:crypto';
import { Rng } from '../sim/rng.ts';
import { ARTICLE_ROWS, type ArticleRating, type Coupling, type Design, type DesignMetrics } from './design.ts';
import { listDesigns } from './index.ts';
import { getCompareProfile } from './profiles.ts';
import { generateWorkload } from './workload.ts';

/** What to compare: how many runs, from which seed, under which profile, which designs. */
export interface CompareOptions {
  runs: number;
  seed: string | number;
  /** A name from COMPARE_PROFILES. */
  profile: string;
  /** Default: every registered design. Listed in the article's row order, then as given. */
  designs?: readonly Design[];
  /** Passed to every run (the plain-message reconciliation period). */
  reconcileIntervalMs?: number;
  /** Keep every run's metrics in the table (default false: aggregates only). */
  keepRuns?: boolean;
  /** Index of the first run (default 0): runs are firstRun .. firstRun + runs - 1, so one run can be replayed alone. */
  firstRun?: number;
}

/** One design's aggregate over all runs. Times in simulated ms. */
export interface CompareRow {
  design: string;
  title: string;
  articleRow: string;
  articleRatings: { decoupling: ArticleRating; consistency: ArticleRating };
  coupling: Coupling;
  runs: number;
  orders: number;
  /** 一致性, measured. */
  consistency: {
    /** Orders inconsistent at the end of their run, summed over runs (double purchases included). */
    finalInconsistencies: number;
    /** Runs that ended with at least one inconsistent order. */
    inconsistentRuns: number;
    doublePurchases: number;
    /** Orders inconsistent for over 1 s that ended consistent. */
    healedLateOrders: number;
    /** Repairs made by a reconciliation job (re-sends, compensations). */
    repairs: number;
    /** Per-order longest window of inconsistency: median, 99th percentile and maximum over the orders where
     * anything happened (main committed or target bought at some point). */
    windowP50Ms: number;
    windowP99Ms: number;
    windowMaxMs: number;
    /** Runs that did not reach quiescence within the settle bound. */
    unsettledRuns: number;
    negativeBalances: number;
  };
  /** 解耦度, measured: does the main transaction go through while the secondary side is in trouble? */
  availability: {
    payableOrders: number;
    /** Payable orders completed (main committed, target bought once) at the end. */
    completedOrders: number;
    /** Clicks the entry node refused for good. */
    rejectedOrders: number;
  };
  /** What the design costs, per order (means over all orders). */
  cost: {
    locksHeldMsPerOrder: number;
    longestLockMs: number;
    reservationsHeldMsPerOrder: number;
    messagesPerOrder: number;
    callsPerOrder: number;
    /** Mean simulated time a run took to settle. */
    meanRunMs: number;
  };
  /** sha256 over the runs' trace hashes: equal digests, equal runs. */
  traceDigest: string;
  perRun?: DesignMetrics[];
}

/** The comparison: one row per design, plain data (JSON-serialisable). */
export interface CompareTable {
  seed: string;
  profile: string;
  profileDescription: string;
  runs: number;
  rows: CompareRow[];
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] as number;
}

function articleIndex(d: Design): number {
  const i = (ARTICLE_ROWS as readonly string[]).indexOf(d.articleRow);
  return i < 0 ? ARTICLE_ROWS.length : i;
}

/**
 * Run every design on the same seeds, workloads and fault plans.
 *
 * @example
 * const table = compareDesigns({ runs: 200, seed: 1, profile: 'default' });
 * console.log(renderCompareTable(table));
 */
export function compareDesigns(options: CompareOptions): CompareTable {
  if (!Number.isInteger(options.runs) || options.runs < 1 || options.runs > 100_000) throw new Error(`compareDesigns: runs must be 1..100000, got ${options.runs}`);
  const profile = getCompareProfile(options.profile);
  const designs = (options.designs ?? listDesigns())
    .map((d, i) => ({ d, i }))
    .sort((a, b) => articleIndex(a.d) - articleIndex(b.d) || a.i - b.i)
    .map((x) => x.d);
  const results = designs.map(() => [] as DesignMetrics[]);
  const firstRun = options.firstRun ?? 0;
  if (!Number.isInteger(firstRun) || firstRun < 0) throw new Error(`compareDesigns: firstRun must be an integer >= 0, got ${firstRun}`);
  for (let run = firstRun; run < firstRun + options.runs; run++) {
    const seed = `${options.seed}:${run}`;
    const root = new Rng(seed);
    const orders = generateWorkload(root.fork('workload'));
    const faults = profile.draw(root.fork(`profile/${profile.name}`), orders);
    designs.forEach((design, i) => {
      const spec = { seed, orders, faults, profile: profile.name, ...(options.reconcileIntervalMs === undefined ? {} : { reconcileIntervalMs: options.reconcileIntervalMs }) };
      results[i]?.push(design.run(spec));
    });
  }
  return {
    seed: String(options.seed),
    profile: profile.name,
    profileDescription: profile.description,
    runs: options.runs,
    rows: designs.map((d, i) => aggregate(d, results[i] ?? [], options.keepRuns ?? false)),
  };
}

function aggregate(design: Design, runs: readonly DesignMetrics[], keepRuns: boolean): CompareRow {
  const orders = runs.reduce((s, r) => s + r.orders, 0);
  const perOrder = Math.max(1, orders);
  const windows = runs
    .flatMap((r) => r.details.filter((d) => d.mainCommittedAtMs !== null || d.targetBoughtAtMs !== null).map((d) => d.longestWindowMs))
    .sort((a, b) => a - b);
  const digest = createHash('sha256');
  for (const r of runs) digest.update(r.traceHash);
  const sum = (f: (r: DesignMetrics) => number): number => runs.reduce((s, r) => s + f(r), 0);
  const row: CompareRow = {
    design: design.name,
    title: design.title,
    articleRow: design.articleRow,
    articleRatings: design.articleRatings,
    coupling: design.coupling,
    runs: runs.length,
    orders,
    consistency: {
      finalInconsistencies: sum((r) => r.finalInconsistencies),
      inconsistentRuns: runs.filter((r) => r.finalInconsistencies > 0).length,
      doublePurchases: sum((r) => r.doublePurchases),
      healedLateOrders: sum((r) => r.healedLateOrders),
      repairs: sum((r) => r.repairs),
      windowP50Ms: percentile(windows, 50),
      windowP99Ms: percentile(windows, 99),
      windowMaxMs: windows.length === 0 ? 0 : (windows[windows.length - 1] as number),
      unsettledRuns: runs.filter((r) => !r.settled).length,
      negativeBalances: sum((r) => r.negativeBalances),
    },
    availability: {
      payableOrders: sum((r) => r.payableOrders),
      completedOrders: sum((r) => r.completedOrders),
      rejectedOrders: sum((r) => r.rejectedOrders),
    },
    cost: {
      locksHeldMsPerOrder: sum((r) => r.locksHeldMs) / perOrder,
      longestLockMs: runs.reduce((m, r) => Math.max(m, r.longestLockMs), 0),
      reservationsHeldMsPerOrder: sum((r) => r.reservationsHeldMs) / perOrder,
      messagesPerOrder: sum((r) => r.messagesPerOrder * r.orders) / perOrder,
      callsPerOrder: sum((r) => r.callsPerOrder * r.orders) / perOrder,
      meanRunMs: runs.length === 0 ? 0 : sum((r) => r.simulatedMs) / runs.length,
    },
    traceDigest: digest.digest('hex'),
  };
  if (keepRuns) row.perRun = [...runs];
  return row;
}

/** Terminal columns a string takes: CJK and full-width characters take two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    const wide =
      (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6);
    w += wide ? 2 : 1;
  }
  return w;
}

function pad(s: string, width: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return align === 'left' ? s + fill : fill + s;
}

function ms(v: number): string {
  if (v >= 10_000) return `${(v / 1000).toFixed(1)}s`;
  return `${Math.round(v)}`;
}

interface Column {
  group: string;
  header: string;
  align: 'left' | 'right';
  value(row: CompareRow): string;
}

const yesNo = (b: boolean): string => (b ? 'yes' : 'no');

const COLUMNS: readonly Column[] = [
  { group: '', header: 'design', align: 'left', value: (r) => r.design },
  { group: '', header: 'article row', align: 'left', value: (r) => r.articleRow },
  { group: 'article 2.3', header: '解耦度', align: 'left', value: (r) => r.articleRatings.decoupling },
  { group: 'article 2.3', header: '一致性', align: 'left', value: (r) => r.articleRatings.consistency },
  { group: '一致性 consistency (measured)', header: 'bad end', align: 'right', value: (r) => String(r.consistency.finalInconsistencies) },
  { group: '一致性 consistency (measured)', header: 'bad runs', align: 'right', value: (r) => String(r.consistency.inconsistentRuns) },
  { group: '一致性 consistency (measured)', header: 'double', align: 'right', value: (r) => String(r.consistency.doublePurchases) },
  { group: '一致性 consistency (measured)', header: 'late>1s', align: 'right', value: (r) => String(r.consistency.healedLateOrders) },
  { group: '一致性 consistency (measured)', header: 'repairs', align: 'right', value: (r) => String(r.consistency.repairs) },
  { group: '一致性 consistency (measured)', header: 'win p50', align: 'right', value: (r) => ms(r.consistency.windowP50Ms) },
  { group: '一致性 consistency (measured)', header: 'win p99', align: 'right', value: (r) => ms(r.consistency.windowP99Ms) },
  { group: '一致性 consistency (measured)', header: 'win max', align: 'right', value: (r) => ms(r.consistency.windowMaxMs) },
  { group: '解耦度 decoupling', header: 'shared db', align: 'left', value: (r) => yesNo(r.coupling.sharedStorageWithBusinessDb) },
  { group: '解耦度 decoupling', header: 'ifaces', align: 'right', value: (r) => String(r.coupling.businessInterfacesPerService) },
  { group: '解耦度 decoupling', header: 'sync', align: 'left', value: (r) => yesNo(r.coupling.mainWaitsForSecondary) },
  {
    group: 'availability',
    header: 'done',
    align: 'right',
    value: (r) => `${((100 * r.availability.completedOrders) / Math.max(1, r.availability.payableOrders)).toFixed(1)}%`,
  },
  { group: 'cost per order', header: 'msgs', align: 'right', value: (r) => r.cost.messagesPerOrder.toFixed(1) },
  { group: 'cost per order', header: 'calls', align: 'right', value: (r) => r.cost.callsPerOrder.toFixed(1) },
  { group: 'cost per order', header: 'lock ms', align: 'right', value: (r) => r.cost.locksHeldMsPerOrder.toFixed(0) },
  { group: 'cost per order', header: 'max lock', align: 'right', value: (r) => ms(r.cost.longestLockMs) },
  { group: 'cost per order', header: 'resv ms', align: 'right', value: (r) => r.cost.reservationsHeldMsPerOrder.toFixed(0) },
];

/**
 * The table as fixed-width text: a title line, a group header (the article's column names where they apply),
 * column headers, one line per design, and a legend.
 *
 * @example
 * console.log(renderCompareTable(compareDesigns({ runs: 20, seed: 1, profile: 'default' })));
 */
export function renderCompareTable(table: CompareTable): string {
  const cells = table.rows.map((r) => COLUMNS.map((c) => c.value(r)));
  const widths = COLUMNS.map((c, i) => Math.max(displayWidth(c.header), ...cells.map((row) => displayWidth(row[i] ?? ''))));
  // Widen the last column of a group when the group label is longer than its columns.
  let start = 0;
  while (start < COLUMNS.length) {
    let end = start;
    while (end + 1 < COLUMNS.length && COLUMNS[end + 1]?.group === COLUMNS[start]?.group) end++;
    const label = COLUMNS[start]?.group ?? '';
    const span = widths.slice(start, end + 1).reduce((s, w) => s + w, 0) + 2 * (end - start);
    if (displayWidth(label) > span) widths[end] = (widths[end] ?? 0) + displayWidth(label) - span;
    start = end + 1;
  }
  const groupLine: string[] = [];
  start = 0;
  while (start < COLUMNS.length) {
    let end = start;
    while (end + 1 < COLUMNS.length && COLUMNS[end + 1]?.group === COLUMNS[start]?.group) end++;
    const span = widths.slice(start, end + 1).reduce((s, w) => s + w, 0) + 2 * (end - start);
    groupLine.push(pad(COLUMNS[start]?.group ?? '', span, 'left'));
    start = end + 1;
  }
  const line = (values: readonly string[]): string =>
    values.map((v, i) => pad(v, widths[i] ?? 0, COLUMNS[i]?.align ?? 'left')).join('  ').trimEnd();
  const rule = '-'.repeat(widths.reduce((s, w) => s + w, 0) + 2 * (widths.length - 1));
  const orders = table.rows[0]?.orders ?? 0;
  return [
    `Design comparison: ${table.runs} runs, ${orders} orders, profile ${table.profile}, seed ${table.seed}`,
    `profile: ${table.profileDescription}`,
    '',
    groupLine.join('  ').trimEnd(),
    line(COLUMNS.map((c) => c.header)),
    rule,
    ...cells.map(line),
    rule,
    'bad end: orders left with main committed XOR target bought (or bought twice) at the end; bad runs: runs with any;',
    'late>1s: orders inconsistent for over 1 s that ended consistent; repairs: re-sends/compensations by reconciliation;',
    'win: per-order longest window of inconsistency (ms, or s) over orders where anything committed;',
    'shared db: needs a table in the business DB; ifaces: business interfaces per service; sync: main waits for the',
    'secondary; done: payable orders completed (main + target) by the end (a synchronous design fails an order when a',
    'participant does not answer within the phase-one timeout; a refused click is retried every second);',
    'msgs: network messages; calls: business-interface invocations; lock ms / max lock: DB locks held (per order /',
    'longest single); resv ms: TCC reservations held per order.',
  ].join('\n');
}

/** The table as JSON (stable key order, two-space indent). */
export function compareTableJson(table: CompareTable): string {
  return JSON.stringify(table, null, 2);
}
