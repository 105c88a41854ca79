// Which external tools the report tests can use: the real PlantUML (Debian `plantuml`, with `fonts-wqy-zenhei`
// for the Chinese glyphs) and headless Chromium driven by playwright-core. Tests that need one skip, saying
// what to install, when it is missing; CI installs both (see the report in .ci/run).
import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';

/** The absolute path of an executable on PATH, or undefined. */
export function findOnPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** `plantuml` on PATH. */
export const PLANTUML: string | undefined = findOnPath('plantuml');

/** Chromium: $CHROMIUM_PATH, Debian's /usr/bin/chromium, or `chromium`/`chromium-browser` on PATH. */
export const CHROMIUM: string | undefined = [process.env.CHROMIUM_PATH, '/usr/bin/chromium']
  .filter((p): p is string => p !== undefined && p !== '')
  .find(executable) ?? findOnPath('chromium') ?? findOnPath('chromium-browser');

/** playwright-core is a devDependency; a trimmed install may lack it. */
export const HAS_PLAYWRIGHT: boolean = (() => {
  try {
    createRequire(import.meta.url).resolve('playwright-core');
    return true;
  } catch {
    return false;
  }
})();

export const PLANTUML_MISSING = 'skipped: plantuml is not on PATH (apt-get install -y --no-install-recommends plantuml fonts-wqy-zenhei)';
export const CHROMIUM_MISSING = !HAS_PLAYWRIGHT
  ? 'skipped: playwright-core is not installed (npm install -D playwright-core@1)'
  : 'skipped: chromium is not installed (apt-get install -y --no-install-recommends chromium, or set CHROMIUM_PATH)';

/** Arguments for a quiet, offline headless Chromium. */
export const CHROMIUM_ARGS: readonly string[] = Object.freeze([
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]);

/** A report page opened from disk, with what it logged and fetched. */
export interface OpenedPage {
  page: Page;
  /** Console errors and warnings, page errors and failed requests. */
  problems: string[];
  /** Every URL the page requested (the file itself, and nothing else, for a self-contained report). */
  requests: string[];
}

/** Open a local HTML file in a fresh page at 1400x900, recording problems and requests. */
export async function openFile(browser: Browser, file: string): Promise<OpenedPage> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return { page, problems, requests };
}
