// `--lang zh` is Chinese all the way: for every named scenario, the narration, titles, lessons, table values,
// violation details and expectations, and both diagrams, hold no English prose (only code: node names, protocol
// keywords, ids, commands, units). Chinese prose takes full-width punctuation.
import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../scenarios/index.ts';
import { cli } from '../cli/support.ts';
import { englishProse } from './zhLeak.ts';

const NAMES = Object.keys(SCENARIOS);

describe('zh output has no English prose', () => {
  it('the leak check itself finds English words and passes code', () => {
    expect(englishProse('订单 o1 在 producer-1 下单 but the check is late')).toEqual(['but', 'the', 'check', 'is', 'late']);
    expect(englishProse('`prepareAck` 丢失 @ 30 ms, npx txsim run lost-commit --seed 2')).toEqual([]);
  });

  it('txsim scenarios --lang zh', async () => {
    const r = await cli(['scenarios', '--lang', 'zh']);
    expect(r.code).toBe(0);
    expect(englishProse(r.stdout)).toEqual([]);
    expect(r.stdout).toContain('反查');
  });

  for (const name of NAMES) {
    it(`txsim run ${name} --lang zh (narration, report, both diagrams)`, async () => {
      const text = await cli(['run', name, '--lang', 'zh']);
      expect(englishProse(text.stdout), text.stdout).toEqual([]);
      // Full-width punctuation in prose: no ASCII comma or colon right after a Chinese character.
      expect(text.stdout).not.toMatch(/[\u4e00-\u9fff][,:;]/u);
      for (const format of ['plantuml', 'mermaid']) {
        const diagram = await cli(['run', name, '--lang', 'zh', '--diagram', format]);
        expect(englishProse(diagram.stdout), diagram.stdout).toEqual([]);
        expect(diagram.stdout).not.toMatch(/[\u4e00-\u9fff][,:;]/u);
      }
    });
  }
});
