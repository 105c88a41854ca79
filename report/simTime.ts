// Simulated times and durations as a reader says them: `26 ms`, `30.009 s`, `7 min 30 s`, `2 h`. Exact to the
// millisecond (two different times never print the same) and a pure function of the number, so diagrams and
// reports built from the same outcome are byte-identical.

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Up to three decimals, without trailing zeros: 30.009, 40.22, 5. */
function decimal(value: number): string {
  return String(Math.round(value * 1_000) / 1_000);
}

/**
 * A simulated time or duration in milliseconds, in the largest units that keep it exact.
 *
 * @example
 * formatSimTime(26);         // '26 ms'
 * formatSimTime(30_009);     // '30.009 s'
 * formatSimTime(450_000);    // '7 min 30 s'
 * formatSimTime(7_200_000);  // '2 h'
 */
export function formatSimTime(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms < 0) return `-${formatSimTime(-ms)}`;
  if (ms < SECOND) return `${decimal(ms)} ms`;
  const hours = Math.floor(ms / HOUR);
  const minutes = Math.floor((ms % HOUR) / MINUTE);
  const seconds = (ms % MINUTE) / SECOND;
  const parts: string[] = [];
  if (hours > 0) parts.push(`${hours} h`);
  if (minutes > 0) parts.push(`${minutes} min`);
  if (seconds > 0 || parts.length === 0) parts.push(`${decimal(seconds)} s`);
  return parts.join(' ');
}

/**
 * A range of simulated times: one value when both ends are equal, else `from .. to`.
 *
 * @example
 * formatSimRange(10_000, 7_200_000); // '10 s .. 2 h'
 * formatSimRange(30_000, 30_000);    // '30 s'
 */
export function formatSimRange(from: number, to: number): string {
  return from === to ? formatSimTime(from) : `${formatSimTime(from)} .. ${formatSimTime(to)}`;
}
