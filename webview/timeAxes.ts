// The axes of the maps through time (webview/timeMaps.ts): where each label goes along a side of
// `count` values drawn as `cells` cells over `px` pixels. Tokens label their own step while every
// step is a cell of its own and wide enough to read, every k-th otherwise; units and pooled steps
// get round numbers (1, 2 or 5 × 10^k apart, axes.ts). Pure, so Node tests it.

import { niceTicks } from './axes';

/** Room a label of `n` characters takes on a side, in CSS pixels (the panel's font at 0.8em is about 7 px a character). */
export const labelPx = (n: number): number => 4 + 7 * n;
/** Room a number on an axis takes, in CSS pixels. */
const NUMBER_PX = 36;

export interface AxisLabel {
  /** the label's centre, as a fraction of the side (0: the first cell's edge) */
  at: number;
  label: string;
}

/** Labels of a side of `count` values (1-based) drawn as `cells` cells `px` pixels long; `tokens` name the values when every value is a cell. */
export function axisLabels(count: number, cells: number, px: number, tokens?: readonly string[]): AxisLabel[] {
  if (count < 1 || px <= 0) return [];
  if (tokens && tokens.length === count && cells === count) {
    const widest = Math.max(...tokens.map((t) => [...t].length));
    const every = Math.max(1, Math.ceil(labelPx(widest) / (px / count)));
    return tokens.flatMap((label, i) => (i % every === 0 ? [{ at: (i + 0.5) / count, label }] : []));
  }
  // value v (1…count) is the middle of its own stretch of the side, pooled or not
  const ticks = count === 1 ? [{ value: 1 }] : niceTicks(1, count, Math.max(2, Math.floor(px / NUMBER_PX)));
  return ticks.filter(({ value }) => Number.isInteger(value) && value >= 1).map(({ value }) => ({ at: (value - 0.5) / count, label: String(value) }));
}
