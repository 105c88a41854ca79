// A sequence model drawn as inline SVG by txsim itself, for the HTML report: no Mermaid or PlantUML runtime, no
// script, no network. Participants are columns with lifelines; each arrow is one message (lost ones red, ending
// in a cross; replies dashed); notes are boxes over their participants (faults, violations and end states in
// red); alt/loop/par blocks are labelled frames. Every arrow carries data-msg (the protocol message), every
// violation note data-violation (the property id), so a browser test can count what is drawn.
import { escapeHtml } from './escape.ts';
import { labelText } from './sequenceDiagram.ts';
import type { SeqItem, SequenceModel } from './sequenceModel.ts';
import { zhPunctuate } from './zhPunctuation.ts';

const COL_W = 230;
const LEFT = 40;
const TOP = 46;
const LINE_H = 15;
const FONT_PX = 12;
const BLOCK_PAD = 10;

const esc = escapeHtml;
const num = (v: number): string => String(Math.round(v * 10) / 10);

/** Approximate rendered width of a text at 12 px: CJK characters are about twice as wide as Latin ones. */
function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\u9fff\uff00-\uffef]/u.test(ch) ? FONT_PX + 1 : FONT_PX * 0.58;
  return w;
}

/** Lines no wider than `max` pixels, broken at spaces or between Chinese characters. */
function wrapPx(text: string, max: number): string[] {
  const tokens = text.match(/[\u2e80-\u9fff\uff00-\uffef]|[^\s\u2e80-\u9fff\uff00-\uffef]+|\s+/gu) ?? [];
  const lines: string[] = [];
  let line = '';
  for (const token of tokens) {
    if (line !== '' && textWidth(line + token) > max && !/^\s+$/.test(token)) {
      lines.push(line.trimEnd());
      line = token.trimStart();
    } else line += token;
  }
  if (line.trim() !== '') lines.push(line.trimEnd());
  return lines.length === 0 ? [''] : lines;
}

interface Layout {
  out: string[];
  y: number;
  x: Map<string, number>;
  right: number;
  times: boolean;
  model: SequenceModel;
}

/** Chinese prose takes full-width punctuation. */
const prose = (L: Layout, text: string): string => (L.model.lang === 'zh' ? zhPunctuate(text) : text);

function drawArrow(L: Layout, item: Extract<SeqItem, { kind: 'arrow' }>): void {
  const x1 = L.x.get(item.from) ?? LEFT;
  const x2 = L.x.get(item.to) ?? LEFT;
  const text = labelText(L.model.lang, item.label, L.times);
  // Labels may run past a short arrow, as in PlantUML; wrap only what would cross two columns.
  const span = Math.max(COL_W * 1.7, Math.abs(x2 - x1) - 12);
  const lines = wrapPx(text, span);
  L.y += lines.length * LINE_H + 6;
  const y = L.y;
  const dir = x2 >= x1 ? 1 : -1;
  const self = x1 === x2;
  const end = self ? x1 + 30 : x2 - dir * (item.lost ? 14 : 2);
  const cls = ['msg', item.lost ? 'lost' : '', item.dashed ? 'reply' : ''].filter((c) => c !== '').join(' ');
  const parts = [
    `<g class="${cls}" data-from="${esc(item.from)}" data-to="${esc(item.to)}"${item.msg === undefined ? '' : ` data-msg="${esc(item.msg)}"`}${item.label.t === undefined ? '' : ` data-t="${item.label.t[0]}"`}>`,
    `<title>${esc(text)}</title>`,
  ];
  const textX = dir > 0 || self ? x1 + 6 : x2 + 6;
  lines.forEach((line, i) => parts.push(`<text x="${num(textX)}" y="${num(y - 5 - (lines.length - 1 - i) * LINE_H)}">${esc(line)}</text>`));
  if (self) parts.push(`<path class="line" d="M${num(x1)},${num(y)}h30v10h-28"/>`);
  else parts.push(`<line class="line" x1="${num(x1)}" y1="${num(y)}" x2="${num(end)}" y2="${num(y)}"/>`);
  if (item.lost) {
    const cx = end;
    parts.push(`<path class="cross" d="M${num(cx - 5)},${num(y - 5)}l10,10m0,-10l-10,10"/>`);
  } else if (!self) {
    parts.push(`<path class="head" d="M${num(end)},${num(y)}l${-dir * 9},-4.5v9z"/>`);
  }
  parts.push('</g>');
  L.out.push(parts.join(''));
  // A self-arrow's loop reaches 10 px below its line: the next label starts below it.
  L.y += self ? 18 : 8;
}

