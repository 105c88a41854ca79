// The swimlane's time axis. Runs span milliseconds (a commit 26 ms after its prepare) to hours (a poison
// message's 2 h retry). A log axis keeps both but no distance means anything; here the axis is linear inside
// bursts of activity and each long silence between bursts is cut out and drawn as a marked gap ("+30 s"), so
// within a burst 1 ms is always the same width and the reader sees the silences as silences. Monotone, so order
// on screen is order in time; ticks are placed at round times inside each burst.
import { formatSimTime } from './simTime.ts';

export interface TimeTick {
  readonly t: number;
  readonly x: number;
  readonly label: string;
}

/** A silence cut out of the axis: from the end of one burst to the start of the next. */
export interface TimeBreak {
  readonly from: number;
  readonly to: number;
  /** Left edge and width of the gap's mark on the axis. */
  readonly x: number;
  readonly width: number;
  /** The silence's length, e.g. `+30 s`. */
  readonly label: string;
}

export interface TimeScale {
  /** Pixel width from time 0 to the last time. */
  readonly width: number;
  /** Pixel offset of a simulated time (times before 0 map to 0, after the last time extend past `width`). */
  x(t: number): number;
  readonly ticks: readonly TimeTick[];
  readonly breaks: readonly TimeBreak[];
  /** Pixels per millisecond inside a burst (the same in every burst). */
  readonly pxPerMs: number;
}

export interface TimeScaleOptions {
  minWidth?: number;
  maxWidth?: number;
  /** Minimum distance between two tick labels (default 64 px). */
  minTickGapPx?: number;
  /** Silences longer than this are cut (default 250 ms). */
  breakAfterMs?: number;
  /** Most pixels per millisecond inside a burst (default 2). */
  maxPxPerMs?: number;
}

const S = 1_000;
const M = 60 * S;
const H = 60 * M;
/** Round steps for ticks inside a burst, ascending. */
const STEPS: readonly number[] = [1, 2, 5, 10, 20, 50, 100, 200, 500, S, 2 * S, 5 * S, 10 * S, 20 * S, 30 * S, M, 2 * M, 5 * M, 10 * M, 20 * M, 30 * M, H, 2 * H, 6 * H, 12 * H, 24 * H];
const BREAK_W = 40;
const MIN_BURST_W = 28;

interface Burst {
  from: number;
  to: number;
  x: number;
  width: number;
  /** Space before the burst's first time (short bursts are centred in their minimum width). */
  pad: number;
}

/** A silence's length as a reader says it: to 0.1 s from a second on (29.996 s reads "30 s"), to the ms below. */
function roundGap(ms: number): number {
  return ms < S ? ms : ms < M ? Math.round(ms / 100) * 100 : Math.round(ms / S) * S;
}

/** Consecutive times no further apart than `breakAfter` form one burst. */
function bursts(distinct: readonly number[], breakAfter: number): Array<{ from: number; to: number }> {
  const out: Array<{ from: number; to: number }> = [];
  for (const t of distinct) {
    const last = out[out.length - 1];
    if (last !== undefined && t - last.to <= breakAfter) last.to = t;
    else out.push({ from: t, to: t });
  }
  return out;
}

/**
 * A linear-with-gaps scale over the given event times.
 *
 * @example
 * const scale = timeScale([0, 26, 30_000, 7_200_000]);
 * scale.x(26) < scale.x(30_000); // true
 * scale.breaks.map((b) => b.label); // ['+29.974 s', '+1 h 59 min 30 s']
 */
