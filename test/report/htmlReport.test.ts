// The HTML report as text: self-contained (no fetch of any kind), every section present, safety and liveness
// apart, evidence resolved to trace lines, everything from the run escaped, and the same bytes for the same run.
import { describe, expect, it } from 'vitest';
import type { Violation } from '../../properties/types.ts';
import { escapeHtml } from '../../report/escape.ts';
import { htmlReport, type HtmlReportOptions } from '../../report/htmlReport.ts';
import { order, run } from '../model/fixtures.ts';
import { runs } from './fixtures.ts';

const violations: Violation[] = [
  { property: 'no-double-purchase', class: 'safety', order: 'o1', detail: 'bought twice <img src=x onerror=alert(1)>', evidence: ['t=30013', 22] },
  { property: 'eventually-consumed', class: 'liveness', order: 'o2', detail: 'still in the DLQ', evidence: ['t=17140206', 'see ops log'] },
];

const report = (outcome = runs.busy(), extra: Partial<HtmlReportOptions> = {}): string =>
  htmlReport(outcome, { violations, replayCommand: `txsim replay --seed 1 --scenario 'a"b<c>'`, lang: 'en', ...extra });

describe('htmlReport', () => {
  it('fetches nothing: no external URL, stylesheet, script, font or import', () => {
    const html = report();
    const refs = [...html.matchAll(/\b(?:src|href)\s*=\s*["']([^"']*)["']/g)].map((m) => m[1] as string);
    for (const ref of refs) expect(ref, ref).toMatch(/^(#|data:)/);
    expect(html).not.toMatch(/@import|url\(|@font-face|<link[^>]+stylesheet|<script[^>]+src/i);
    // The only absolute URL is the SVG namespace, which is a name, not a fetch.
    expect(new Set([...html.matchAll(/https?:\/\/[^\s"'<>]+/g)].map((m) => m[0]))).toEqual(new Set(['http://www.w3.org/2000/svg']));
    expect(html).toContain("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39;;");
  });

  it('has every section, one lane per node and the sequence diagram source', () => {
    const html = report();
    for (const id of ['summary', 'verdicts', 'replay', 'timeline', 'faults', 'orders', 'ledgers', 'diagram', 'config']) expect(html).toContain(`<section id="${id}">`);
    const lanes = [...html.matchAll(/<g class="lane" data-node="([^"]+)">/g)].map((m) => m[1]);
    const t = runs.busy().topology;
    const all = [...t.producers, ...t.brokers, ...t.groups.flatMap((g) => g.instances), t.operator];
    // Nodes with nothing to draw are folded out of the lanes and named under the drawing.
    const folded = /<p class="folded" id="folded-lanes" data-count="(\d+)">[^<]*: ([^<]*)<\/p>/.exec(html);
    expect(lanes).toEqual(all.filter((n) => !(folded?.[2] ?? '').split(', ').includes(n)));
    expect(lanes.length + Number(folded?.[1] ?? 0)).toBe(all.length);
    expect(html).toMatch(/<svg class="sequence"/);
    expect(html).toMatch(/<pre class="mermaid-source" id="mermaid-source">sequenceDiagram\n/);
    expect(html).toContain('<pre class="plantuml-source" id="plantuml-source">@startuml\n');
    for (const kind of ['drop', 'crash', 'restart', 'partition', 'dlq', 'commit', 'deliver']) expect(html).toContain(`data-kind="${kind}"`);
  });

  it('reports safety and liveness apart, with evidence resolved to times and trace lines', () => {
    const html = report();
    const safety = html.slice(html.indexOf('data-class="safety"'), html.indexOf('data-class="liveness"'));
    const liveness = html.slice(html.indexOf('data-class="liveness"'));
    expect(safety).toContain('data-property="no-double-purchase"');
    expect(safety).not.toContain('eventually-consumed');
    expect(liveness).toContain('data-property="eventually-consumed"');
    expect(safety).toContain('t=30013 (30.013 s), #22');
    expect(safety).toMatch(/<pre class="trace-lines">\s+22 /);
    expect(liveness).toContain('see ops log');
    expect(html).toContain('<line class="evidence" data-violation="0"');
  });

  it('lists passing checkers when told which ran', () => {
    const html = report(runs.busy(), {
      checkers: [
        { name: 'no-double-purchase', class: 'safety', description: 'one purchase per order' },
        { name: 'atomicity', class: 'safety' },
        { name: 'eventually-consumed', class: 'liveness' },
      ],
    });
    expect(html).toContain('<tr data-checker="atomicity" data-pass="true">');
    expect(html).toContain('<tr data-checker="no-double-purchase" data-pass="false">');
  });

  it('says valid when there are no violations', () => {
    const html = htmlReport(runs.lostCommit(), { violations: [], replayCommand: 'txsim run lost-commit', title: 'Lost commit' });
    expect(html).toContain('<title>Lost commit</title>');
    expect(html).toContain('data-valid="true">valid</span>');
    expect(html).not.toContain('<tr class="violation"');
  });

  it('escapes everything that comes from the run', () => {
    const { outcome } = run([order('o<b>1</b>&"x"')]);
    const html = htmlReport(outcome, { violations, replayCommand: `txsim replay 'a"b<c>'`, title: '<script>alert(1)</script>' });
    expect(html).not.toContain('<b>1</b>');
    expect(html).toContain('o&lt;b&gt;1&lt;/b&gt;&amp;&quot;x&quot;');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain(escapeHtml(`txsim replay 'a"b<c>'`));
    expect(html.match(/<script>/g)).toHaveLength(1);
  });

  it('shows the ledgers before and after, and flags what is not conserved', () => {
    const html = report();
    expect(html).toMatch(/<tr data-investor="inv-o1" data-conserved="true"><td>inv-o1<\/td><td class="num">1000<\/td><td class="num">900<\/td><td class="num">100<\/td><td class="num">100<\/td><td class="num">100<\/td><td class="num">1<\/td>/);
  });

  it('is written in Chinese with lang zh', () => {
    const html = report(runs.busy(), { lang: 'zh' });
    expect(html).toContain('<html lang="zh-CN">');
    for (const word of ['安全性', '活性', '重放', '时间线', '账本', '业务系统', '事务中心', '从事务']) expect(html).toContain(word);
  });

  it('notes a run without trace and still renders', () => {
    const html = htmlReport(runs.traceless(), { violations: [], replayCommand: 'txsim run x' });
    expect(html).toContain('The trace was disabled for this run');
  });

  it('is the same bytes for the same run', () => {
    expect(report()).toBe(report());
  });
});
