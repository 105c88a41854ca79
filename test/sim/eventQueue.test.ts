// The event queue against a model: under any mix of pushes (with many equal times), cancels, peeks and pops, the
// queue pops exactly the live entries in (time, seq) order, and its counters agree with the model.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { EventQueue, OwnedEntry, type QueueEntry } from '../../sim/eventQueue.ts';

type Op = { op: 'push'; time: number; daemon: boolean } | { op: 'cancel'; pick: number } | { op: 'pop' } | { op: 'peek' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('push' as const), time: fc.integer({ min: 0, max: 20 }), daemon: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('cancel' as const), pick: fc.nat() }) },
  { weight: 3, arbitrary: fc.constant({ op: 'pop' as const }) },
  { weight: 1, arbitrary: fc.constant({ op: 'peek' as const }) },
);

interface ModelEntry {
  readonly id: number;
  readonly time: number;
  readonly daemon: boolean;
  readonly entry: QueueEntry;
  state: 'pending' | 'cancelled' | 'popped';
}

function earliest(model: readonly ModelEntry[]): ModelEntry | undefined {
  let best: ModelEntry | undefined;
  // Model entries are in push order, so the first minimum by time is the minimum by (time, seq).
  for (const m of model) if (m.state === 'pending' && (best === undefined || m.time < best.time)) best = m;
  return best;
}

describe('EventQueue', () => {
  test('random pushes and cancels pop in (time, seq) order', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 300 }), (ops) => {
        const queue = new EventQueue();
        const model: ModelEntry[] = [];
        const fired: number[] = [];
        const pop = (): void => {
          const expected = earliest(model);
          const got = queue.pop();
          if (expected === undefined) {
            expect(got).toBeUndefined();
            return;
          }
          expect(got).toBe(expected.entry);
          expected.state = 'popped';
          got?.fire();
        };
        for (const op of ops) {
          if (op.op === 'push') {
            const id = model.length;
            const entry = queue.push(op.time, () => fired.push(id), op.daemon);
            model.push({ id, time: op.time, daemon: op.daemon, entry, state: 'pending' });
          } else if (op.op === 'cancel') {
            // Cancel a pending or already cancelled entry (cancelling twice is a no-op).
            const candidates = model.filter((m) => m.state !== 'popped');
            if (candidates.length === 0) continue;
            const victim = candidates[op.pick % candidates.length] as ModelEntry;
            queue.cancel(victim.entry);
            victim.state = 'cancelled';
          } else if (op.op === 'pop') {
            pop();
          } else {
            expect(queue.peekTime()).toBe(earliest(model)?.time);
          }
          expect(queue.pendingWork).toBe(model.filter((m) => m.state === 'pending' && !m.daemon).length);
        }
        // Drain: everything still pending comes out in (time, seq) order.
        const rest = model.filter((m) => m.state === 'pending').sort((a, b) => a.time - b.time || a.entry.seq - b.entry.seq);
        const before = fired.length;
        for (let entry = queue.pop(); entry !== undefined; entry = queue.pop()) entry.fire();
        expect(fired.slice(before)).toEqual(rest.map((m) => m.id));
        expect(queue.pendingWork).toBe(0);
        expect(queue.size).toBe(0);
        // Pushes got strictly increasing seq numbers.
        model.forEach((m, i) => expect(m.entry.seq).toBe(i));
      }),
      { numRuns: 300 },
    );
  });

  test('equal times pop in push order, however many', () => {
    const queue = new EventQueue();
    const order: number[] = [];
    for (let i = 0; i < 1_000; i++) queue.push(i % 3 === 0 ? 5 : 7, () => order.push(i));
    for (let entry = queue.pop(); entry !== undefined; entry = queue.pop()) entry.fire();
    const fives = Array.from({ length: 1_000 }, (_, i) => i).filter((i) => i % 3 === 0);
    const sevens = Array.from({ length: 1_000 }, (_, i) => i).filter((i) => i % 3 !== 0);
    expect(order).toEqual([...fives, ...sevens]);
  });

  test('daemon entries run but do not count as pending work', () => {
    const queue = new EventQueue();
    queue.push(10, () => {}, true);
    expect(queue.pendingWork).toBe(0);
    expect(queue.size).toBe(1);
    const work = queue.push(20, () => {});
    expect(queue.pendingWork).toBe(1);
    queue.cancel(work);
    queue.cancel(work);
    expect(queue.pendingWork).toBe(0);
    expect(queue.pop()?.time).toBe(10);
    expect(queue.pop()).toBeUndefined();
  });

  test('entries their owners built (add) keep (time, seq) order with pushed ones, and fire as methods', () => {
    const queue = new EventQueue();
    const fired: string[] = [];
    class Owned extends OwnedEntry {
      constructor(
        time: number,
        seq: number,
        private readonly label: string,
      ) {
        super(time, seq);
      }
      fire(): void {
        fired.push(this.label);
      }
    }
    queue.push(5, () => fired.push('pushed-5a'));
    queue.add(new Owned(5, queue.takeSeq(), 'owned-5b'));
    queue.push(1, () => fired.push('pushed-1'));
    const cancelled = queue.add(new Owned(3, queue.takeSeq(), 'owned-3'));
    queue.add(new Owned(5, queue.takeSeq(), 'owned-5c'));
    queue.cancel(cancelled);
    expect(queue.pendingWork).toBe(4);
    for (let entry = queue.pop(); entry !== undefined; entry = queue.pop()) entry.fire();
    expect(fired).toEqual(['pushed-1', 'pushed-5a', 'owned-5b', 'owned-5c']);
    expect(() => queue.add(new Owned(Number.NaN, queue.takeSeq(), 'bad'))).toThrow(/finite/);
  });

  test('rejects times that are not finite', () => {
    const queue = new EventQueue();
    expect(() => queue.push(Number.NaN, () => {})).toThrow(/finite/);
    expect(() => queue.push(Number.POSITIVE_INFINITY, () => {})).toThrow(/finite/);
  });
});
