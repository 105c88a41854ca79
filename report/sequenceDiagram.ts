// A run as a PlantUML or Mermaid sequence diagram in the seed article's style (section 4): 业务系统, 事务中心,
// 主事务, 从事务, Prepare/OK, Commit or Rollback, 反查接口, `alt 主事务执行成功`, `loop 直到从事务执行成功`.
// Lost messages are red arrows ending in a cross, crashes and parking are highlighted notes, repeated retries
// fold into one loop. The text is a pure function of the outcome and the options: same run, same bytes.
import type { Outcome } from '../model/world.ts';
import type { Violation } from '../properties/types.ts';
import type { Lang } from './lang.ts';
import { diagramText } from './diagramText.ts';
import { sequenceModel, type SeqItem, type SeqLabel, type SequenceModel } from './sequenceModel.ts';
import { formatSimRange, formatSimTime } from './simTime.ts';
import { zhPunctuate } from './zhPunctuation.ts';
import type { TraceIndex } from './traceIndex.ts';

export type DiagramFormat = 'plantuml' | 'mermaid';

export interface SequenceDiagramOptions {
  format: DiagramFormat;
  lang: Lang;
  /** Draw only this order; default: every order (up to `maxOrders`), one section each. */
  order?: string;
  /** Also draw deliveries to the tag-matrix subscribers (default false). */
  subscribers?: boolean;
  /** Print simulated times on arrows and notes (default true). */
  times?: boolean;
  /** Fold runs of more than this many identical loop iterations into one (default 3). */
  foldAfter?: number;
  /** Orders drawn when `order` is not given (default 8). */
  maxOrders?: number;
  /** The checkers' findings, each drawn as a note naming its property. */
  violations?: readonly Violation[];
}

/**
 * A label's final text: placeholders filled with numbers or ranges, then the simulated time.
 *
 * @example
 * labelText('en', { template: 'retry {n} in {d}', n: [1, 16], d: [10_000, 7_200_000] }, false); // 'retry 1..16 in 10 s .. 2 h'
 */
export function labelText(lang: Lang, label: SeqLabel, times: boolean): string {
  let text = label.template;
  if (label.n !== undefined) text = text.replaceAll('{n}', label.n[0] === label.n[1] ? `${label.n[0]}` : `${label.n[0]}..${label.n[1]}`);
  if (label.ds !== undefined && label.ds.length > 1) text = text.replaceAll('{d}', label.ds.map(formatSimTime).join(lang === 'zh' ? '\u3001' : ', '));
  else if (label.d !== undefined) text = text.replaceAll('{d}', formatSimRange(label.d[0], label.d[1]));
  if (lang === 'zh') text = zhPunctuate(text);
  if (times && label.t !== undefined) text = `${text} ${diagramText(lang).at(formatSimRange(label.t[0], label.t[1]))}`;
  return text;
}

/** Text in the diagram's language: Chinese prose takes full-width punctuation. */
const prose = (lang: Lang, text: string): string => (lang === 'zh' ? zhPunctuate(text) : text);

