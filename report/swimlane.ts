// The run as an SVG swimlane: one lane per node (producers, brokers, consumers, subscribers, operator), a marker
// per milestone or fault, bands where a node was down or partitioned, a dashed line at heal, thin lines at the
// times violations cite, and a compressed time axis (see timeScale). Plain SVG with <title> tooltips: it needs
// no script to read; the report's script only adds filtering. Styled by SWIMLANE_CSS.
import type { Outcome } from '../model/world.ts';
import { diagramText } from './diagramText.ts';
import { escapeHtml } from './escape.ts';
import type { Lang } from './lang.ts';
import { laneMarkers, type LaneMarks, type MarkerKind, type UserMarkerKind } from './laneMarkers.ts';
import { reportText } from './reportText.ts';
import { roleOfNode } from './roles.ts';
import { formatSimTime } from './simTime.ts';
import { timeScale } from './timeScale.ts';
import type { TraceIndex } from './traceIndex.ts';

/** A time a violation cites, drawn as a thin vertical line. */
export interface EvidenceMark {
  readonly t: number;
  /** Index of the violation in the report's list. */
  readonly violation: number;
  readonly label: string;
}

export interface SwimlaneOptions {
  lang: Lang;
  maxMarkers?: number;
  evidence?: readonly EvidenceMark[];
}

export interface Swimlane {
  readonly svg: string;
  /** Nodes drawn, one lane each. */
  readonly lanes: readonly string[];
  /** Nodes with nothing to show, folded out of the drawing. */
  readonly folded: readonly string[];
  readonly marks: LaneMarks;
}

const LABEL_W = 150;
const LANE_H = 28;
const AXIS_H = 52;
const PAD_R = 40;

/** Marker shapes centred on (0, 0). */
const SHAPE: Record<MarkerKind, string> = {
  half: '<circle r="3.5"/>',
  'main-commit': '<rect x="-4" y="-4" width="8" height="8"/>',
  'main-rollback': '<rect x="-4" y="-4" width="8" height="8"/>',
  commit: '<circle r="4.5"/>',
  rollback: '<circle r="4.5"/>',
  check: '<path d="M0,-5L5,0L0,5L-5,0Z"/>',
  deliver: '<path d="M-4,-5L4,0L-4,5Z"/>',
  consumed: '<circle r="4.5"/>',
  'consume-failed': '<circle r="4.5"/>',
  dlq: '<rect x="-5" y="-5" width="10" height="10"/>',
  parked: '<rect x="-5" y="-5" width="10" height="10"/>',
  alert: '<path d="M0,-6L6,5L-6,5Z"/>',
  operator: '<path d="M0,-5L5,0L0,5L-5,0Z"/>',
  drop: '<path d="M-5,-5L5,5M5,-5L-5,5"/>',
  lost: '<path d="M-5,-5L5,5M5,-5L-5,5"/>',
  duplicate: '<path d="M-5,-3L5,-3M-5,3L5,3"/>',
  crash: '<path d="M-6,-5L6,-5L0,6Z"/>',
  restart: '<path d="M-6,5L6,5L0,-6Z"/>',
  partition: '<path d="M-2,-7L2,-7L2,7L-2,7Z"/>',
  'user-call': '<path d="M-4,-4L4,0L-4,4Z"/>',
  'user-db': '<rect x="-3" y="-3" width="6" height="6"/>',
  'user-aborted': '<path d="M-5,-5L5,5M5,-5L-5,5"/>',
  'user-answer': '<path d="M4,-4L-4,0L4,4Z"/>',
};

/** Fill and stroke per marker kind of txsim's own roles. */
const MODEL_COLOR: Record<Exclude<MarkerKind, UserMarkerKind>, string> = {
  half: '#8c8c8c',
  'main-commit': '#2e7d32',
  'main-rollback': '#9e9e9e',
  commit: '#2e7d32',
  rollback: '#9e9e9e',
  check: '#1565c0',
  deliver: '#0277bd',
  consumed: '#00897b',
  'consume-failed': '#ef6c00',
  dlq: '#212121',
  parked: '#6a1b9a',
  alert: '#c62828',
  operator: '#5d4037',
  drop: '#d50000',
  lost: '#d50000',
  duplicate: '#ad1457',
  crash: '#d50000',
  restart: '#2e7d32',
  partition: '#ff6d00',
};

