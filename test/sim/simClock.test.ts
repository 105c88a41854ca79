// A node's clock keeps count of its live timers without a set of them: against a model of the same operations
// (set, clear, fire, crash), `pending` is always the number of timers neither fired nor cleared, a cleared timer
// never fires, clearing twice or after firing changes nothing, and a crash (cancelAll) drops every live timer,
// also after the clock compacted its list of entries (more than 32 timers).
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { EventQueue, type QueueEntry } from '../../sim/eventQueue.ts';
import { SimClock } from '../../sim/simClock.ts';
import { Trace } from '../../sim/trace.ts';

type Op = { kind: 'set'; delay: number } | { kind: 'clear'; pick: number } | { kind: 'fire' } | { kind: 'crash' };

const op: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('set' as const), delay: fc.integer({ min: 0, max: 50 }) }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('clear' as const), pick: fc.nat() }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('fire' as const) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('crash' as const) }), weight: 1 },
);

describe('SimClock', () => {
  test('pending, clear and cancelAll agree with a model of live timers', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const queue = new EventQueue();
        let now = 0;
        const clock = new SimClock(queue, new Trace({ enabled: false }), () => now, 'n');
        const timers: Array<{ entry: QueueEntry; live: boolean }> = [];
        const fired: number[] = [];
        for (const o of ops) {
          if (o.kind === 'set') {
            const id = timers.length;
            timers.push({ entry: clock.setTimeout(() => fired.push(id), o.delay), live: true });
          } else if (o.kind === 'clear' && timers.length > 0) {
            const timer = timers[o.pick % timers.length]!;
            clock.clearTimeout(timer.entry);
            timer.live = false;
          } else if (o.kind === 'fire') {
            const entry = queue.pop();
            if (entry !== undefined) {
              now = entry.time;
              const before = fired.length;
              entry.fire();
              const id = fired[before]!;
              expect(timers[id]!.live, 'a cleared timer fired').toBe(true);
              timers[id]!.live = false;
            }
          } else if (o.kind === 'crash') {
            clock.cancelAll();
            for (const timer of timers) timer.live = false;
          }
          expect(clock.pending).toBe(timers.filter((t) => t.live).length);
        }
        // What is left fires exactly the live timers.
        const left = new Set(timers.flatMap((t, id) => (t.live ? [id] : [])));
        const before = fired.length;
        for (let entry = queue.pop(); entry !== undefined; entry = queue.pop()) entry.fire();
        expect(new Set(fired.slice(before))).toEqual(left);
        expect(clock.pending).toBe(0);
      }),
      { numRuns: 200 },
    );
  });
});
