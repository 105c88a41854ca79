// The HTML report opened from disk in headless Chromium: lanes, markers and verdicts render, the legend and the
// order filter work, the page logs no console error and makes no request but its own file. Skipped, with the
// install line, when Chromium or playwright-core is missing.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Violation } from '../../properties/types.ts';
import { htmlReport } from '../../report/htmlReport.ts';
import { laneNodes } from '../../report/swimlane.ts';
import { runs } from './fixtures.ts';
import { userRuns } from './userRuns.ts';
import { narrate } from '../../cli/narrate.ts';
import { summarizeOrders } from '../../model/orderSummary.ts';
import { CHROMIUM, CHROMIUM_ARGS, CHROMIUM_MISSING, HAS_PLAYWRIGHT, openFile } from './tools.ts';

const available = CHROMIUM !== undefined && HAS_PLAYWRIGHT;

const violations: Violation[] = [
  { property: 'no-double-purchase', class: 'safety', order: 'o1', detail: 'bought twice <b>not bold</b>', evidence: ['t=30013', 22] },
  { property: 'eventually-consumed', class: 'liveness', order: 'o2', detail: 'still in the DLQ', evidence: ['t=17140206'] },
];

/** The little of the DOM the survey below reads (the project compiles without lib.dom). */
interface DomElement {
  getAttribute(name: string): string | null;
  readonly textContent: string | null;
  getBoundingClientRect(): { x: number; width: number; height: number };
}
interface DomDocument {
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  getElementById(id: string): DomElement | null;
}

interface Opened {
  page: Page;
  problems: string[];
  requests: string[];
}

if (!available) console.warn(`test/report/htmlChromium.test.ts: ${CHROMIUM_MISSING}`);