const USER_COLOR: Record<UserMarkerKind, string> = {
  'user-call': '#5e35b1',
  'user-db': '#7e57c2',
  'user-aborted': '#d50000',
  'user-answer': '#4527a0',
};

/** Fill and stroke per marker kind; also used for the legend swatches. */
export const MARKER_COLOR: Record<MarkerKind, string> = { ...MODEL_COLOR, ...USER_COLOR };

const STROKED: ReadonlySet<MarkerKind> = new Set<MarkerKind>(['drop', 'lost', 'duplicate', 'user-aborted']);

/** A marker kind's colour and its hidden-kind rule. */
function kindCss(k: MarkerKind): string[] {
  return [
    STROKED.has(k)
      ? `svg.swimlane .k-${k} path { stroke: ${MARKER_COLOR[k]}; stroke-width: 2.2; fill: none; }`
      : `svg.swimlane .k-${k} > :not(title) { fill: ${MARKER_COLOR[k]}; }`,
    `svg.swimlane.hide-${k} .k-${k} { display: none; }`,
  ];
}

/** CSS for the markers of users' machines: added to a report only when a run has them (txsim's own reports stay as they were). */
export const USER_MARKER_CSS = (Object.keys(USER_COLOR) as UserMarkerKind[]).flatMap(kindCss).join('\n');

/** CSS for the swimlane: lanes, markers per kind, hidden kinds (`hide-<kind>` on the svg), dimmed markers. */
export const SWIMLANE_CSS = [
  'svg.swimlane { font: 11px system-ui, sans-serif; background: #fff; }',
  'svg.swimlane .lane-bg { fill: #fafafa; stroke: #e0e0e0; }',
  'svg.swimlane .lane:nth-of-type(even) .lane-bg { fill: #f3f6fa; }',
  'svg.swimlane .lane-name { font-weight: 600; fill: #263238; }',
  'svg.swimlane .lane-role { fill: #78909c; font-size: 10px; }',
  'svg.swimlane .tick line { stroke: #e6e6e6; }',
  'svg.swimlane .tick text { fill: #546e7a; }',
  'svg.swimlane .down { fill: rgba(213, 0, 0, 0.16); }',
  'svg.swimlane .cut { fill: rgba(255, 109, 0, 0.16); }',
  'svg.swimlane .gap rect { fill: #eceff1; opacity: 0.8; }',
  'svg.swimlane .gap path { stroke: #90a4ae; fill: none; stroke-width: 1.2; }',
  'svg.swimlane .gap text { fill: #455a64; font-style: italic; }',
  'svg.swimlane .heal line { stroke: #2e7d32; stroke-dasharray: 4 3; }',
  'svg.swimlane .heal text { fill: #2e7d32; }',
  'svg.swimlane .evidence { stroke: #c62828; stroke-width: 1; stroke-dasharray: 2 2; opacity: 0.7; }',
  'svg.swimlane .evidence.active { stroke-width: 2.5; opacity: 1; stroke-dasharray: none; }',
  'svg.swimlane .mk { cursor: pointer; }',
  'svg.swimlane .mk.dim { opacity: 0.12; }',
  ...(Object.keys(MODEL_COLOR) as MarkerKind[]).map((k) => kindCss(k)[0] as string),
  ...(Object.keys(MODEL_COLOR) as MarkerKind[]).map((k) => kindCss(k)[1] as string),
].join('\n');

/**
 * Node names in lane order: producers, brokers, target consumers, subscribers, operator.
 *
 * @example
 * laneNodes(outcome); // ['producer-1', 'producer-2', 'broker-1', 'consumer-1', 'consumer-2', 'ops', ..., 'operator']
 */
export function laneNodes(outcome: Outcome): string[] {
  const t = outcome.topology;
  const target = t.groups.filter((g) => g.role === 'target').flatMap((g) => g.instances);
  const subscribers = t.groups.filter((g) => g.role !== 'target').flatMap((g) => g.instances);
  return [...new Set([...t.producers, ...t.brokers, ...target, ...subscribers, t.operator])];
}

const num = (v: number): string => String(Math.round(v * 10) / 10);