function drawNote(L: Layout, item: Extract<SeqItem, { kind: 'note' }>): void {
  const xs = item.over.map((r) => L.x.get(r) ?? LEFT);
  const min = Math.min(...xs);
  const max = Math.max(...xs);
  const text = labelText(L.model.lang, item.label, L.times);
  const width = max > min ? max - min + 120 : Math.min(COL_W * 2.4, Math.max(120, textWidth(text) + 24));
  const left = max > min ? min - 60 : Math.max(4, min - width / 2);
  const lines = wrapPx(text, width - 14);
  const height = lines.length * LINE_H + 10;
  const y = L.y + 8;
  const cls = ['note', item.fault ? 'fault' : '', item.violation !== undefined ? 'violation' : '', item.endState === true ? 'end-state' : ''].filter((c) => c !== '').join(' ');
  const parts = [
    `<g class="${cls}"${item.violation === undefined ? '' : ` data-violation="${esc(item.violation)}"`}>`,
    `<rect x="${num(left)}" y="${num(y)}" width="${num(width)}" height="${num(height)}" rx="3"/>`,
  ];
  lines.forEach((line, i) => parts.push(`<text x="${num(left + 7)}" y="${num(y + 15 + i * LINE_H)}">${esc(line)}</text>`));
  parts.push('</g>');
  L.out.push(parts.join(''));
  L.y = y + height + 4;
}

function walk(L: Layout, items: readonly SeqItem[], depth: number): void {
  for (const item of items) {
    if (item.kind === 'arrow') drawArrow(L, item);
    else if (item.kind === 'note') drawNote(L, item);
    else if (item.kind === 'divider') {
      L.y += 22;
      L.out.push(`<g class="divider"><line x1="4" y1="${num(L.y)}" x2="${num(L.right - 4)}" y2="${num(L.y)}"/><text x="${num(L.right / 2)}" y="${num(L.y + 4)}" text-anchor="middle">${esc(prose(L, item.text))}</text></g>`);
      L.y += 12;
    } else {
      const at = L.out.length;
      const top = L.y + 6;
      L.y = top + 18;
      const inset = 8 + depth * BLOCK_PAD;
      const separators: Array<{ y: number; label: string }> = [];
      item.branches.forEach((branch, i) => {
        if (i > 0) {
          L.y += 8;
          separators.push({ y: L.y, label: prose(L, branch.label) });
          L.y += 16;
        }
        walk(L, branch.items, depth + 1);
      });
      L.y += 10;
      const first = prose(L, item.branches[0]?.label ?? '');
      const frame = [
        `<g class="block block-${item.type}">`,
        `<rect class="frame" x="${num(inset)}" y="${num(top)}" width="${num(L.right - 2 * inset)}" height="${num(L.y - top)}"/>`,
        `<path class="tab" d="M${num(inset)},${num(top)}h${num(textWidth(item.type) + 14)}v12l-6,6h${num(-(textWidth(item.type) + 8))}z"/>`,
        `<text class="kw" x="${num(inset + 5)}" y="${num(top + 13)}">${esc(item.type)}</text>`,
        `<text class="cond" x="${num(inset + textWidth(item.type) + 22)}" y="${num(top + 13)}">[${esc(first)}]</text>`,
        ...separators.map((s) => `<line class="sep" x1="${num(inset)}" y1="${num(s.y)}" x2="${num(L.right - inset)}" y2="${num(s.y)}"/><text class="cond" x="${num(inset + 6)}" y="${num(s.y + 12)}">[${esc(s.label)}]</text>`),
        '</g>',
      ];
      L.out.splice(at, 0, frame.join(''));
    }
  }
}

