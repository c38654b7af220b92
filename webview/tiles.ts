// Sheets of small tiles on one canvas, for a conv layer's filters (one tile per filter and input
// channel, a filter's channels stacked in one column) and an example's feature maps (one tile per
// channel). Tiles are 1 px apart; the canvas holds one pixel per value and CSS scales it up. Pure,
// so Node tests it.

import { diverging, maxAbs, type RGB } from './colors';
import { put } from './pixels';

export interface Sheet {
  /** tile height and width in values */
  h: number;
  w: number;
  /** tiles, `group` consecutive ones per column (a filter's input channels; 1 for maps) */
  tiles: number;
  group: number;
  /** groups side by side before the sheet wraps into another band */
  perRow: number;
}

/** The sheet's size in pixels. */
export function sheetSize({ h, w, tiles, group, perRow }: Sheet): { width: number; height: number } {
  const groups = Math.ceil(tiles / group);
  const columns = Math.min(groups, perRow);
  const bands = Math.ceil(groups / perRow);
  return { width: columns * (w + 1) - 1, height: bands * group * (h + 1) - 1 };
}

/** The top-left pixel of tile t: group ⌊t/group⌋ goes across (wrapping after perRow), its members down. */
export function tileOrigin({ h, w, group, perRow }: Sheet, t: number): { x: number; y: number } {
  const g = Math.floor(t / group);
  const member = t % group;
  return { x: (g % perRow) * (w + 1), y: (Math.floor(g / perRow) * group + member) * (h + 1) };
}

/** How many groups fit side by side in `width` CSS pixels at `scale` pixels per value (at least one). */
export function perRowFor(w: number, scale: number, width: number): number {
  return Math.max(1, Math.floor((width + scale) / ((w + 1) * scale)));
}

/**
 * RGBA pixels of the sheet: tile t is data[t·h·w …] row-major, coloured on a diverging scale from
 * `zero` (0) towards `neg` or `pos`, one scale for the whole sheet (its largest |v|), so tiles
 * compare. Each tile's right and bottom gap is `gap`, so a tile stands out even where it is all
 * zeros; the free places after the last tile stay transparent.
 */
export function sheetPixels(sheet: Sheet, data: ArrayLike<number>, colors: { neg: RGB; zero: RGB; pos: RGB; gap: RGB }): Uint8ClampedArray<ArrayBuffer> {
  const { width, height } = sheetSize(sheet);
  const px = new Uint8ClampedArray(4 * width * height);
  const scale = maxAbs(data);
  const area = sheet.h * sheet.w;
  for (let t = 0; t < sheet.tiles; t++) {
    const { x, y } = tileOrigin(sheet, t);
    for (let i = 0; i <= sheet.h && y + i < height; i++)
      for (let j = 0; j <= sheet.w && x + j < width; j++) if (i === sheet.h || j === sheet.w) put(px, (y + i) * width + x + j, colors.gap);
    for (let i = 0; i < sheet.h; i++)
      for (let j = 0; j < sheet.w; j++) put(px, (y + i) * width + x + j, diverging(data[t * area + i * sheet.w + j], scale, colors.neg, colors.zero, colors.pos));
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