/** Marker spacing when several fall on one spot of a lane. */
const DODGE = 11;

/**
 * Horizontal offsets so markers of one lane closer than DODGE px sit side by side, centred on their spot, instead
 * of on top of each other.
 */
function sideBySide(markers: ReadonlyArray<{ node: string; t: number }>, x: (t: number) => number): number[] {
  const offsets = new Array<number>(markers.length).fill(0);
  const byLane = new Map<string, number[]>();
  markers.forEach((m, i) => byLane.set(m.node, [...(byLane.get(m.node) ?? []), i]));
  for (const indexes of byLane.values()) {
    const sorted = [...indexes].sort((a, b) => x((markers[a] as { t: number }).t) - x((markers[b] as { t: number }).t) || a - b);
    let k = 0;
    while (k < sorted.length) {
      // A cluster: markers within DODGE px of the cluster's first one.
      const x0 = x((markers[sorted[k] as number] as { t: number }).t);
      let j = k + 1;
      while (j < sorted.length && x((markers[sorted[j] as number] as { t: number }).t) - x0 < DODGE) j++;
      const n = j - k;
      for (let p = 0; p < n; p++) {
        const i = sorted[k + p] as number;
        offsets[i] = x0 - x((markers[i] as { t: number }).t) + (p - (n - 1) / 2) * DODGE;
      }
      k = j;
    }
  }
  return offsets;
}

/**
 * Draw the swimlane of a run.
 *
 * @example
 * const { svg } = swimlane(outcome, indexTrace(outcome.trace), { lang: 'en' });
 * svg.startsWith('<svg'); // true
 */
