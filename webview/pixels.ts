// RGBA pixels for the two canvases, one pixel per cell (the canvas is scaled up by CSS). Pure.

import type { BoundaryGrid, HeatMap, MatrixData, Plain } from '../core/services/protocol';
import { scale, type Rect } from './axes';
import { cellColor, diverging, maxAbs, sequential, type RGB } from './colors';

/** Pixel i of an RGBA array set to colour c, opaque. */
export function put(px: Uint8ClampedArray, i: number, c: RGB): void {
  px[4 * i] = c[0];
  px[4 * i + 1] = c[1];
  px[4 * i + 2] = c[2];
  px[4 * i + 3] = 255;
}

/** W as (rows, cols) pixels: negative towards `neg`, positive towards `pos`, scaled by its own max |w|. */
export function heatMapPixels(W: Plain<MatrixData>, neg: RGB, zero: RGB, pos: RGB): Uint8ClampedArray<ArrayBuffer> {
  const px = new Uint8ClampedArray(4 * W.rows * W.cols);
  const scale = maxAbs(W.data);
  W.data.forEach((v, i) => put(px, i, diverging(v, scale, neg, zero, pos)));
  return px;
}

/**
 * A heat map of values in [0, 1] as (rows, cols) pixels on the sequential scale `stops`, each cell at
 * its value (its level of the largest, times the map's `scale`), not stretched to the map's own range.
 */
export function unitPixels(map: Plain<HeatMap>, stops: readonly RGB[]): Uint8ClampedArray<ArrayBuffer> {
  const px = new Uint8ClampedArray(4 * map.rows * map.cols);
  const top = maxAbs(map.data);
  map.data.forEach((level, i) => put(px, i, sequential(top > 0 ? (level / top) * map.scale : 0, stops)));
  return px;
}

/** The grid as size×size pixels, top row = largest y (the grid's cell (i, j) has y rising with j). */
export function boundaryPixels(grid: Plain<BoundaryGrid>, classes: readonly RGB[], background: RGB): Uint8ClampedArray<ArrayBuffer> {
  const { size, outputs, values } = grid;
  const cells = size * size;
  const px = new Uint8ClampedArray(4 * cells);
  const out = new Array<number>(outputs);
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      const cell = j * size + i;
      for (let k = 0; k < outputs; k++) out[k] = values[k * cells + cell];
      put(px, (size - 1 - j) * size + i, cellColor(out, classes, background));
    }
  }
  return px;
}

/** Canvas coordinates (origin top-left) of the point (x, y) in `plot`, the rectangle showing the grid's range. */
export function toCanvas(grid: Plain<BoundaryGrid>, x: number, y: number, plot: Rect): [number, number] {
  return [scale(x, grid.x, plot.left, plot.width), scale(y, grid.y, plot.top, plot.height, true)];
}

/** A colour scale's ramp, `width` pixels on one row: −max (neg) on the left, 0 in the middle, +max (pos) on the right. */
export function rampPixels(width: number, neg: RGB, zero: RGB, pos: RGB): Uint8ClampedArray<ArrayBuffer> {
  const px = new Uint8ClampedArray(4 * width);
  for (let x = 0; x < width; x++) put(px, x, diverging(width === 1 ? 0 : -1 + (2 * x) / (width - 1), 1, neg, zero, pos));
  return px;
}

/** The sequential scale's ramp, `width` pixels on one row: 0 on the left, 1 on the right. */
export function unitRampPixels(width: number, stops: readonly RGB[]): Uint8ClampedArray<ArrayBuffer> {
  const px = new Uint8ClampedArray(4 * width);
  for (let x = 0; x < width; x++) put(px, x, sequential(width === 1 ? 0 : x / (width - 1), stops));
  return px;
}
