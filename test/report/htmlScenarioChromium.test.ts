// Scenario reports written by `txsim run --html`, opened from disk in headless Chromium: the verdict is the
// command's (a design-limit scenario reads "violations as expected", never "invalid"), the expectations, lesson
// and narration are on the page and visible, the sequence diagram is drawn inline as SVG with one arrow per
// message (counted against the trace's SENDs), every violation is a visible note naming its property, the time
// axis marks its cut silences, markers at one instant do not overlap, idle lanes are folded, and the page makes
// no request and logs no error. Skipped, with the install line, when Chromium or playwright-core is missing.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Outcome } from '../../model/world.ts';
import { runAndCheck, type RunResult } from '../../properties/runAndCheck.ts';
import { SCENARIOS } from '../../scenarios/index.ts';
import { parseScenario } from '../../scenarios/load.ts';
import { toRunSpec } from '../../scenarios/toRunSpec.ts';
import { cli } from '../cli/support.ts';
import { CHROMIUM, CHROMIUM_ARGS, CHROMIUM_MISSING, HAS_PLAYWRIGHT, openFile } from './tools.ts';
import { englishProse } from './zhLeak.ts';

const available = CHROMIUM !== undefined && HAS_PLAYWRIGHT;

/** The little of the DOM the survey reads (the project compiles without lib.dom). */
interface DomElement {
  getAttribute(name: string): string | null;
  readonly textContent: string | null;
  getBoundingClientRect(): { x: number; y: number; width: number; height: number };
}
interface DomDocument {
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  getElementById(id: string): DomElement | null;
}

function scenarioRun(name: string): RunResult {
  return runAndCheck(toRunSpec(parseScenario(SCENARIOS[name]!.scenario, name)));
}

/** Messages of one kind the network sent for an order (to the target group, for deliveries). */
function sends(outcome: Outcome, msg: string, order: string): number {
  const target = new Set(outcome.topology.groups.filter((g) => g.role === 'target').flatMap((g) => g.instances));
  let n = 0;
  for (const e of outcome.trace.events()) if (e.kind === 'SEND' && e.msg === msg && e.order === order && (msg !== 'deliver' || target.has(e.peer))) n++;
  return n;
}

interface Survey {
  verdict: string;
  verdictClass: string;
  expectations: number;
  unmet: number;
  arrows: Record<string, number>;
  lostArrows: number;
  violationNotes: string[];
  gaps: number;
  overlaps: number;
  folded: number;
  hidden: string[];
}

async function survey(page: Page): Promise<Survey> {
  return page.evaluate(() => {
    const document = (globalThis as unknown as { document: DomDocument }).document;
    const q = (s: string): DomElement[] => Array.from(document.querySelectorAll(s));
    const arrows: Record<string, number> = {};
    for (const a of q('svg.sequence g.msg')) arrows[a.getAttribute('data-msg') ?? '-'] = (arrows[a.getAttribute('data-msg') ?? '-'] ?? 0) + 1;
    // Markers of one lane whose boxes overlap each other.
    const boxes = q('svg.swimlane .mk').map((m) => ({ node: m.getAttribute('data-node'), r: m.getBoundingClientRect() }));
    let overlaps = 0;
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        if (a.node === b.node && Math.abs(a.r.x - b.r.x) < 4 && Math.abs(a.r.y - b.r.y) < 4) overlaps++;
      }
    }
    const visible = (id: string): boolean => {
      const r = document.getElementById(id)?.getBoundingClientRect();
      return r !== undefined && r.width > 0 && r.height > 0;
    };
    return {
      verdict: document.getElementById('verdict')?.textContent ?? '',
      verdictClass: document.getElementById('verdict')?.getAttribute('class') ?? '',
      expectations: q('#expectations tr.expectation').length,
      unmet: q('#expectations tr.expectation.unmet').length,
      arrows,
      lostArrows: q('svg.sequence g.msg.lost').length,
      violationNotes: q('svg.sequence g.note.violation').filter((n) => n.getBoundingClientRect().height > 0).map((n) => n.getAttribute('data-violation') ?? ''),
      gaps: q('svg.swimlane g.gap').length,
      overlaps,
      folded: Number(document.getElementById('folded-lanes')?.getAttribute('data-count') ?? '0'),
      hidden: ['expectations', 'lesson', 'narration', 'verdict', 'diagram'].filter((id) => !visible(id)),
    };
  }) as Promise<Survey>;
}

if (!available) console.warn(`test/report/htmlScenarioChromium.test.ts: ${CHROMIUM_MISSING}`);

