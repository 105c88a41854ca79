// Which external tools the report tests can use: the real PlantUML (Debian `plantuml`, with `fonts-wqy-zenhei`
// for the Chinese glyphs) and headless Chromium driven by playwright-core. Tests that need one skip, saying
// what to install, when it is missing; CI installs both (see the report in .ci/run).
import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';

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