export function timeScale(times: Iterable<number>, options: TimeScaleOptions = {}): TimeScale {
  const distinct = [...new Set([0, ...[...times].filter((t) => Number.isFinite(t) && t >= 0)])].sort((a, b) => a - b);
  const maxWidth = options.maxWidth ?? 6_000;
  const fixedWidth = (n: number): number => (n - 1) * BREAK_W + n * MIN_BURST_W;
  // Too many silences to mark them all: cut only the longer ones, until the marks take at most 60% of the axis.
  let breakAfter = options.breakAfterMs ?? 250;
  let spans = bursts(distinct, breakAfter);
  while (spans.length > 1 && fixedWidth(spans.length) > maxWidth * 0.6) spans = bursts(distinct, (breakAfter *= 2));
  const linear = spans.reduce((sum, b) => sum + (b.to - b.from), 0);
  const fixed = fixedWidth(spans.length);
  const pxPerMs = linear === 0 ? 0 : Math.max(0, Math.min(options.maxPxPerMs ?? 2, (maxWidth - fixed) / linear));

  const laid: Burst[] = [];
  const breaks: TimeBreak[] = [];
  let x = 0;
  spans.forEach((b, i) => {
    if (i > 0) {
      const prev = spans[i - 1] as { from: number; to: number };
      breaks.push({ from: prev.to, to: b.from, x, width: BREAK_W, label: `+${formatSimTime(roundGap(b.from - prev.to))}` });
      x += BREAK_W;
    }
    // A short burst still gets room for the markers drawn side by side there; its times sit in the middle.
    const linearWidth = (b.to - b.from) * pxPerMs;
    const width = Math.max(linearWidth, MIN_BURST_W);
    laid.push({ ...b, x, width, pad: i === 0 ? 0 : (width - linearWidth) / 2 });
    x += width;
  });
  const end = x - ((laid[laid.length - 1]?.width ?? 0) - (laid[laid.length - 1]?.pad ?? 0) - ((laid[laid.length - 1]?.to ?? 0) - (laid[laid.length - 1]?.from ?? 0)) * pxPerMs);
  const width = Math.min(maxWidth, Math.max(options.minWidth ?? 800, end));

  const at = (t: number): number => {
    if (t <= 0) return 0;
    for (let i = 0; i < laid.length; i++) {
      const b = laid[i] as Burst;
      if (t <= b.to) {
        if (t >= b.from) return b.x + b.pad + (t - b.from) * pxPerMs;
        // Inside the gap before this burst: spread over the gap's mark, so the scale stays monotone.
        const prev = laid[i - 1] as Burst;
        const fromX = prev.x + prev.pad + (prev.to - prev.from) * pxPerMs;
        const toX = b.x + b.pad;
        return fromX + ((t - prev.to) / (b.from - prev.to)) * (toX - fromX);
      }
    }
    const tail = laid[laid.length - 1] as Burst;
    if (pxPerMs === 0 && tail.to === 0) return 0;
    return tail.x + tail.pad + (tail.to - tail.from) * pxPerMs + (t - tail.to) * Math.max(pxPerMs, 1e-6);
  };
  // Scale to the drawn width when the natural width is below the minimum, so the run fills the axis.
  const stretch = end > 0 && end < width ? width / end : 1;
  const xOf = (t: number): number => at(t) * stretch;

  const minGap = options.minTickGapPx ?? 64;
  const ticks: TimeTick[] = [];
  let lastX = -Infinity;
  let lastHalf = 0;
  // Labels are centred on their tick: two must be at least half of each one's width apart (about 6.2 px a char).
  const push = (t: number): void => {
    const px = xOf(t);
    const label = formatSimTime(t);
    const half = (label.length * 6.2) / 2;
    if (px - lastX < Math.max(minGap, lastHalf + half + 8)) return;
    ticks.push({ t, x: px, label });
    lastX = px;
    lastHalf = half;
  };
  const step = STEPS.find((s) => s * pxPerMs * stretch >= minGap) ?? (STEPS[STEPS.length - 1] as number);
  for (const b of laid) {
    push(b.from);
    for (let t = Math.ceil(b.from / step) * step; t <= b.to; t += step) if (t > b.from) push(t);
  }
  return {
    width,
    x: xOf,
    ticks,
    breaks: breaks.map((b) => ({ ...b, x: b.x * stretch, width: b.width * stretch })),
    pxPerMs: pxPerMs * stretch,
  };
}
