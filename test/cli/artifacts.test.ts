// `--diagram` and `--html` on run and replay: the diagram goes to stdout in the asked format and language; the HTML
// report is one self-contained file.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { cli, tempDir } from './support.ts';

describe('run and replay artifacts', () => {
  test('--diagram plantuml --lang zh prints the article-style diagram instead of the narration', async () => {
    const r = await cli(['run', 'lost-commit', '--diagram', 'plantuml', '--lang', 'zh']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('@startuml')).toBe(true);
    expect(r.stdout).toContain('participant "事务中心" as tc');
    expect(r.stdout).toMatch(/-\[#red\]>x tc: Commit/);
    expect(r.stdout.trimEnd().endsWith('@enduml')).toBe(true);
  });

  test('--diagram mermaid on replay, and inside the JSON report', async () => {
    const r = await cli(['replay', '--seed', '2', '--profile', 'default', '--diagram', 'mermaid']);
    expect(r.stdout.startsWith('sequenceDiagram')).toBe(true);
    const j = await cli(['run', 'happy-path', '--json', '--diagram', 'mermaid']);
    expect((JSON.parse(j.stdout) as { diagram: string }).diagram).toMatch(/^sequenceDiagram/);
  });

  test('--html writes one self-contained report with the verdicts and the replay line', async () => {
    const dir = tempDir();
    const r = await cli(['run', 'duplicate-commit', '--html', join(dir, 'nested', 'report.html')]);
    expect(r.code).toBe(0);
    const file = join(dir, 'nested', 'report.html');
    expect(existsSync(file)).toBe(true);
    const html = readFileSync(file, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('npx txsim run duplicate-commit --seed 11');
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)="https?:/);
  });

  test('a bad --diagram format or an unwritable --html path exits 2', async () => {
    const bad = await cli(['run', 'happy-path', '--diagram', 'svg']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--diagram/);
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, 'not a directory');
    const unwritable = await cli(['run', 'happy-path', '--html', join(file, 'report.html')]);
    expect(unwritable.code).toBe(2);
    expect(unwritable.stderr).toMatch(/--html .*cannot write the report/);
  });
});
