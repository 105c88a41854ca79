// The swimlane's time axis. Runs span milliseconds (a commit 26 ms after its prepare) to hours (a poison
// message's 2 h retry), so a linear axis hides one or the other. Here each gap between consecutive event times
// takes width log2(1 + gap in ms): events 1 ms apart stay apart, a 2 h silence takes about 23 units instead of
// 7 million. Monotone, so order on screen is order in time; ticks are placed at round times where they fit.
import { formatSimTime } from './simTime.ts';

export interface TimeTick {
  readonly t: number;
  readonly x: number;
  readonly label: string;
}

export interface TimeScale {
  /** Pixel width from time 0 to the last time. */
  readonly width: number;
  /** Pixel offset of a simulated time (times before 0 map to 0, after the last time extend past `width`). */
  x(t: number): number;
  readonly ticks: readonly TimeTick[];
}

export interface TimeScaleOptions {
  /** Pixels per unit of log2 gap (default 6). */
  pxPerUnit?: number;
  minWidth?: number;
  maxWidth?: number;
  /** Minimum distance between two tick labels (default 64 px). */
  minTickGapPx?: number;
}

const S = 1_000;
const M = 60 * S;
const H = 60 * M;
/** Round times for ticks, ascending. */
const NICE: readonly number[] = [
  0, 1, 2, 5, 10, 20, 50, 100, 200, 500, S, 2 * S, 5 * S, 10 * S, 20 * S, 30 * S, M, 2 * M, 5 * M, 10 * M, 20 * M,
  30 * M, H, 2 * H, 3 * H, 6 * H, 12 * H, 24 * H, 48 * H, 96 * H,
];

const gapUnits = (gap: number): number => (gap <= 0 ? 0 : Math.log2(1 + gap));

/**
 * A gap-compressed scale over the given event times.
 *
 * @example
 * const scale = timeScale([0, 26, 30_000, 7_200_000]);
 * scale.x(26) < scale.x(30_000); // true
 * scale.ticks.map((t) => t.label); // ['0 ms', '10 ms', ..., '2 h']
 */
export function timeScale(times: Iterable<number>, options: TimeScaleOptions = {}): TimeScale {
  const distinct = [...new Set([0, ...[...times].filter((t) => Number.isFinite(t) && t >= 0)])].sort((a, b) => a - b);
  const units: number[] = [0];
  for (let i = 1; i < distinct.length; i++) units.push((units[i - 1] as number) + gapUnits((distinct[i] as number) - (distinct[i - 1] as number)));
  const total = units[units.length - 1] as number;
  const pxPerUnit = options.pxPerUnit ?? 6;
  const width = Math.min(options.maxWidth ?? 6_000, Math.max(options.minWidth ?? 800, total * pxPerUnit));
  const k = total === 0 ? 0 : width / total;

  const x = (t: number): number => {
    if (t <= 0) return 0;
    // Largest i with distinct[i] <= t (distinct[0] is 0).
    let lo = 0;
    let hi = distinct.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((distinct[mid] as number) <= t) lo = mid;
      else hi = mid - 1;
    }
    const base = distinct[lo] as number;
    const u = (units[lo] as number) + gapUnits(t - base);
    const next = units[lo + 1];
    return (next === undefined ? u : Math.min(u, next)) * k;
  };

  const last = distinct[distinct.length - 1] as number;
  const minGap = options.minTickGapPx ?? 64;
  const ticks: TimeTick[] = [];
  let lastX = -Infinity;
  for (const t of NICE) {
    if (t > last) break;
    const px = x(t);
    if (px - lastX < minGap) continue;
    ticks.push({ t, x: px, label: formatSimTime(t) });
    lastX = px;
  }
  // The end of the run, when it is not a round time and there is room for it.
  if (last > 0 && !NICE.includes(last) && x(last) - lastX >= minGap * 1.5) ticks.push({ t: last, x: x(last), label: formatSimTime(last) });
  return { width, x, ticks };
}
