// One finished run as ONE self-contained HTML file: summary, the verdict (a scenario's is the command's: expected
// violations of a design-limit scenario do not make it "invalid"), the checkers' findings (safety and liveness
// apart, each violation with its evidence and the trace lines it cites), the expectations, the replay command, the
// lesson and narration, the sequence diagram drawn as inline SVG (sources below it), statecharts when given, a
// swimlane timeline per node (linear bursts, cut silences, markers side by side, idle lanes folded), the fault
// plan, the order table, the ledgers before and after and the config. Inline CSS and script only, a Content-Security-Policy that forbids every fetch, no
// fonts beyond the system's: it opens from disk without a server or network. Every string from the run is
// escaped. A pure function of its inputs: the same run and options give the same bytes.
import { summarizeOrders } from '../model/orderSummary.ts';
import { investorOf } from '../model/ledger.ts';
import type { Outcome } from '../model/world.ts';
import type { Checker, PropertyClass, Violation } from '../properties/types.ts';
import { formatTraceEvent } from '../sim/trace.ts';
import { escapeHtml } from './escape.ts';
import type { Lang } from './lang.ts';
import { MARKER_KINDS, type MarkerKind } from './laneMarkers.ts';
import { reportText, type ReportText } from './reportText.ts';
import { expectationText, propertyDescription, stateText, stopText, violationDetail } from './catalog.ts';
import { sequenceDiagram } from './sequenceDiagram.ts';
import { sequenceModel } from './sequenceModel.ts';
import { SEQUENCE_SVG_CSS, sequenceSvg } from './sequenceSvg.ts';
import { formatSimTime } from './simTime.ts';
import { MARKER_COLOR, SWIMLANE_CSS, USER_MARKER_CSS, swimlane, type EvidenceMark } from './swimlane.ts';
import { USER_MARKER_KINDS } from './laneMarkers.ts';
import { indexTrace, type TraceIndex } from './traceIndex.ts';

/** A scenario run's judgement, so the page's verdict is the command's: expectations met, violations expected. */
export interface ScenarioJudgement {
  /** The command's verdict (exit 0). */
  ok: boolean;
  expectations: ReadonlyArray<{ what: string; met: boolean; actual?: string }>;
  /** Violations no expectation accounts for. */
  unexpected: readonly Violation[];
  /** The scenario's lesson, in the report's language. */
  lesson?: string;
}

/** A statechart of one machine, drawn by its owner (issue 12), with the order's path highlighted. */
export interface StatechartFigure {
  /** The machine, e.g. `transactionCenter`. */
  machine: string;
  /** A self-contained inline SVG element. */
  svg: string;
}

export interface HtmlReportOptions {
  /** A named scenario's or scenario file's judgement; absent for explore/replay runs. */
  scenario?: ScenarioJudgement;
  /** The narration of the run (cli/narrate.ts), one line per entry, in the report's language. */
  narration?: readonly string[];
  /** Statecharts to show (hook for the machines' own diagrams); the section is left out when absent or empty. */
  statecharts?: readonly StatechartFigure[];
  /** The checkers' findings (see properties/); an empty list is a valid run. */
  violations: readonly Violation[];
  /** The one command line that reproduces the run. */
  replayCommand: string;
  /** Page title; default "txsim run <name>, seed <seed>". */
  title?: string;
  /** Default 'en'. */
  lang?: Lang;
  /** The checkers that ran, so passing ones are listed too; default: only violations are shown. */
  checkers?: ReadonlyArray<Pick<Checker, 'name' | 'class'> & { description?: string }>;
  /** Draw only this order in the sequence diagram; default: every order, up to 8. */
  diagramOrder?: string;
  /** Cap on timeline markers (default 5000; faults are kept first). */
  maxMarkers?: number;
  /** Cap on order table rows (default 1000; orders named by violations are always shown). */
  maxOrderRows?: number;
}

const CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", "WenQuanYi Zen Hei", "PingFang SC", "Microsoft YaHei", sans-serif; color: #1f2933; background: #f5f7fa; }
header { padding: 18px 28px; background: #263238; color: #fff; }
header h1 { margin: 0 0 4px; font-size: 20px; }
header .sub { color: #cfd8dc; font-size: 13px; }
main { padding: 8px 28px 40px; max-width: 1600px; }
section { background: #fff; border: 1px solid #dde3ea; border-radius: 6px; margin: 16px 0; padding: 12px 18px; }
h2 { font-size: 17px; margin: 4px 0 10px; }
h3 { font-size: 15px; margin: 12px 0 6px; }
.hint { color: #607d8b; font-size: 12.5px; margin: 0 0 8px; }
table { border-collapse: collapse; font-size: 13px; }
th, td { border: 1px solid #e3e8ee; padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #f0f3f7; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; }
dl.summary dt { color: #607d8b; }
dl.summary dd { margin: 0; font-variant-numeric: tabular-nums; word-break: break-all; }
.badge { display: inline-block; padding: 1px 9px; border-radius: 10px; font-weight: 700; font-size: 13px; }
.badge.ok { background: #e8f5e9; color: #1b5e20; }
.badge.bad { background: #ffebee; color: #b71c1c; }
.verdict-block { margin: 6px 0 14px; }
tr.violation { cursor: pointer; }
tr.violation.active td { background: #fff3e0; }
.bad-cell { background: #ffebee; color: #b71c1c; font-weight: 600; }
.warn-cell { background: #fff8e1; }
pre { background: #f6f8fa; border: 1px solid #e3e8ee; border-radius: 4px; padding: 8px 10px; overflow-x: auto; font: 12.5px/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; margin: 4px 0; }
pre.trace-lines { font-size: 11.5px; margin: 4px 0 0; }
.replay-row { display: flex; gap: 8px; align-items: flex-start; }
.replay-row pre { flex: 1; margin: 0; }
button { font: inherit; padding: 4px 12px; border: 1px solid #90a4ae; background: #eceff1; border-radius: 4px; cursor: pointer; }
.timeline-wrap { overflow-x: auto; border: 1px solid #e3e8ee; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 14px; margin: 8px 0; font-size: 12.5px; }
.legend label { display: inline-flex; align-items: center; gap: 4px; cursor: pointer; }
.swatch { display: inline-block; width: 11px; height: 11px; border-radius: 2px; }
.controls { display: flex; gap: 16px; align-items: center; font-size: 13px; margin: 6px 0; }
#marker-detail { min-height: 1.4em; font-size: 12.5px; color: #37474f; }
details > summary { cursor: pointer; font-weight: 600; margin: 4px 0; }
footer { color: #78909c; font-size: 12px; padding: 0 28px 24px; }
${SWIMLANE_CSS}
${SEQUENCE_SVG_CSS}
.sequence-wrap { overflow-x: auto; border: 1px solid #e3e8ee; max-height: 1400px; overflow-y: auto; }
.badge.expected { background: #fff3e0; color: #e65100; }
pre.narration { white-space: pre; font-size: 12px; max-height: 520px; overflow: auto; }
p.lesson { max-width: 980px; }
tr.expectation.unmet td { background: #ffebee; }
.folded { color: #607d8b; font-size: 12.5px; margin: 6px 0 0; }
`;

// Plain ES5-style script: no modules, no fetches, guarded so a missing element never throws.
const SCRIPT = `
(function () {
  'use strict';
  var svg = document.querySelector('svg.swimlane');
  var boxes = document.querySelectorAll('input[data-kind-toggle]');
  Array.prototype.forEach.call(boxes, function (box) {
    box.addEventListener('change', function () {
      if (svg) svg.classList.toggle('hide-' + box.getAttribute('data-kind-toggle'), !box.checked);
    });
  });
  var filter = document.getElementById('order-filter');
  if (filter && svg) {
    filter.addEventListener('input', function () {
      var want = filter.value.trim();
      Array.prototype.forEach.call(svg.querySelectorAll('.mk'), function (m) {
        var order = m.getAttribute('data-order') || '';
        m.classList.toggle('dim', want !== '' && order !== want);
      });
    });
  }
  var detail = document.getElementById('marker-detail');
  if (svg && detail) {
    svg.addEventListener('click', function (event) {
      var target = event.target;
      var marker = target && target.closest ? target.closest('.mk') : null;
      if (!marker) return;
      var title = marker.querySelector('title');
      detail.textContent = title ? title.textContent : '';
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll('tr.violation'), function (row) {
    row.addEventListener('click', function () {
      var index = row.getAttribute('data-violation');
      var on = !row.classList.contains('active');
      Array.prototype.forEach.call(document.querySelectorAll('tr.violation.active'), function (r) { r.classList.remove('active'); });
      if (svg) Array.prototype.forEach.call(svg.querySelectorAll('.evidence'), function (line) {
        line.classList.toggle('active', on && line.getAttribute('data-violation') === index);
      });
      if (on) row.classList.add('active');
    });
  });
  var copy = document.getElementById('copy-replay');
  var command = document.getElementById('replay-command');
  if (copy && command) {
    copy.addEventListener('click', function () {
      var done = function () { copy.textContent = copy.getAttribute('data-done') || copy.textContent; };
      var select = function () {
        var range = document.createRange();
        range.selectNodeContents(command);
        var selection = window.getSelection();
        if (selection) { selection.removeAllRanges(); selection.addRange(range); }
      };
      try {
        if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(command.textContent || '').then(done, select);
        else select();
      } catch (e) {
        select();
      }
    });
  }
})();
`;

const esc = escapeHtml;

/** A violation's evidence: trace sequence numbers (with their trace line) or `t=<ms>` times. */
interface EvidenceItem {
  text: string;
  t?: number;
  line?: string;
}

function readEvidence(outcome: Outcome, evidence: ReadonlyArray<number | string>): EvidenceItem[] {
  return evidence.map((e) => {
    if (typeof e === 'number') {
      if (outcome.trace.enabled && Number.isInteger(e) && e >= 0 && e < outcome.trace.size) {
        const event = outcome.trace.at(e);
        return { text: `#${e}`, t: event.time, line: formatTraceEvent(event) };
      }
      return { text: String(e) };
    }
    const time = /^t=(\d+(?:\.\d+)?)$/.exec(e);
    if (time !== null) return { text: `${e} (${formatSimTime(Number(time[1]))})`, t: Number(time[1]) };
    return { text: e };
  });
}

function summarySection(outcome: Outcome, rt: ReportText): string {
  const list = (xs: readonly string[]): string => (xs.length === 0 ? rt.none : xs.join(', '));
  const rows: Array<[string, string]> = [
    [rt.scenario, outcome.spec.name],
    [rt.seed, String(outcome.spec.seed)],
    [rt.orders, String(outcome.spec.orders.length)],
    [rt.simTime, `${formatSimTime(outcome.simTimeMs)} (${outcome.simTimeMs} ms)`],
    [rt.events, String(outcome.events)],
    [rt.healedAt, formatSimTime(outcome.healedAtMs)],
    [rt.settled, `${outcome.settled ? rt.yes : rt.no} (${stopText(rt.htmlLang === 'en' ? 'en' : 'zh', outcome.settleStop)})`],
    [rt.livelock, outcome.livelock ? rt.yes : rt.no],
    [rt.dlq, list(outcome.dlq)],
    [rt.parked, list(outcome.parked)],
    [rt.openHalves, list(outcome.openHalves)],
    [rt.lostWrites, String(outcome.lostWrites)],
    [rt.traceHash, outcome.traceHash],
  ];
  return `<section id="summary"><h2>${esc(rt.summary)}</h2><dl class="summary">${rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl></section>`;
}

/** The page's verdict: a scenario's is the command's (expected violations do not fail it); otherwise valid/invalid. */
function verdictBadge(rt: ReportText, violations: readonly Violation[], scenario: ScenarioJudgement | undefined): string {
  if (scenario === undefined) {
    const valid = violations.length === 0;
    return `<span class="badge ${valid ? 'ok' : 'bad'}" id="verdict" data-valid="${valid}">${esc(rt.valid(valid))}</span>`;
  }
  const cls = !scenario.ok ? 'bad' : violations.length > 0 ? 'expected' : 'ok';
  return `<span class="badge ${cls}" id="verdict" data-ok="${scenario.ok}" data-valid="${violations.length === 0}">${esc(rt.scenarioVerdict(scenario.ok, violations.length))}</span>`;
}

function verdictSection(outcome: Outcome, rt: ReportText, violations: readonly Violation[], checkers: HtmlReportOptions['checkers'], scenario: ScenarioJudgement | undefined): string {
  const parts: string[] = [];
  parts.push(`<section id="verdicts"><h2>${esc(rt.verdicts)} ${verdictBadge(rt, violations, scenario).replace(' id="verdict"', '')}</h2>`);
  if (scenario?.ok === true && violations.length > 0) parts.push(`<p class="hint" id="design-limit">${esc(rt.designLimitHint)}</p>`);
  for (const cls of ['safety', 'liveness'] as PropertyClass[]) {
    const mine = violations.map((v, i) => ({ v, i })).filter((x) => x.v.class === cls);
    const ok = mine.length === 0;
    parts.push(`<div class="verdict-block" data-class="${cls}" data-valid="${ok}">`);
    parts.push(`<h3>${esc(cls === 'safety' ? rt.safety : rt.liveness)} <span class="badge ${ok ? 'ok' : 'bad'}">${esc(ok ? rt.noViolations : rt.violations(mine.length))}</span></h3>`);
    parts.push(`<p class="hint">${esc(cls === 'safety' ? rt.safetyHint : rt.livenessHint)}</p>`);
    const mineCheckers = (checkers ?? []).filter((c) => c.class === cls);
    if (mineCheckers.length > 0) {
      parts.push(`<table class="checkers"><thead><tr><th>${esc(rt.checkers)}</th><th></th><th>${esc(rt.detail)}</th></tr></thead><tbody>`);
      for (const c of mineCheckers) {
        const n = mine.filter((x) => x.v.property === c.name).length;
        parts.push(`<tr data-checker="${esc(c.name)}" data-pass="${n === 0}"><td>${esc(c.name)}</td><td class="${n === 0 ? '' : 'bad-cell'}">${esc(n === 0 ? rt.checkerPass : rt.checkerFail(n))}</td><td>${esc(propertyDescription(rt.htmlLang === 'en' ? 'en' : 'zh', c.name, c.description ?? ''))}</td></tr>`);
      }
      parts.push('</tbody></table>');
    }
    if (!ok) {
      parts.push(`<table class="violations"><thead><tr><th>${esc(rt.property)}</th><th>${esc(rt.order)}</th><th>${esc(rt.detail)}</th><th>${esc(rt.evidence)}</th></tr></thead><tbody>`);
      for (const { v, i } of mine) {
        const evidence = readEvidence(outcome, v.evidence ?? []);
        const lines = evidence.map((e) => e.line).filter((l): l is string => l !== undefined);
        const order = v.order === undefined ? '' : `<a href="#order-${esc(v.order)}">${esc(v.order)}</a>`;
        parts.push(
          `<tr class="violation" data-violation="${i}" data-property="${esc(v.property)}"><td>${esc(v.property)}</td><td>${order}</td><td>${esc(violationDetail(rt.htmlLang === 'en' ? 'en' : 'zh', v))}</td>` +
            `<td>${esc(evidence.map((e) => e.text).join(', '))}${lines.length > 0 ? `<pre class="trace-lines">${esc(lines.join('\n'))}</pre>` : ''}</td></tr>`,
        );
      }
      parts.push('</tbody></table>');
    }
    parts.push('</div>');
  }
  parts.push('</section>');
  return parts.join('\n');
}

function replaySection(rt: ReportText, command: string): string {
  return (
    `<section id="replay"><h2>${esc(rt.replay)}</h2><p class="hint">${esc(rt.replayHint)}</p>` +
    `<div class="replay-row"><pre><code id="replay-command">${esc(command)}</code></pre><button type="button" id="copy-replay" data-done="${esc(rt.copied)}">${esc(rt.copy)}</button></div></section>`
  );
}

function timelineSection(outcome: Outcome, rt: ReportText, index: TraceIndex, lang: Lang, violations: readonly Violation[], maxMarkers: number | undefined): string {
  const evidence: EvidenceMark[] = [];
  violations.forEach((v, i) => {
    for (const e of readEvidence(outcome, v.evidence ?? [])) if (e.t !== undefined) evidence.push({ t: e.t, violation: i, label: `${v.property}${v.order === undefined ? '' : ` ${v.order}`}` });
  });
  const lane = swimlane(outcome, index, { lang, maxMarkers, evidence });
  const present = new Set(lane.marks.markers.map((m) => m.kind));
  const legend = MARKER_KINDS.filter((k) => present.has(k))
    .map((k) => `<label><input type="checkbox" checked data-kind-toggle="${k}"><span class="swatch" style="background:${MARKER_COLOR[k]}"></span>${esc(rt.marker(k))}</label>`)
    .join('');
  return [
    `<section id="timeline"><h2>${esc(rt.timeline)}</h2><p class="hint">${esc(rt.timelineHint)}</p>`,
    index.enabled ? '' : `<p class="hint">${esc(rt.traceDisabled)}</p>`,
    `<div class="controls"><label>${esc(rt.filterOrder)} <input type="text" id="order-filter" size="10" list="order-ids"></label><span id="marker-detail">${esc(rt.markerHint)}</span></div>`,
    `<datalist id="order-ids">${outcome.spec.orders.slice(0, 1000).map((o) => `<option value="${esc(o.id)}"></option>`).join('')}</datalist>`,
    ...(USER_MARKER_KINDS.some((k) => present.has(k)) ? [`<style>\n${USER_MARKER_CSS}\n</style>`] : []),
    `<div class="legend">${legend}</div>`,
    lane.marks.omitted > 0 ? `<p class="hint">${esc(rt.omittedMarkers(lane.marks.omitted))}</p>` : '',
    `<div class="timeline-wrap">${lane.svg}</div>`,
    lane.folded.length === 0 ? '' : `<p class="folded" id="folded-lanes" data-count="${lane.folded.length}">${esc(rt.foldedLanes(lane.folded.join(', ')))}</p>`,
    '</section>',
  ].join('\n');
}

function faultSection(outcome: Outcome, rt: ReportText, index: TraceIndex): string {
  const { options, script } = outcome.spec.faults;
  const parts: string[] = [`<section id="faults"><h2>${esc(rt.faults)}</h2>`];
  const active = Object.entries(options).filter(([, v]) => v !== 0);
  parts.push(`<h3>${esc(rt.faultOptions)}</h3>`);
  parts.push(active.length === 0 ? `<p>${esc(rt.faultNone)}</p>` : `<table class="fault-options"><tbody>${active.map(([k, v]) => `<tr><td>${esc(k)}</td><td class="num">${esc(String(v))}</td></tr>`).join('')}</tbody></table>`);
  parts.push(`<h3>${esc(rt.faultScript)}</h3>`);
  if (script.length === 0) parts.push(`<p>${esc(rt.faultNone)}</p>`);
  else {
    parts.push(`<table class="fault-script"><thead><tr><th>${esc(rt.at)}</th><th>${esc(rt.fault)}</th></tr></thead><tbody>`);
    for (const f of script) {
      const { at, ...rest } = f;
      const fields = Object.entries(rest).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('|') : String(v)}`).join(' ');
      parts.push(`<tr><td class="num">${esc(formatSimTime(at))}</td><td>${esc(fields)}</td></tr>`);
    }
    parts.push('</tbody></table>');
  }
  const count = (kind: string): number => index.nodeEvents.filter((e) => e.kind === kind).length;
  const observed: Array<[MarkerKind, number]> = [
    ['drop', index.fates.filter((f) => f.dropped !== undefined).length],
    ['lost', index.fates.filter((f) => f.lost !== undefined).length],
    ['duplicate', index.fates.filter((f) => f.duplicated).length],
    ['crash', count('CRASH')],
    ['restart', count('RESTART')],
    ['partition', count('PARTITION')],
  ];
  parts.push(`<h3>${esc(rt.faultsObserved)}</h3>`);
  parts.push(`<table class="fault-observed"><tbody>${observed.map(([k, n]) => `<tr data-fault="${k}"><td>${esc(rt.marker(k))}</td><td class="num">${n}</td></tr>`).join('')}</tbody></table>`);
  parts.push('</section>');
  return parts.join('\n');
}

function ordersSection(outcome: Outcome, rt: ReportText, lang: Lang, violations: readonly Violation[], maxRows: number): string {
  const summaries = summarizeOrders(outcome);
  const cited = new Set(violations.map((v) => v.order).filter((o): o is string => o !== undefined));
  const shown = summaries.filter((s, i) => i < maxRows || cited.has(s.id));
  const rows = shown.map((s) => {
    const purchases = s.targetPurchases > 1 || (s.main !== 'committed' && s.targetPurchases > 0) ? 'bad-cell' : '';
    const message = s.message === 'pending' || s.message === 'dlq' || s.message === 'parked' ? 'warn-cell' : '';
    return (
      `<tr id="order-${esc(s.id)}" data-order="${esc(s.id)}"${cited.has(s.id) ? ' class="cited"' : ''}><td>${esc(s.id)}</td><td data-state="${esc(s.main)}">${esc(stateText(lang, s.main))}</td><td class="${message}" data-state="${esc(s.message)}">${esc(stateText(lang, s.message))}</td>` +
      `<td class="num ${purchases}">${s.targetPurchases}</td><td class="num">${s.deliveries}</td><td class="num">${s.checks}</td></tr>`
    );
  });
  return [
    `<section id="orders"><h2>${esc(rt.ordersTable)}</h2>`,
    shown.length < summaries.length ? `<p class="hint">${esc(rt.ordersShown(shown.length, summaries.length))}</p>` : '',
    `<table class="orders"><thead><tr><th>${esc(rt.order)}</th><th>${esc(rt.main)}</th><th>${esc(rt.message)}</th><th>${esc(rt.targetPurchases)}</th><th>${esc(rt.deliveries)}</th><th>${esc(rt.checks)}</th></tr></thead>`,
    `<tbody>${rows.join('\n')}</tbody></table></section>`,
  ].join('\n');
}

function ledgerSection(outcome: Outcome, rt: ReportText): string {
  const investors = [...new Set(outcome.spec.orders.map((o) => investorOf(o.id)))];
  const rows = investors.map((inv) => {
    const initial = outcome.initialWallets[inv] ?? 0;
    const b = outcome.business[inv] ?? { wallet: 0, mmf: 0 };
    const t = outcome.target[inv] ?? { mmfRedeemed: 0, target: 0, purchases: 0 };
    const total = b.wallet + (b.mmf - t.mmfRedeemed) + t.target;
    const conserved = total === initial && b.wallet >= 0 && b.mmf - t.mmfRedeemed >= 0 && t.target >= 0;
    const cell = (v: number, bad = false): string => `<td class="num${bad ? ' bad-cell' : ''}">${v}</td>`;
    return (
      `<tr data-investor="${esc(inv)}" data-conserved="${conserved}"><td>${esc(inv)}</td>${cell(initial)}${cell(b.wallet, b.wallet < 0)}${cell(b.mmf)}${cell(t.mmfRedeemed, t.mmfRedeemed > b.mmf)}` +
      `${cell(t.target)}${cell(t.purchases, t.purchases > 1)}<td class="${conserved ? '' : 'bad-cell'}">${esc(conserved ? rt.yes : `${rt.no} (${total - initial > 0 ? '+' : ''}${total - initial})`)}</td></tr>`
    );
  });
  return [
    `<section id="ledgers"><h2>${esc(rt.ledgers)}</h2><p class="hint">${esc(rt.ledgersHint)}</p>`,
    `<table class="ledgers"><thead><tr><th rowspan="2">${esc(rt.investor)}</th><th>${esc(rt.before)}</th><th colspan="5">${esc(rt.after)}</th><th rowspan="2">${esc(rt.conserved)}</th></tr>`,
    `<tr><th>${esc(rt.wallet)}</th><th>${esc(rt.wallet)}</th><th>${esc(rt.mmf)}</th><th>${esc(rt.mmfRedeemed)}</th><th>${esc(rt.targetFund)}</th><th>${esc(rt.purchases)}</th></tr></thead>`,
    `<tbody>${rows.join('\n')}</tbody></table></section>`,
  ].join('\n');
}

function diagramSection(outcome: Outcome, rt: ReportText, lang: Lang, index: TraceIndex, order: string | undefined, violations: readonly Violation[]): string {
  const mermaid = sequenceDiagram(outcome, { format: 'mermaid', lang, order, violations }, index);
  const plantuml = sequenceDiagram(outcome, { format: 'plantuml', lang, order, violations }, index);
  // Drawn unfolded: one arrow per message, so what the page shows can be counted against the trace.
  const svg = sequenceSvg(sequenceModel(outcome, { lang, order, violations, foldAfter: Number.MAX_SAFE_INTEGER }, index));
  return [
    `<section id="diagram"><h2>${esc(rt.diagram)}</h2><p class="hint">${esc(rt.sequenceSvgHint)}</p>`,
    `<div class="sequence-wrap">${svg}</div>`,
    `<details><summary>${esc(rt.sources)}</summary><p class="hint">${esc(rt.diagramHint)}</p>`,
    `<pre class="mermaid-source" id="mermaid-source">${esc(mermaid)}</pre>`,
    `<pre class="plantuml-source" id="plantuml-source">${esc(plantuml)}</pre></details></section>`,
  ].join('\n');
}

function storySection(rt: ReportText, lesson: string | undefined, lines: readonly string[] | undefined): string {
  // The narration opens with its own heading, which the section's heading replaces.
  const narration = lines !== undefined && /^\S.*[:\uff1a]$/u.test(lines[0] ?? '') ? lines.slice(1) : lines;
  if (lesson === undefined && (narration === undefined || narration.length === 0)) return '';
  return [
    `<section id="story">`,
    lesson === undefined ? '' : `<h2>${esc(rt.lesson)}</h2><p class="lesson" id="lesson">${esc(lesson)}</p>`,
    narration === undefined || narration.length === 0 ? '' : `<h2>${esc(rt.narration)}</h2><pre class="narration" id="narration">${esc(narration.join('\n'))}</pre>`,
    '</section>',
  ].join('\n');
}

function expectationsSection(rt: ReportText, lang: Lang, scenario: ScenarioJudgement | undefined): string {
  if (scenario === undefined) return '';
  const rows = scenario.expectations.map(
    (e) =>
      `<tr class="expectation ${e.met ? 'met' : 'unmet'}" data-met="${e.met}"><td>${esc(rt.expectationMet(e.met))}</td><td>${esc(expectationText(lang, e.what))}</td>` +
      `<td>${e.met || e.actual === undefined ? '' : esc(`${rt.got}: ${expectationText(lang, e.actual)}`)}</td></tr>`,
  );
  const unexpected = scenario.unexpected.map(
    (v) => `<tr class="expectation unmet unexpected" data-met="false"><td>${esc(rt.expectationMet(false))}</td><td>${esc(`${rt.unexpected}: ${v.property}${v.order === undefined ? '' : ` (${v.order})`}`)}</td><td>${esc(violationDetail(lang, v))}</td></tr>`,
  );
  return [
    `<section id="expectations"><h2>${esc(rt.expectations)}</h2><p class="hint">${esc(rt.expectationsHint)}</p>`,
    `<table class="expectations"><tbody>${[...rows, ...unexpected].join('\n')}</tbody></table></section>`,
  ].join('\n');
}

function statechartSection(rt: ReportText, figures: readonly StatechartFigure[] | undefined): string {
  if (figures === undefined || figures.length === 0) return '';
  return [
    `<section id="statecharts"><h2>${esc(rt.statecharts)}</h2><p class="hint">${esc(rt.statechartsHint)}</p>`,
    ...figures.map((f) => `<figure class="statechart" data-machine="${esc(f.machine)}"><figcaption>${esc(f.machine)}</figcaption>${f.svg}</figure>`),
    '</section>',
  ].join('\n');
}

/**
 * A self-contained HTML report of one finished run.
 *
 * @example
 * const outcome = runModel(spec);
 * const html = htmlReport(outcome, { violations: checkOutcome(outcome), replayCommand: 'txsim replay --seed 7 lost-commit', lang: 'zh' });
 * writeFileSync('run.html', html); // open it from disk in any browser
 */
export function htmlReport(outcome: Outcome, options: HtmlReportOptions): string {
  const lang = options.lang ?? 'en';
  const rt = reportText(lang);
  const index = indexTrace(outcome.trace);
  const title = options.title ?? rt.defaultTitle(outcome.spec.name, outcome.spec.seed);
  const csp = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";
  return [
    '<!DOCTYPE html>',
    `<html lang="${rt.htmlLang}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<link rel="icon" href="data:,">',
    `<title>${esc(title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    `<header><h1>${esc(title)}</h1><div class="sub">${esc(`${rt.seed} ${outcome.spec.seed} · ${rt.orders} ${outcome.spec.orders.length} · ${rt.simTime} ${formatSimTime(outcome.simTimeMs)} · `)}${verdictBadge(rt, options.violations, options.scenario)}</div></header>`,
    '<main>',
    summarySection(outcome, rt),
    verdictSection(outcome, rt, options.violations, options.checkers, options.scenario),
    expectationsSection(rt, lang, options.scenario),
    replaySection(rt, options.replayCommand),
    storySection(rt, options.scenario?.lesson, options.narration),
    diagramSection(outcome, rt, lang, index, options.diagramOrder, options.violations),
    statechartSection(rt, options.statecharts),
    timelineSection(outcome, rt, index, lang, options.violations, options.maxMarkers),
    faultSection(outcome, rt, index),
    ordersSection(outcome, rt, lang, options.violations, options.maxOrderRows ?? 1_000),
    ledgerSection(outcome, rt),
    `<section id="config"><details><summary>${esc(rt.config)}</summary><pre>${esc(JSON.stringify(outcome.spec.config, null, 2))}</pre></details></section>`,
    '</main>',
    `<footer>${esc(rt.footer)}</footer>`,
    `<script>${SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
