// The compressed time axis: monotone, millisecond gaps stay visible next to hour gaps, ticks at round times.
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

  it('keeps events a few milliseconds apart visibly apart although the run lasts hours', () => {
    expect(scale.x(30_009) - scale.x(30_000)).toBeGreaterThan(10);
    expect(scale.x(30) - scale.x(26)).toBeGreaterThan(5);
  });

  it('puts ticks at round times, in order and at least 64 px apart', () => {
    const labels = scale.ticks.map((t) => t.label);
    expect(labels[0]).toBe('0 ms');
    expect(labels).toContain('1 s');
    expect(labels).toContain('1 min');
    for (let i = 1; i < scale.ticks.length; i++) expect((scale.ticks[i] as { x: number }).x - (scale.ticks[i - 1] as { x: number }).x).toBeGreaterThanOrEqual(64);
  });

  it('respects the width bounds', () => {
    expect(timeScale([0, 5]).width).toBe(800);
    expect(timeScale(Array.from({ length: 5_000 }, (_, i) => i * 1_000), { maxWidth: 3_000 }).width).toBe(3_000);
    expect(timeScale([]).x(10)).toBe(0);
  });
});
