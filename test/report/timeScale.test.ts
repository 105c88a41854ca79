// The time axis: linear inside bursts of activity (1 ms is the same width everywhere), long silences cut out and
// marked with their length, monotone, ticks at round times at least 64 px apart.
import { describe, expect, it } from 'vitest';
import { timeScale } from '../../report/timeScale.ts';

describe('timeScale', () => {
  const times = [0, 4, 26, 30, 30_000, 30_009, 40_055, 17_140_206];
  const scale = timeScale(times);

  it('is monotone, over event times and between them', () => {
    const probe = [0, 1, 3, 4, 5, 26, 27, 29_999, 30_000, 30_004, 30_009, 1_000_000, 17_140_206, 20_000_000];
    for (let i = 1; i < probe.length; i++) expect(scale.x(probe[i] as number)).toBeGreaterThan(scale.x(probe[i - 1] as number));
    expect(scale.x(0)).toBe(0);
    expect(scale.x(17_140_206)).toBeCloseTo(scale.width, 6);
  });

  it('is linear inside a burst: the same milliseconds take the same pixels in every burst', () => {
    const early = scale.x(26) - scale.x(4);
    const late = scale.x(30_009 + 0) - scale.x(30_000);
    expect(early / 22).toBeCloseTo(late / 9, 6);
    expect(scale.x(30_009) - scale.x(30_000)).toBeGreaterThan(10);
  });

  it('cuts long silences out and labels each with its length', () => {
    expect(scale.breaks.map((b) => b.label)).toEqual(['+30 s', '+10 s', '+4 h 45 min']);
    for (const b of scale.breaks) expect(scale.x(b.to) - scale.x(b.from)).toBeGreaterThanOrEqual(b.width);
    // A silence of hours takes no more room than one of seconds.
    const widths = scale.breaks.map((b) => b.width);
    expect(Math.max(...widths)).toBe(Math.min(...widths));
  });

  it('puts ticks at round times, in order and at least 64 px apart', () => {
    const labels = scale.ticks.map((t) => t.label);
    expect(labels[0]).toBe('0 ms');
    expect(labels).toContain('30 s');
    for (let i = 1; i < scale.ticks.length; i++) expect((scale.ticks[i] as { x: number }).x - (scale.ticks[i - 1] as { x: number }).x).toBeGreaterThanOrEqual(64);
  });

  it('respects the width bounds', () => {
    expect(timeScale([0, 5]).width).toBe(800);
    const wide = timeScale(Array.from({ length: 5_000 }, (_, i) => i * 1_000), { maxWidth: 3_000 }).width;
    expect(wide).toBeLessThanOrEqual(3_000);
    expect(wide).toBeGreaterThan(2_900);
    expect(timeScale([]).x(10)).toBe(0);
    const many = timeScale(Array.from({ length: 5_000 }, (_, i) => i * 1_000), { maxWidth: 3_000 });
    expect(many.x(4_999_000)).toBeLessThanOrEqual(3_000);
  });
});