export function swimlane(outcome: Outcome, index: TraceIndex, options: SwimlaneOptions): Swimlane {
  const rt = reportText(options.lang);
  const dt = diagramText(options.lang);
  const marks = laneMarkers(outcome, index, { maxMarkers: options.maxMarkers });
  // Lanes with nothing on them are folded into one line under the drawing.
  const busy = new Set([...marks.markers.map((m) => m.node), ...marks.intervals.map((iv) => iv.node)]);
  const all = laneNodes(outcome);
  const lanes = all.filter((n) => busy.has(n));
  const folded = all.filter((n) => !busy.has(n));
  const laneOf = new Map(lanes.map((n, i) => [n, i]));
  const evidence = options.evidence ?? [];
  const times = [
    ...marks.markers.map((m) => m.t),
    ...marks.intervals.flatMap((iv) => [iv.from, iv.to]),
    ...marks.heals,
    ...evidence.map((e) => e.t),
    outcome.simTimeMs,
  ];
  const scale = timeScale(times);
  const width = LABEL_W + scale.width + PAD_R;
  const height = AXIS_H + lanes.length * LANE_H + 8;
  const X = (t: number): string => num(LABEL_W + scale.x(t));
  const laneY = (i: number): number => AXIS_H + i * LANE_H;
  const out: string[] = [];
  out.push(
    `<svg class="swimlane" xmlns="http://www.w3.org/2000/svg" width="${num(width)}" height="${height}" viewBox="0 0 ${num(width)} ${height}" role="img" aria-label="${escapeHtml(rt.timeline)}">`,
  );
  out.push('<g class="lanes">');
  lanes.forEach((node, i) => {
    const role = roleOfNode(outcome.topology, node);
    const y = laneY(i);
    out.push(
      `<g class="lane" data-node="${escapeHtml(node)}"><rect class="lane-bg" x="0" y="${y}" width="${num(width)}" height="${LANE_H}"/>` +
        `<text class="lane-name" x="8" y="${y + 12}">${escapeHtml(node)}</text>` +
        (role === undefined ? '' : `<text class="lane-role" x="8" y="${y + 24}">${escapeHtml(role.startsWith('sub:') ? dt.subscriber : dt.role(role))}</text>`) +
        '</g>',
    );
  });
  out.push('</g>');
  out.push('<g class="axis">');
  for (const tick of scale.ticks) {
    const x = num(LABEL_W + tick.x);
    out.push(`<g class="tick"><line x1="${x}" y1="${AXIS_H - 6}" x2="${x}" y2="${height - 8}"/><text x="${x}" y="${AXIS_H - 12}" text-anchor="middle">${escapeHtml(tick.label)}</text></g>`);
  }
  out.push('</g>');
  out.push('<g class="breaks">');
  // Gap lengths on their own row above the ticks, each only where it does not run into the previous one.
  let labelEnd = -Infinity;
  for (const b of scale.breaks) {
    const x1 = LABEL_W + b.x;
    const mid = x1 + b.width / 2;
    const labelW = b.label.length * 6.2;
    const labelled = mid - labelW / 2 > labelEnd + 6;
    if (labelled) labelEnd = mid + labelW / 2;
    out.push(
      `<g class="gap" data-from="${b.from}" data-to="${b.to}"><rect x="${num(x1 + 4)}" y="${AXIS_H - 4}" width="${num(Math.max(2, b.width - 8))}" height="${height - AXIS_H - 4}"/>` +
        `<path d="M${num(mid - 3)},${AXIS_H - 4}l6,6l-6,6l6,6"/>${labelled ? `<text x="${num(mid)}" y="${AXIS_H - 30}" text-anchor="middle">${escapeHtml(b.label)}</text>` : ''}` +
        `<title>${escapeHtml(rt.gap(formatSimTime(b.from), formatSimTime(b.to), b.label))}</title></g>`,
    );
  }
  out.push('</g>');
  out.push('<g class="intervals">');
  for (const iv of marks.intervals) {
    const lane = laneOf.get(iv.node);
    if (lane === undefined) continue;
    const x1 = LABEL_W + scale.x(iv.from);
    const x2 = Math.max(x1 + 2, LABEL_W + scale.x(iv.to));
    const cls = iv.kind === 'down' ? 'down' : 'cut';
    const what = iv.kind === 'down' ? rt.down : rt.partition;
    out.push(
      `<rect class="${cls}" data-node="${escapeHtml(iv.node)}" x="${num(x1)}" y="${laneY(lane) + 3}" width="${num(x2 - x1)}" height="${LANE_H - 6}"><title>${escapeHtml(`${iv.node} ${what} ${formatSimTime(iv.from)} .. ${formatSimTime(iv.to)}: ${iv.detail}`)}</title></rect>`,
    );
  }
  out.push('</g>');
  for (const t of marks.heals) {
    const x = X(t);
    out.push(`<g class="heal"><line x1="${x}" y1="${AXIS_H}" x2="${x}" y2="${height - 8}"/><text x="${x}" y="${height - 1}" text-anchor="middle">${escapeHtml(`${rt.heal} ${formatSimTime(t)}`)}</text><title>${escapeHtml(`${rt.heal} @ ${formatSimTime(t)}`)}</title></g>`);
  }
  out.push('<g class="evidence-lines">');
  for (const e of evidence) {
    const x = X(e.t);
    out.push(`<line class="evidence" data-violation="${e.violation}" x1="${x}" y1="${AXIS_H}" x2="${x}" y2="${height - 8}"><title>${escapeHtml(`${e.label} @ ${formatSimTime(e.t)}`)}</title></line>`);
  }
  out.push('</g>');
  out.push('<g class="markers">');
  const dx = sideBySide(marks.markers, (t) => scale.x(t));
  marks.markers.forEach((m, i) => {
    const lane = laneOf.get(m.node);
    if (lane === undefined) return;
    const title = [formatSimTime(m.t), m.node, rt.marker(m.kind), m.order ?? '', m.detail, m.seq === undefined ? '' : `#${m.seq}`].filter((s) => s !== '').join(' · ');
    const order = m.order === undefined ? '' : ` data-order="${escapeHtml(m.order)}"`;
    const seq = m.seq === undefined ? '' : ` data-seq="${m.seq}"`;
    out.push(
      `<g class="mk k-${m.kind}" data-kind="${m.kind}" data-node="${escapeHtml(m.node)}" data-t="${m.t}"${order}${seq} transform="translate(${num(LABEL_W + scale.x(m.t) + (dx[i] ?? 0))},${laneY(lane) + LANE_H / 2})"><title>${escapeHtml(title)}</title>${SHAPE[m.kind]}</g>`,
    );
  });
  out.push('</g>');
  out.push('</svg>');
  return { svg: out.join('\n'), lanes, folded, marks };
}
