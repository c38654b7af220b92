// The axes of the maps through time (webview/timeMaps.ts): where each label goes along a side of
// `count` values drawn as `cells` cells over `px` pixels, and how large an attention map is drawn so
// that its steps can be labelled. A token takes one line along the query side (its row label) and
// one character along the key side, where a token of several characters (`<pad>`) is written
// downwards, letter under letter: so a label needs about TOKEN_PX along either side, whatever its
// length, and the same steps are labelled on both sides of a square map. Tokens label their own
// step while every step is a cell of its own, every k-th when cells are thinner than TOKEN_PX;
// units and pooled steps get round numbers (1, 2 or 5 × 10^k apart, axes.ts). Pure, so Node tests it.

import { niceTicks } from './axes';

/** Room a token label takes along its side, in CSS pixels: a line (or a character) of the panel's font at 0.8em, about 10.4 px, and a gap. */
export const TOKEN_PX = 12;
/** Room a number on an axis takes, in CSS pixels. */
const NUMBER_PX = 36;
/** Side of an attention map in CSS pixels: at least this (a few steps are not drawn smaller)… */
export const ATTENTION_MIN = 240;
/** …and at most this, even when labelling every step would take more. */
export const ATTENTION_MAX = 480;

export interface AxisLabel {
  /** the label's centre, as a fraction of the side (0: the first cell's edge) */
  at: number;
  label: string;
}

/** Whether `tokens` label a side of `count` values drawn as `cells` cells: when every value is a cell (else numbers do). */
export function tokenSide(count: number, cells: number, tokens?: readonly string[]): tokens is readonly string[] {
  return tokens !== undefined && tokens.length === count && cells === count;
}

/** Labels of a side of `count` values (1-based) drawn as `cells` cells `px` pixels long; `tokens` name the values when every value is a cell. */
export function axisLabels(count: number, cells: number, px: number, tokens?: readonly string[]): AxisLabel[] {
  if (count < 1 || px <= 0) return [];
  if (tokenSide(count, cells, tokens)) {
    const every = Math.max(1, Math.ceil(TOKEN_PX / (px / count)));
    return tokens.flatMap((label, i) => (i % every === 0 ? [{ at: (i + 0.5) / count, label }] : []));
  }
  // value v (1…count) is the middle of its own stretch of the side, pooled or not
  const ticks = count === 1 ? [{ value: 1 }] : niceTicks(1, count, Math.max(2, Math.floor(px / NUMBER_PX)));
  return ticks.filter(({ value }) => Number.isInteger(value) && value >= 1).map(({ value }) => ({ at: (value - 0.5) / count, label: String(value) }));
}

/**
 * The side of a square attention map of `cells` steps a side within `room` pixels: as large as
 * labelling every step takes (TOKEN_PX a step) between ATTENTION_MIN and ATTENTION_MAX, so a wider
 * panel labels more steps, up to all of them; never wider than the room.
 */
export function attentionSide(cells: number, room: number): number {
  return Math.max(0, Math.min(room, Math.max(ATTENTION_MIN, Math.min(ATTENTION_MAX, cells * TOKEN_PX))));
}

/** Characters of the longest label: the height of the key side's labels, written downwards (0: none). */
export function longestLabel(labels: readonly AxisLabel[]): number {
  return Math.max(0, ...labels.map((l) => [...l.label].length));
}