describe.skipIf(!available)(`HTML report in headless Chromium${available ? '' : ` (${CHROMIUM_MISSING})`}`, () => {
  let browser: Browser;
  /** The busy run's report: read by the first test, then clicked through by the second. */
  let busy: Opened;
  let dir = '';

  const open = async (name: string, html: string): Promise<Opened> => {
    const file = join(dir, name);
    writeFileSync(file, html, 'utf8');
    return openFile(browser, file);
  };

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    dir = mkdtempSync(join(tmpdir(), 'txsim-html-'));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS] });
    busy = await open('busy.html', htmlReport(runs.busy(), { violations, replayCommand: 'txsim replay --seed 1 busy', lang: 'en' }));
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  it('renders one lane per node, the markers, and both verdict blocks', async () => {
    const outcome = runs.busy();
    const { page, problems, requests } = busy;
    // One round trip for the whole DOM survey.
    const dom = await page.evaluate(() => {
      const document = (globalThis as unknown as { document: DomDocument }).document;
      const q = (s: string): DomElement[] => Array.from(document.querySelectorAll(s));
      const svg = document.querySelector('svg.swimlane')?.getBoundingClientRect();
      const kinds: Record<string, number> = {};
      for (const m of q('svg.swimlane .mk')) kinds[m.getAttribute('data-kind') ?? ''] = (kinds[m.getAttribute('data-kind') ?? ''] ?? 0) + 1;
      return {
        lanes: q('svg.swimlane g.lane').map((e) => e.getAttribute('data-node')),
        folded: document.getElementById('folded-lanes')?.getAttribute('data-count') ?? '0',
        width: svg?.width ?? 0,
        height: svg?.height ?? 0,
        kinds,
        safety: q('.verdict-block[data-class="safety"][data-valid="false"] tr.violation').map((e) => e.textContent ?? ''),
        liveness: q('.verdict-block[data-class="liveness"][data-valid="false"] tr.violation').length,
        injected: q('.verdict-block b').length,
        mermaid: document.getElementById('mermaid-source')?.textContent ?? '',
        replay: document.getElementById('replay-command')?.textContent ?? '',
        orders: q('table.orders tbody tr').length,
      };
    });
    // Lanes with nothing on them are folded into one line; the rest keep their order.
    expect(dom.lanes).toEqual(laneNodes(outcome).filter((n) => dom.lanes.includes(n)));
    expect(dom.lanes.length + Number(dom.folded)).toBe(laneNodes(outcome).length);
    expect(dom.width).toBeGreaterThan(500);
    expect(dom.height).toBeGreaterThan(dom.lanes.length * 20);
    for (const kind of ['drop', 'crash', 'restart', 'partition', 'dlq', 'deliver', 'commit']) expect(dom.kinds[kind] ?? 0, kind).toBeGreaterThan(0);
    expect(dom.safety).toHaveLength(1);
    expect(dom.safety[0]).toContain('bought twice <b>not bold</b>');
    expect(dom.injected).toBe(0);
    expect(dom.liveness).toBe(1);
    expect(dom.mermaid).toMatch(/^sequenceDiagram\n/);
    expect(dom.replay).toBe('txsim replay --seed 1 busy');
    expect(dom.orders).toBe(3);
    expect(problems).toEqual([]);
    expect(requests).toEqual([page.url()]);
  });

  it('hides a marker kind from the legend, highlights an order, and shows a violation\'s evidence', async () => {
    const { page, problems } = busy;
    const deliveries = page.locator('svg.swimlane .mk[data-kind="deliver"]');
    expect(await deliveries.first().isVisible()).toBe(true);
    await page.locator('input[data-kind-toggle="deliver"]').uncheck();
    expect(await deliveries.first().isVisible()).toBe(false);
    await page.locator('#order-filter').fill('o2');
    expect(await page.locator('svg.swimlane .mk.dim[data-order="o1"]').count()).toBeGreaterThan(0);
    expect(await page.locator('svg.swimlane .mk.dim[data-order="o2"]').count()).toBe(0);
    await page.locator('tr.violation[data-violation="0"]').click();
    expect(await page.locator('svg.swimlane line.evidence.active').count()).toBe(2);
    await page.locator('svg.swimlane .mk[data-kind="crash"]').first().click({ force: true });
    expect(await page.locator('#marker-detail').textContent()).toContain('consumer-1');
    await page.locator('#copy-replay').click();
    expect(problems).toEqual([]);
  });

  it('renders the Chinese report with the article\'s names and no errors', async () => {
    const { page, problems } = await open('lost-commit-zh.html', htmlReport(runs.lostCommit(), { violations: [], replayCommand: 'txsim run lost-commit', lang: 'zh', title: '丢失的 Commit' }));
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await page.title()).toBe('丢失的 Commit');
    expect(await page.locator('svg.swimlane .lane-role').allTextContents()).toContain('业务系统');
    expect(await page.locator('.verdict-block[data-valid="true"]').count()).toBe(2);
    expect(await page.locator('#mermaid-source').textContent()).toContain('participant biz as 业务系统');
    expect(problems).toEqual([]);
  });

  it("draws a user's machine: its lanes side by side, the aborted transaction in a red note, the story told", async () => {
    const { outcome, violations: found } = userRuns.ackFirstCrash();
    for (const lang of ['en', 'zh'] as const) {
      const narration = narrate(outcome, summarizeOrders(outcome), found, { lang });
      const { page, problems } = await open(`user-${lang}.html`, htmlReport(outcome, { violations: found, replayCommand: 'txsim replay x', lang, narration }));
      const boxes = await page.locator('svg.sequence .participant rect').evaluateAll((rects) =>
        rects.map((r) => {
          const b = (r as unknown as DomElement).getBoundingClientRect();
          return [b.x, b.x + b.width] as const;
        }),
      );
      expect(boxes.length).toBe(6);
      // Participant boxes in order, none overlapping the next (the names fit their columns).
      for (let i = 1; i < boxes.length; i++) expect((boxes[i] as readonly [number, number])[0]).toBeGreaterThan((boxes[i - 1] as readonly [number, number])[1]);
      const aborted = page.locator('svg.sequence .note.fault', { hasText: lang === 'en' ? 'aborted' : '已中止' });
      expect(await aborted.count()).toBe(1);
      expect(await aborted.isVisible()).toBe(true);
      expect(await page.locator('svg.sequence .msg[data-from="app:sec"][data-to="db:sec"]').count()).toBe(1);
      expect(await page.locator('svg.sequence .msg[data-from="db:sec"]').count()).toBe(0);
      expect(await page.locator('#narration').textContent()).toContain(lang === 'en' ? 'your consumer machine on consumer-1 answers CONSUME_SUCCESS' : '上你的消费者状态机应答 CONSUME_SUCCESS');
      expect(problems).toEqual([]);
    }
  });
});
