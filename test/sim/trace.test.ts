// The trace: what is recorded reads back unchanged; render() prints fixed columns; a record costs at most 32 bytes;
// the hash covers every field of every record and their order.
import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { TRACE_BYTES_PER_EVENT, Trace, compactTraceEvent, formatTraceEvent, type TraceInput } from '../../sim/trace.ts';
import { runPingWorld } from './fixtures/worlds.ts';

type Row = [time: number, node: string, kind: string, input: TraceInput];

const ROWS: Row[] = [
  [0, 'producer-1', 'SEND', { peer: 'broker-1', msg: 'prepare', order: 'o1', value: 1 }],
  [3, 'broker-1', 'DELIVER', { peer: 'producer-1', msg: 'prepare', order: 'o1', value: 1 }],
  [3, 'broker-1', 'HALF_STORED', { order: 'o1', detail: 'topic=purchase tag=TagC' }],
  [412.5, 'broker-1', 'TIMER', { value: 60_000 }],
  [7_200_000, 'sim', 'HEAL', {}],
  [7_200_001, 'db', 'CRASH', { detail: 'machine', value: -3 }],
];

function build(rows: readonly Row[], options?: ConstructorParameters<typeof Trace>[0]): Trace {
  const trace = new Trace(options);
  for (const [time, node, kind, input] of rows) trace.record(time, node, kind, input);
  return trace;
}

describe('Trace', () => {
  test('records read back field for field, past the initial capacity', () => {
    const trace = new Trace({ initialCapacity: 16 });
    const rows: Row[] = [];
    for (let i = 0; i < 2_000; i++) rows.push(...ROWS.map(([t, node, kind, input]): Row => [t + i, node, kind, { ...input, value: (input.value ?? 0) + i }]));
    rows.forEach(([time, node, kind, input], seq) => expect(trace.record(time, node, kind, input)).toBe(seq));
    expect(trace.size).toBe(rows.length);
    const back = [...trace.events()];
    expect(back).toHaveLength(rows.length);
    back.forEach((e, seq) => {
      const [time, node, kind, input] = rows[seq] as Row;
      const expected = { seq, time, node, kind, peer: input.peer ?? '', msg: input.msg ?? '', order: input.order ?? '', detail: input.detail ?? '', value: input.value ?? 0 };
      if (JSON.stringify(e) !== JSON.stringify(expected)) expect(e).toEqual(expected);
    });
    expect(() => trace.at(rows.length)).toThrow(/out of range/);
    expect(() => trace.at(-1)).toThrow(/out of range/);
  });

  test('render() prints one line per event in fixed columns', () => {
    const trace = build(ROWS);
    const lines = trace.render().split('\n');
    expect(lines).toHaveLength(ROWS.length);
    expect(lines[0]).toBe('     0         0ms  producer-1        SEND             prepare     o1       -> broker-1           #1');
    expect(lines[2]).toBe('     2         3ms  broker-1          HALF_STORED                  o1                            topic=purchase tag=TagC');
    expect(lines[4]).toBe('     4   7200000ms  sim               HEAL');
    // Each column starts at the same offset on every line.
    const columns = { node: 20, kind: 38, msg: 55, order: 67, peer: 76, detail: 97 };
    lines.forEach((line, i) => {
      const e = trace.at(i);
      expect(line.slice(0, 6).trim()).toBe(String(i));
      expect(line.slice(7, 18).trim()).toBe(`${e.time}ms`);
      expect(line.slice(columns.node, columns.kind).trim()).toBe(e.node);
      expect(line.slice(columns.kind, columns.msg).trim()).toBe(e.kind);
      expect(line.slice(columns.msg, columns.order).trim()).toBe(e.msg);
      expect(line.slice(columns.order, columns.peer).trim()).toBe(e.order);
      expect(line.slice(columns.peer, columns.detail).trim()).toBe(e.peer === '' ? '' : `${e.kind === 'DELIVER' ? '<-' : '->'} ${e.peer}`);
      if (e.detail !== '') expect(line.slice(columns.detail, columns.detail + e.detail.length)).toBe(e.detail);
    });
    expect(trace.render({ from: 2, to: 4 }).split('\n')).toEqual(lines.slice(2, 4));
    expect(formatTraceEvent(trace.at(1))).toBe(lines[1]);
  });

  test('a record costs at most 32 bytes, in a real run too', () => {
    expect(TRACE_BYTES_PER_EVENT).toBeLessThanOrEqual(32);
    const sim = runPingWorld(5);
    expect(sim.trace.size).toBeGreaterThan(100);
    expect(sim.trace.bytesUsed / sim.trace.size).toBeLessThanOrEqual(32);
  });

  test('the hash is a function of the records', () => {
    expect(build(ROWS).hash()).toBe(build(ROWS).hash());
    expect(build(ROWS).hash()).toMatch(/^[0-9a-f]{64}$/);
    // Growing the columns does not change what is hashed.
    expect(build(ROWS, { initialCapacity: 16 }).hash()).toBe(build(ROWS, { initialCapacity: 4_096 }).hash());
  });

  test('the hash changes when any field of any record changes, or records move', () => {
    const base = build(ROWS).hash();
    const mutations: Array<[string, (rows: Row[]) => void]> = [
      ['time', (rows) => ((rows[3] as Row)[0] = 412.25)],
      ['node (new name)', (rows) => ((rows[1] as Row)[1] = 'broker-2')],
      ['node (existing name)', (rows) => ((rows[1] as Row)[1] = 'producer-1')],
      ['kind', (rows) => ((rows[2] as Row)[2] = 'HALF_STORED2')],
      ['peer', (rows) => ((rows[0] as Row)[3] = { ...(rows[0] as Row)[3], peer: 'broker-2' })],
      ['peer removed', (rows) => ((rows[0] as Row)[3] = { ...(rows[0] as Row)[3], peer: undefined })],
      ['msg', (rows) => ((rows[1] as Row)[3] = { ...(rows[1] as Row)[3], msg: 'commit' })],
      ['order', (rows) => ((rows[2] as Row)[3] = { ...(rows[2] as Row)[3], order: 'o2' })],
      ['detail', (rows) => ((rows[2] as Row)[3] = { ...(rows[2] as Row)[3], detail: 'topic=purchase tag=TagD' })],
      ['value', (rows) => ((rows[5] as Row)[3] = { ...(rows[5] as Row)[3], value: -4 })],
      ['two records swapped', (rows) => ([rows[1], rows[2]] = [rows[2] as Row, rows[1] as Row])],
      ['a record removed', (rows) => rows.pop()],
      ['a record added', (rows) => rows.push([7_200_002, 'db', 'RESTART', {}])],
    ];
    const seen = new Set([base]);
    for (const [name, mutate] of mutations) {
      const rows = ROWS.map(([t, n, k, input]): Row => [t, n, k, { ...input }]);
      mutate(rows);
      const hash = build(rows).hash();
      expect(hash, name).not.toBe(base);
      seen.add(hash);
    }
    expect(seen.size).toBe(mutations.length + 1);
  });

  test('a disabled trace counts records but keeps none', () => {
    const trace = build(ROWS, { enabled: false });
    expect(trace.size).toBe(ROWS.length);
    expect(() => trace.at(0)).toThrow(/enabled=false/);
    expect(trace.hash()).not.toBe(build(ROWS).hash());
  });

  test('a disabled trace hashes its count alone: the remembered hash is the computed one', () => {
    const hash = build(ROWS, { enabled: false }).hash();
    expect(hash).toBe(createHash('sha256').update(`txsim-trace-v1 ${ROWS.length} 0\n`).digest('hex'));
    expect(build(ROWS, { enabled: false }).hash()).toBe(hash);
    expect(build(ROWS.slice(1), { enabled: false }).hash()).not.toBe(hash);
  });
});

