// Every ```ts example of docs/api.md runs, and every `console.log(...); // comment` in it prints that comment (a
// comment ending in `...` is a prefix). `txsim` resolves to api/index.ts (vitest.config.ts); `txsim/vitest` to a
// shim whose testRuns runs checkRuns at once (a test cannot declare tests), so its example executes too. Every
// value the `txsim` entry exports appears in some example.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { afterEach, describe, expect, test, vi } from 'vitest';
import * as api from '../../api/index.ts';
import { REPO_ROOT } from '../cli/support.ts';

const DOC = readFileSync(join(REPO_ROOT, 'docs/api.md'), 'utf8');
const BLOCKS = [...DOC.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
const DIR = join(REPO_ROOT, '.txsim', 'doc-examples');
const SHIM = `import { checkRuns, type CheckRunsOptions } from '../../api/property.ts';
export function testRuns(name: string, options: CheckRunsOptions = {}): void {
  checkRuns({ testName: name, ...options });
}
`;

/** What each console.log line of a block must print: its comment, or null when it has none. */
function expectedOutputs(code: string): Array<string | null> {
  return code
    .split('\n')
    .filter((line) => line.includes('console.log('))
    .map((line) => /\); \/\/ (.*)$/.exec(line)?.[1] ?? null);
}

describe('docs/api.md', () => {
  afterEach(() => vi.restoreAllMocks());

  test('has examples, and every value export of `txsim` is used in one', () => {
    expect(BLOCKS.length).toBeGreaterThan(8);
    const code = BLOCKS.join('\n');
    const unused = Object.keys(api).filter((name) => !new RegExp(`\\b${name}\\b`).test(code));
    expect(unused).toEqual([]);
  });

  test.each(BLOCKS.map((code, i) => [i + 1, code] as const))('example %i runs and prints what its comments say', async (i, code) => {
    mkdirSync(DIR, { recursive: true });
    writeFileSync(join(DIR, 'vitestShim.ts'), SHIM);
    const file = join(DIR, `api-example-${i}.ts`);
    writeFileSync(file, code.replaceAll("from 'txsim/vitest'", "from './vitestShim.ts'"));
    const printed: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void printed.push(format(...args)));
    await import(file);
    const expected = expectedOutputs(code);
    expect(printed).toHaveLength(expected.length);
    expected.forEach((want, k) => {
      if (want === null) return;
      if (want.endsWith(' ...')) expect(printed[k]?.startsWith(want.slice(0, -4)), `${printed[k]} starts with ${want}`).toBe(true);
      else expect(printed[k]).toBe(want);
    });
  });
});

describe('docs/api.md on profile files', () => {
  test('documents every field of the profile file format', async () => {
    const { profileFileSchema } = await import('../../properties/profiles/fileFormat.ts');
    const json = JSON.parse((await import('../../properties/profiles/profileJsonSchema.ts')).profileJsonSchemaText());
    const fields = new Set<string>(Object.keys(profileFileSchema.shape));
    for (const section of ['topology', 'workload', 'randomFaults', 'partitions']) for (const f of Object.keys(json.properties[section].properties)) fields.add(f);
    for (const f of Object.keys(json.properties.crashes.properties.producers.properties)) fields.add(f);
    const missing = [...fields].filter((f) => !DOC.includes(`\`${f}\``));
    expect(missing).toEqual([]);
  });
});