/** PlantUML text after a colon: one line, no backslash escapes, no accidental creole markup. */
function plantumlText(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/\\/g, '/')
    .replace(/~/g, '~~')
    .replace(/([*/"_\-=])\1/g, '$1~$1')
    .replace(/</g, '~<')
    .trim();
}

/** Mermaid message text: `#` and `;` are entity and statement syntax there, so they become entity codes. */
function mermaidText(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/[#;]/g, (c) => (c === '#' ? '#35;' : '#59;'))
    .trim();
}

function renderPlantUml(model: SequenceModel, times: boolean): string {
  const lines: string[] = ['@startuml', `title ${plantumlText(prose(model.lang, model.title))}`];
  for (const p of model.participants) lines.push(`participant "${p.name.replace(/"/g, "'")}" as ${p.alias}`);
  const alias = new Map(model.participants.map((p) => [p.role, p.alias]));
  const a = (role: string): string => alias.get(role as never) ?? role;
  const walk = (items: readonly SeqItem[], indent: string): void => {
    for (const item of items) {
      switch (item.kind) {
        case 'arrow': {
          const text = plantumlText(labelText(model.lang, item.label, times));
          const arrow = item.lost ? (item.dashed ? '-[#red]->x' : '-[#red]>x') : item.dashed ? '-->' : '->';
          lines.push(`${indent}${a(item.from)} ${arrow} ${a(item.to)}: ${text}`);
          break;
        }
        case 'note': {
          const text = plantumlText(labelText(model.lang, item.label, times));
          lines.push(`${indent}note over ${item.over.map(a).join(', ')}${item.fault ? ' #FFD6D6' : ''}: ${text}`);
          break;
        }
        case 'divider':
          lines.push(`${indent}== ${plantumlText(prose(model.lang, item.text))} ==`);
          break;
        case 'block':
          item.branches.forEach((branch, i) => {
            const keyword = i === 0 ? item.type : 'else';
            lines.push(`${indent}${keyword} ${plantumlText(prose(model.lang, branch.label))}`);
            walk(branch.items, `${indent}  `);
          });
          lines.push(`${indent}end`);
          break;
      }
    }
  };
  walk(model.items, '');
  lines.push('@enduml');
  return `${lines.join('\n')}\n`;
}

function renderMermaid(model: SequenceModel, times: boolean): string {
  const lines: string[] = ['sequenceDiagram', `  title ${mermaidText(prose(model.lang, model.title))}`];
  for (const p of model.participants) lines.push(`  participant ${p.alias} as ${mermaidText(p.name)}`);
  const alias = new Map(model.participants.map((p) => [p.role, p.alias]));
  const a = (role: string): string => alias.get(role as never) ?? role;
  const first = model.participants[0]?.alias ?? 'biz';
  const last = model.participants[model.participants.length - 1]?.alias ?? first;
  const walk = (items: readonly SeqItem[], indent: string): void => {
    for (const item of items) {
      switch (item.kind) {
        case 'arrow': {
          const text = mermaidText(labelText(model.lang, item.label, times));
          const arrow = item.lost ? (item.dashed ? '--x' : '-x') : item.dashed ? '-->>' : '->>';
          lines.push(`${indent}${a(item.from)}${arrow}${a(item.to)}: ${text}`);
          break;
        }
        case 'note': {
          const text = mermaidText(labelText(model.lang, item.label, times));
          const note = `Note over ${item.over.map(a).join(',')}: ${text}`;
          if (item.fault) lines.push(`${indent}rect rgb(255, 214, 214)`, `${indent}  ${note}`, `${indent}end`);
          else lines.push(`${indent}${note}`);
          break;
        }
        case 'divider':
          lines.push(`${indent}Note over ${first},${last}: ${mermaidText(prose(model.lang, item.text))}`);
          break;
        case 'block':
          item.branches.forEach((branch, i) => {
            const keyword = i === 0 ? item.type : item.type === 'par' ? 'and' : 'else';
            lines.push(`${indent}${keyword} ${mermaidText(prose(model.lang, branch.label))}`);
            walk(branch.items, `${indent}  `);
          });
          lines.push(`${indent}end`);
          break;
      }
    }
  };
  walk(model.items, '  ');
  return `${lines.join('\n')}\n`;
}

/**
 * Render a sequence model as PlantUML or Mermaid text.
 *
 * @example
 * renderSequence(sequenceModel(outcome, { lang: 'en' }), 'mermaid'); // 'sequenceDiagram\n  title ...'
 */
export function renderSequence(model: SequenceModel, format: DiagramFormat, options: { times?: boolean } = {}): string {
  const times = options.times ?? true;
  return format === 'plantuml' ? renderPlantUml(model, times) : renderMermaid(model, times);
}

/**
 * A sequence diagram of a finished run, in the seed article's style.
 *
 * @example
 * const { outcome } = run([order('o1')], [{ at: 0, type: 'drop', message: 'commit', order: 'o1' }]);
 * sequenceDiagram(outcome, { format: 'plantuml', lang: 'zh', order: 'o1' });
 * // @startuml
 * // participant "业务系统" as biz ...
 * // biz -[#red]>x tc: Commit [丢失: 注入故障] @ 26 ms ...
 */
export function sequenceDiagram(outcome: Outcome, options: SequenceDiagramOptions, index?: TraceIndex): string {
  const model = sequenceModel(outcome, options, index);
  return renderSequence(model, options.format, { times: options.times });
}