/** CSS for the drawn sequence diagram. */
export const SEQUENCE_SVG_CSS = [
  'svg.sequence { font: 12px system-ui, "Noto Sans CJK SC", "WenQuanYi Zen Hei", sans-serif; background: #fff; }',
  'svg.sequence .participant rect { fill: #eef3f8; stroke: #546e7a; }',
  'svg.sequence .participant text { font-weight: 600; fill: #263238; }',
  'svg.sequence .lifeline { stroke: #90a4ae; stroke-dasharray: 4 4; }',
  'svg.sequence .msg .line { stroke: #37474f; stroke-width: 1.3; fill: none; }',
  'svg.sequence .msg .head { fill: #37474f; }',
  'svg.sequence .msg.reply .line { stroke-dasharray: 5 3; }',
  'svg.sequence .msg.lost .line, svg.sequence .msg.lost .cross { stroke: #d50000; stroke-width: 2; }',
  'svg.sequence .msg.lost text { fill: #b71c1c; }',
  'svg.sequence .msg text { fill: #263238; }',
  'svg.sequence .note rect { fill: #fffde7; stroke: #bfae3f; }',
  'svg.sequence .note.fault rect { fill: #ffd6d6; stroke: #d32f2f; }',
  'svg.sequence .note.violation rect { fill: #ffcdd2; stroke: #b71c1c; stroke-width: 2; }',
  'svg.sequence .note.violation text { font-weight: 600; fill: #7f0000; }',
  'svg.sequence .note.end-state rect { stroke-width: 2; stroke-dasharray: 6 2; }',
  'svg.sequence .block .frame { fill: none; stroke: #78909c; }',
  'svg.sequence .block .tab { fill: #eceff1; stroke: #78909c; }',
  'svg.sequence .block .kw { font-weight: 700; }',
  'svg.sequence .block .cond { font-weight: 600; fill: #37474f; }',
  'svg.sequence .block .sep { stroke: #90a4ae; stroke-dasharray: 3 3; }',
  'svg.sequence .divider line { stroke: #263238; stroke-width: 2; }',
  'svg.sequence .divider text { font-weight: 700; paint-order: stroke; stroke: #fff; stroke-width: 6px; }',
].join('\n');

/**
 * The sequence model as an inline SVG element.
 *
 * @example
 * const svg = sequenceSvg(sequenceModel(outcome, { lang: 'zh', violations }));
 * svg.startsWith('<svg class="sequence"'); // true
 */
export function sequenceSvg(model: SequenceModel, options: { times?: boolean } = {}): string {
  const x = new Map<string, number>();
  model.participants.forEach((p, i) => x.set(p.role, LEFT + 70 + i * COL_W));
  const right = LEFT + 70 + Math.max(0, model.participants.length - 1) * COL_W + 140;
  const L: Layout = { out: [], y: TOP + 10, x, right, times: options.times ?? true, model };
  walk(L, model.items, 0);
  const height = L.y + 30;
  const head = model.participants.map((p) => {
    const cx = x.get(p.role) ?? LEFT;
    const w = Math.max(90, textWidth(p.name) + 20);
    return `<g class="participant" data-role="${esc(p.role)}"><rect x="${num(cx - w / 2)}" y="8" width="${num(w)}" height="26" rx="3"/><text x="${num(cx)}" y="25" text-anchor="middle">${esc(p.name)}</text></g>` +
      `<line class="lifeline" x1="${num(cx)}" y1="34" x2="${num(cx)}" y2="${num(height - 6)}"/>`;
  });
  return [
    `<svg class="sequence" xmlns="http://www.w3.org/2000/svg" width="${num(right)}" height="${num(height)}" viewBox="0 0 ${num(right)} ${num(height)}" role="img" aria-label="${esc(model.title)}">`,
    `<title>${esc(model.lang === 'zh' ? zhPunctuate(model.title) : model.title)}</title>`,
    ...head,
    ...L.out,
    '</svg>',
  ].join('\n');
}