describe.skipIf(!available)(`scenario HTML reports in headless Chromium${available ? '' : ` (${CHROMIUM_MISSING})`}`, () => {
  let browser: Browser;
  let dir = '';

  const open = async (name: string, lang: 'en' | 'zh'): Promise<{ page: Page; problems: string[]; requests: string[]; html: string }> => {
    const file = join(dir, `${name}-${lang}.html`);
    const r = await cli(['run', name, '--lang', lang, '--html', file]);
    expect(r.code, r.stderr).toBe(0);
    const { page, problems, requests } = await openFile(browser, file);
    return { page, problems, requests, html: readFileSync(file, 'utf8') };
  };

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    dir = mkdtempSync(join(tmpdir(), 'txsim-html-scenario-'));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS] });
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  it('check-max-exhausted: "design limit shown", expectations, 4 check-back arrows, the atomicity note', async () => {
    const { outcome, violations } = scenarioRun('check-max-exhausted');
    const { page, problems, requests, html } = await open('check-max-exhausted', 'en');
    const s = await survey(page);
    expect(s.verdict).toBe('design limit shown: violations as expected');
    expect(s.verdictClass).toContain('expected');
    expect(html).not.toMatch(/>invalid</);
    expect(s.hidden).toEqual([]);
    expect(s.expectations).toBe(6);
    expect(s.unmet).toBe(0);
    for (const msg of ['prepare', 'commit', 'check', 'alert']) expect(s.arrows[msg] ?? 0, msg).toBe(sends(outcome, msg, 'o1'));
    // Four checks go to the channels the broker keeps for the dead machines; after their 120 s expiry none is sent.
    expect(s.arrows.check).toBe(4);
    expect(s.lostArrows).toBe(5); // the dropped commit and 4 check-backs to producers that are down
    expect(s.violationNotes.sort()).toEqual(violations.map((v) => v.property).sort());
    expect(s.gaps).toBeGreaterThan(3);
    expect(s.overlaps).toBe(0);
    expect(s.folded).toBeGreaterThan(0);
    expect(await page.locator('svg.sequence').isVisible()).toBe(true);
    expect(problems).toEqual([]);
    expect(requests).toEqual([page.url()]);
  });

  it('poison-message-to-dlq in Chinese: 17 delivery arrows, the DLQ end state, no English verdict', async () => {
    const { outcome, violations } = scenarioRun('poison-message-to-dlq');
    const { page, problems, requests } = await open('poison-message-to-dlq', 'zh');
    const s = await survey(page);
    expect(s.verdict).toBe('展示设计的边界：违反在预期之中');
    expect(s.hidden).toEqual([]);
    expect(s.arrows.deliver).toBe(sends(outcome, 'deliver', 'o1'));
    expect(s.arrows.deliver).toBe(17);
    expect(s.violationNotes.sort()).toEqual(violations.map((v) => v.property).sort());
    expect(await page.locator('svg.sequence g.note.end-state').first().textContent()).toContain('死信队列');
    expect(await page.locator('#lesson').textContent()).toContain('死信队列');
    expect(await page.locator('table.orders td[data-state="dlq"]').textContent()).toBe('死信队列');
    expect(s.overlaps).toBe(0);
    // What a reader reads is Chinese: header, verdicts, expectations, lesson, narration, orders, diagram notes.
    for (const selector of ['header', '#verdicts', '#expectations', '#story', '#orders', 'svg.sequence']) {
      const text = selector === 'svg.sequence' ? (await page.locator('svg.sequence text').allTextContents()).join('\n') : await page.locator(selector).innerText();
      expect(englishProse(text), `${selector}: ${text}`).toEqual([]);
    }
    expect(problems).toEqual([]);
    expect(requests).toEqual([page.url()]);
  });

  it('happy-path: OK with every expectation met and one arrow per message for three orders', async () => {
    const { outcome } = scenarioRun('happy-path');
    const { page, problems } = await open('happy-path', 'en');
    const s = await survey(page);
    expect(s.verdict).toBe('OK: every expectation met');
    expect(s.violationNotes).toEqual([]);
    const total = (msg: string): number => outcome.spec.orders.reduce((n, o) => n + sends(outcome, msg, o.id), 0);
    for (const msg of ['prepare', 'commit', 'rollback', 'deliver']) expect(s.arrows[msg] ?? 0, msg).toBe(total(msg));
    expect(s.overlaps).toBe(0);
    expect(problems).toEqual([]);
  });
});
