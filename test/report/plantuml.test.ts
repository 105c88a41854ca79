// The diagrams render in the real PlantUML: exit 0, no "Syntax Error", the Chinese names survive as text. All
// diagrams go through one JVM (PlantUML starts in about a second); a zh diagram also goes through `-tpng -pipe`,
// which needs the CJK font. Skipped, with the install line, when plantuml is not on PATH.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderSequence, sequenceDiagram } from '../../report/sequenceDiagram.ts';
import type { SequenceModel } from '../../report/sequenceModel.ts';
import { runs } from './fixtures.ts';
import { userRuns } from './userRuns.ts';
import { PLANTUML, PLANTUML_MISSING } from './tools.ts';

/** C1 JIT only: PlantUML's short runs start twice as fast. */
const env = { ...process.env, JAVA_TOOL_OPTIONS: '-XX:TieredStopAtLevel=1' };

const escapes: SequenceModel = {
  lang: 'en',
  title: 'escapes',
  orders: [],
  traceless: false,
  participants: [
    { role: 'biz', name: 'Business system', alias: 'biz' },
    { role: 'tc', name: 'Transaction center', alias: 'tc' },
  ],
  items: [{ kind: 'arrow', from: 'biz', to: 'tc', dashed: false, lost: false, label: { template: 'keep **stars** and <b>tags</b> literal' } }],
};

const diagrams: Record<string, () => string> = {
  'lost-commit-zh': () => sequenceDiagram(runs.lostCommit(), { format: 'plantuml', lang: 'zh', subscribers: true }),
  'retry-en': () => sequenceDiagram(runs.retry(), { format: 'plantuml', lang: 'en' }),
  'poison-en': () => sequenceDiagram(runs.poison(), { format: 'plantuml', lang: 'en' }),
  'parked-zh': () => sequenceDiagram(runs.parked(), { format: 'plantuml', lang: 'zh' }),
  'crash-en': () => sequenceDiagram(runs.producerCrash(), { format: 'plantuml', lang: 'en' }),
  'busy-zh': () => sequenceDiagram(runs.busy(), { format: 'plantuml', lang: 'zh', subscribers: true }),
  'rollback-zh': () => sequenceDiagram(runs.rollback(), { format: 'plantuml', lang: 'zh', times: false }),
  escapes: () => renderSequence(escapes, 'plantuml'),
  // Users' machines: their lanes, numbered calls, an abort note over two lanes.
  'user-ack-first-zh': () => sequenceDiagram(userRuns.ackFirstCrash().outcome, { format: 'plantuml', lang: 'zh', violations: userRuns.ackFirstCrash().violations }),
  'user-race-en': () => sequenceDiagram(userRuns.checkThenActRace().outcome, { format: 'plantuml', lang: 'en' }),
  'user-producer-en': () => sequenceDiagram(userRuns.producerCheck().outcome, { format: 'plantuml', lang: 'en' }),
};

if (PLANTUML === undefined) console.warn(`test/report/plantuml.test.ts: ${PLANTUML_MISSING}`);

describe.skipIf(PLANTUML === undefined)(`PlantUML rendering${PLANTUML === undefined ? ` (${PLANTUML_MISSING})` : ''}`, () => {
  let dir = '';
  let batch: ReturnType<typeof spawnSync>;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'txsim-plantuml-'));
    const files = Object.entries(diagrams).map(([name, make]) => {
      const file = join(dir, `${name}.puml`);
      writeFileSync(file, make(), 'utf8');
      return file;
    });
    batch = spawnSync(PLANTUML as string, ['-charset', 'UTF-8', '-tsvg', '-nbthread', 'auto', ...files], { env, encoding: 'utf8', timeout: 60_000 });
  }, 60_000);

  afterAll(() => {
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  it('renders every diagram to SVG with exit 0 and no syntax error', () => {
    expect(batch.error).toBeUndefined();
    expect(`${batch.stdout}${batch.stderr}`).not.toMatch(/Syntax Error|Some diagram description contains errors/);
    expect(batch.status).toBe(0);
    for (const name of Object.keys(diagrams)) {
      const svg = join(dir, `${name}.svg`);
      expect(existsSync(svg), `${name}.svg`).toBe(true);
      expect(readFileSync(svg, 'utf8'), name).not.toContain('Syntax Error');
    }
  });

  it('keeps the Chinese participant names and the lost-commit label as text', () => {
    const svg = readFileSync(join(dir, 'lost-commit-zh.svg'), 'utf8');
    for (const name of ['业务系统', '事务中心', '主事务', '从事务', '主事务执行成功']) expect(svg).toContain(name);
    expect(svg).toContain('Commit [丢失：注入故障]');
  });

  it("keeps a user's machine's lanes and its aborted transaction as text", () => {
    const svg = readFileSync(join(dir, 'user-ack-first-zh.svg'), 'utf8');
    for (const text of ['你的消费者（状态机）', '目标基金数据库', '事务 insert+buyTargetFund 已中止']) expect(svg).toContain(text);
    expect(readFileSync(join(dir, 'user-producer-en.svg'), 'utf8')).toContain('Your producer (machine)');
  });

  it('prints escaped creole and tags literally', () => {
    const svg = readFileSync(join(dir, 'escapes.svg'), 'utf8');
    expect(svg).toContain('**stars**');
    expect(svg).toContain('&lt;b&gt;tags&lt;/b&gt;');
  });

  it('renders a Chinese diagram to PNG through -tpng -pipe', () => {
    const png = spawnSync(PLANTUML as string, ['-charset', 'UTF-8', '-tpng', '-pipe'], {
      env,
      input: sequenceDiagram(runs.lostCommit(), { format: 'plantuml', lang: 'zh' }),
      timeout: 60_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(png.status).toBe(0);
    expect(png.stderr.toString('utf8')).not.toMatch(/Syntax Error|error/i);
    expect(png.stdout.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
    expect(png.stdout.length).toBeGreaterThan(10_000);
  });
});
