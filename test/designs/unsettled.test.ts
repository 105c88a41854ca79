// The design comparison runs on the model's run driver (sim/phases.ts): a design run that does not settle says
// why, as a model run does.
import { describe, expect, test } from 'vitest';
import { localMessageTableDesign } from '../../designs/localMessageTable.ts';
import { transactionalMessageDesign } from '../../designs/transactionalMessage.ts';
import { spec } from './support.ts';

describe('a design run that did not settle', () => {
  test('names what was still busy when its settle bound ran out', () => {
    const delay = (message: string) => ({ at: 0, type: 'delay', message, count: 1, byMs: 5_000 }) as const;
    const delayed = spec([delay('publish'), delay('deliver')], { settleMs: 10 });
    const m = localMessageTableDesign.run(delayed);
    expect(m.settled).toBe(false);
    expect(m.stopReason).toBe('time-limit');
    expect(m.unsettled).toEqual(['network: 1 message in flight']);
  });

  test('a settled run has no reasons, on the kernel designs and on the model', () => {
    for (const design of [localMessageTableDesign, transactionalMessageDesign]) {
      const m = design.run(spec());
      expect(m.settled, design.name).toBe(true);
      expect(m.unsettled, design.name).toEqual([]);
    }
  });
});
