// The statecharts in docs/model.md are generated from the machine definitions (model/statechart.ts): the committed
// diagrams must equal what the machines generate now (`npm run statecharts` rewrites them).
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { localTransactionMachine } from '../../model/localTransaction.ts';
import { CHARTED_MACHINES, MODEL_DOC_PATH, statechartOf, withStatecharts } from '../../model/statechart.ts';

describe('statecharts', () => {
  test('docs/model.md shows each machine\'s statechart as generated from its definition', () => {
    const doc = readFileSync(MODEL_DOC_PATH, 'utf8');
    expect(doc, 'run `npm run statecharts` and commit docs/model.md').toBe(withStatecharts(doc));
    for (const { machine } of CHARTED_MACHINES) expect(doc).toContain(statechartOf(machine));
  });

  test('a lifecycle is drawn with its timers, guards, actions and final states', () => {
    const chart = statechartOf(localTransactionMachine).split('\n');
    expect(chart).toEqual(
      expect.arrayContaining([
        '  [*] --> sendingHalf',
        '  sendingHalf --> executing : prepareAck / acceptAck',
        '  sendingHalf --> sendingHalf : after sendTimeout [canRetry] / nextAttempt',
        '  sendingHalf --> sendFailed : after sendTimeout',
        '  confirming --> done : always',
        '  done --> [*]',
      ]),
    );
  });

  test('the section is refused without its markers', () => {
    expect(() => withStatecharts('# no markers')).toThrow(/markers are missing/);
  });
});