describe('checkpoints and compact lines (replay files)', () => {
  test('one short hash per window; a changed event changes its window only', () => {
    const make = (detail: string) => {
      const trace = new Trace();
      for (let i = 0; i < 70; i++) trace.record(i * 10, 'broker-1', 'HALF_STORED', { order: `o${i}`, detail: i === 40 ? detail : 'x', msg: 'prepare', peer: 'producer-1', value: i % 3 });
      return trace;
    };
    const a = make('x').checkpoints(32);
    const b = make('y').checkpoints(32);
    expect(a).toMatchObject({ every: 32, events: 70 });
    expect(a.hashes).toHaveLength(3);
    for (const h of a.hashes) expect(h).toMatch(/^[0-9a-f]{16}$/);
    expect([a.hashes[0] === b.hashes[0], a.hashes[1] === b.hashes[1], a.hashes[2] === b.hashes[2]]).toEqual([true, false, true]);
    const trace = make('x');
    expect(trace.compactLines(1, 2)).toEqual(['10ms broker-1 HALF_STORED prepare o1 -> producer-1 x #1']);
    expect(trace.compactLines(68)).toHaveLength(2);
    expect(compactTraceEvent({ seq: 0, time: 5, node: 'c', kind: 'DELIVER', peer: 'b', msg: '', order: '', detail: '', value: 0 })).toBe('5ms c DELIVER <- b');
    expect(() => trace.checkpoints(0)).toThrow(/positive integer/);
    expect(() => new Trace({ enabled: false }).checkpoints(8)).toThrow(/enabled=false/);
  });
});
