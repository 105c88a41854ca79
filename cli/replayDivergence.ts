// Where a replay left its recording: the recorded checkpoints (a short hash of every window of events) are
// compared with the same windows of the replayed trace; the first window that differs holds the first differing
// event, which the recorded trace lines then pin down, with both versions of it. Without recorded lines (very long
// runs) the window is named and this run's events in it are shown.
import type { Trace, TraceCheckpoints } from '../sim/trace.ts';

/** The first difference between a recorded run and its replay. */
export interface Divergence {
  /** The first checkpoint window that differs: events from .. to (inclusive). */
  window: { from: number; to: number };
  /** The first differing event, when the recorded lines allow pinning it down. */
  event?: number;
  /** That event as recorded (null: the recorded run had ended). */
  recorded?: string | null;
  /** That event in this replay (null: this run has ended). */
  replayed?: string | null;
  /** This replay's events of the window, when the recorded lines were not kept. */
  replayedWindow?: string[];
  /** Events of the recorded run and of this replay. */
  events: { recorded: number; replayed: number };
}

/**
 * The first difference between `recorded` and the replayed trace, or undefined when every window matches (then
 * only the hash scheme can differ).
 *
 * @example
 * const where = firstDivergence(file.checkpoints, file.trace, outcome.trace);
 * where?.event; // 117
 */
export function firstDivergence(recorded: TraceCheckpoints, recordedLines: readonly string[] | undefined, replayed: Trace): Divergence | undefined {
  const mine = replayed.checkpoints(recorded.every);
  const windows = Math.max(recorded.hashes.length, mine.hashes.length);
  let k = 0;
  while (k < windows && recorded.hashes[k] === mine.hashes[k]) k++;
  if (k === windows) return undefined;
  const from = k * recorded.every;
  const to = Math.min(from + recorded.every, Math.max(recorded.events, mine.events)) - 1;
  const events = { recorded: recorded.events, replayed: mine.events };
  const lineOf = (seq: number): string | null => replayed.compactLines(seq, seq + 1)[0] ?? null;
  if (recordedLines === undefined) return { window: { from, to }, replayedWindow: replayed.compactLines(from, to + 1).map((line, i) => `#${from + i} ${line}`), events };
  for (let seq = from; seq <= to; seq++) {
    const was = recordedLines[seq] ?? null;
    const now = lineOf(seq);
    if (was !== now) return { window: { from, to }, event: seq, recorded: was, replayed: now, events };
  }
  // The window's hash differs but its recorded lines match this run: the lines were edited, or do not belong here.
  return { window: { from, to }, events };
}

/** The divergence in words, a few lines for stderr. */
export function divergenceText(d: Divergence): string[] {
  const counts = `the recording has ${d.events.recorded} events, this run ${d.events.replayed}`;
  if (d.event !== undefined) {
    return [
      `  first differing event: #${d.event} (${counts})`,
      `    recorded: ${d.recorded ?? '(none: the recorded run had ended)'}`,
      `    replayed: ${d.replayed ?? '(none: this run has ended)'}`,
    ];
  }
  if (d.replayedWindow !== undefined) {
    return [`  first differing events: in #${d.window.from}..#${d.window.to} (${counts}; the file keeps only checkpoints of so long a run); this run's events there:`, ...d.replayedWindow.map((l) => `    ${l}`)];
  }
  return [`  events #${d.window.from}..#${d.window.to} differ from their checkpoint, but not from the recorded lines (${counts}): the file was edited`];
}
