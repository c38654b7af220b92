// Sheets of small tiles on one canvas, for a conv layer's filters (one tile per filter and input
// channel, a filter's channels stacked in one column) and an example's feature maps (one tile per
// channel). Each value is a `scale` × `scale` block of pixels, drawn at the panel's own resolution
// so the gaps stay thin whatever the zoom; a filter's column is kept whole, wrapping into bands set
// apart by a wider gap. Pure, so Node tests it.

import { diverging, maxAbs, type RGB } from './colors';
import { put } from './pixels';

/** Pixels between two tiles, and between two bands of filters. */
export const GAP = 2;
const BAND_GAP = 8;

export interface Sheet {
  /** tile height and width in values */
  h: number;
  w: number;
  /** tiles, `group` consecutive ones per column (a filter's input channels; 1 for maps) */
  tiles: number;
  group: number;
  /** groups side by side before the sheet wraps into another band */
  perRow: number;
  /** pixels per value */
  scale: number;
}

/** The gap under a band: wider between bands of filters, so a filter's column reads as one. */
const bandGap = (group: number): number => (group > 1 ? BAND_GAP : GAP);

/** The sheet's size in pixels. */
export function sheetSize({ h, w, tiles, group, perRow, scale }: Sheet): { width: number; height: number } {
  const groups = Math.ceil(tiles / group);
  const columns = Math.min(groups, perRow);
  const bands = Math.ceil(groups / perRow);
  const bandHeight = group * (h * scale + GAP) - GAP;
  return { width: columns * (w * scale + GAP) - GAP, height: bands * (bandHeight + bandGap(group)) - bandGap(group) };
}

/** The top-left pixel of tile t: group ⌊t/group⌋ goes across (wrapping after perRow), its members down. */
export function tileOrigin({ h, w, group, perRow, scale }: Sheet, t: number): { x: number; y: number } {
  const g = Math.floor(t / group);
  const member = t % group;
  const bandHeight = group * (h * scale + GAP) - GAP;
  return { x: (g % perRow) * (w * scale + GAP), y: Math.floor(g / perRow) * (bandHeight + bandGap(group)) + member * (h * scale + GAP) };
}

/** How many groups fit side by side in `width` pixels (at least one). */
export function perRowFor(w: number, scale: number, width: number): number {
  return Math.max(1, Math.floor((width + GAP) / (w * scale + GAP)));
}

/**
 * RGBA pixels of the sheet: tile t is data[t·h·w …] row-major, coloured on a diverging scale from
 * `zero` (0) towards `neg` or `pos`, one scale for the whole sheet (its largest |v|), so tiles
 * compare. Each tile has a 1-pixel frame of `frame` inside its place, so a tile stands out even
 * where it is all zeros; gaps and free places stay transparent.
 */
export function sheetPixels(sheet: Sheet, data: ArrayLike<number>, colors: { neg: RGB; zero: RGB; pos: RGB; frame: RGB }): Uint8ClampedArray<ArrayBuffer> {
  const { width, height } = sheetSize(sheet);
  const { h, w, scale } = sheet;
  const px = new Uint8ClampedArray(4 * width * height);
  const most = maxAbs(data);
  for (let t = 0; t < sheet.tiles; t++) {
    const { x, y } = tileOrigin(sheet, t);
    for (let i = 0; i < h * scale; i++) {
      for (let j = 0; j < w * scale; j++) {
        const edge = scale >= 4 && (i === 0 || j === 0 || i === h * scale - 1 || j === w * scale - 1);
        const v = data[t * h * w + Math.floor(i / scale) * w + Math.floor(j / scale)];
        put(px, (y + i) * width + x + j, edge ? colors.frame : diverging(v, most, colors.neg, colors.zero, colors.pos));
      }
    }
  }
  return px;
}

/** RGBA pixels of one image, (n_H, n_W, n_C) row-major values 0…255: grey for one channel, RGB for three or more. */
export function imagePixels(pixels: ArrayLike<number>, offset: number, n_H: number, n_W: number, n_C: number): Uint8ClampedArray<ArrayBuffer> {
  const px = new Uint8ClampedArray(4 * n_H * n_W);
  for (let p = 0; p < n_H * n_W; p++) {
    const at = offset + p * n_C;
    const grey = pixels[at];
    put(px, p, n_C >= 3 ? [pixels[at], pixels[at + 1], pixels[at + 2]] : [grey, grey, grey]);
  }
  return px;
}
