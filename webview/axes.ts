// The decision boundary's axes: where the plot sits inside its canvas, and "nice" tick values
// (1, 2 or 5 × 10^k apart) with labels that show just the digits the step needs. Pure, so Node tests it.

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface Tick {
  value: number;
  label: string;
}

/** Room around the plot for the tick labels and the feature names (CSS pixels). */
export const MARGIN = { left: 44, right: 8, top: 6, bottom: 36 } as const;

/** The plot's rectangle inside a width×height canvas, leaving MARGIN for the axes. */
export function plotArea(width: number, height: number): Rect {
  return {
    left: MARGIN.left,
    top: MARGIN.top,
    width: Math.max(1, width - MARGIN.left - MARGIN.right),
    height: Math.max(1, height - MARGIN.top - MARGIN.bottom),
  };
}

/**
 * Ticks a round step apart (1, 2 or 5 × 10^k) inside [lo, hi]: the finest step giving at most `max`
 * of them, but never fewer than 2 while a finer step gives 2. None for an empty or non-finite range.
 */
export function niceTicks(lo: number, hi: number, max = 5): Tick[] {
  if (!(hi > lo) || !Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  const count = (step: number) => Math.floor(hi / step + 1e-9) - Math.ceil(lo / step - 1e-9) + 1;
  const power = 10 ** Math.floor(Math.log10((hi - lo) / Math.max(1, max)));
  const steps = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50].map((f) => f * power);
  let i = steps.findIndex((s) => count(s) <= max);
  if (i < 0) i = steps.length - 1;
  while (i > 0 && count(steps[i]) < 2) i--;
  const step = steps[i];
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const ticks: Tick[] = [];
  for (let k = Math.ceil(lo / step - 1e-9); k <= Math.floor(hi / step + 1e-9); k++) {
    const value = k * step;
    // k = 0 is exactly 0, so zero never reads "−0.0".
    const label = (k === 0 ? 0 : value).toFixed(decimals).replace('-', '−');
    ticks.push({ value, label });
  }
  return ticks;
}

/** Canvas position of a data value on an axis spanning [lo, hi] over [from, from + size] (flip: y grows upwards). */
export function scale(v: number, [lo, hi]: readonly [number, number], from: number, size: number, flip = false): number {
  const t = (v - lo) / (hi - lo);
  return from + (flip ? 1 - t : t) * size;
}
