// A simulated duration in words a reader takes in at a glance. Its own module: the narration and both language
// catalogues use it, and the catalogues must not import the narration (an import cycle breaks the built package).

/** `850 ms`, `12.5 s`, `3 min 20 s`, `2 h 5 min`. */
export function duration(ms: number): string {
  if (ms < 1_000) return `${ms} ms`;
  if (ms < 59_950) return `${Number((ms / 1_000).toFixed(1))} s`;
  const unit = (value: number, name: string) => (value === 0 ? '' : ` ${value} ${name}`);
  // Round to the shown unit first, so 59.6 s of a minute carries into the minutes instead of printing "60 s".
  if (ms < 3_600_000) {
    const seconds = Math.round(ms / 1_000);
    if (seconds < 3_600) return `${Math.floor(seconds / 60)} min${unit(seconds % 60, 's')}`;
  }
  const minutes = Math.round(ms / 60_000);
  return `${Math.floor(minutes / 60)} h${unit(minutes % 60, 'min')}`;
}
