// What the panel draws of a network with an image input (issue 10, item 6): each conv layer's
// filters, the feature maps A[l] of one chosen example, and a grid of examples with their predicted
// and true classes. Everything is cut to what a panel can draw and sent as Float32Arrays with the
// session's throttled snapshots, never per iteration.

import { networkShapes, type Shape } from '../../layers';
import { lossKind } from '../../layers/losses';
import type { LossName, NetworkSpec, Volume } from '../../foundation/model';
import type { FeatureMaps, Filters, ImageGrid } from '../protocol';
import { levels } from './snapshots';
import type { Dataset } from '../../data/dataset';
import type { Matrix } from '../../engine/matrix';
import { forwardOne } from './oneExample';
import type { WeightsValues } from '../../data/weights';

/** Tiles (filter, input channel) per conv layer at most: whole filters beyond are left out. */
export const MAX_FILTER_TILES = 256;
/** Values of one layer's feature maps at most: whole channels beyond are left out. */
export const MAX_MAP_VALUES = 1 << 16;
/** Examples in the panel's image grid at most. */
export const GRID_IMAGES = 36;

/** Which layers the panel draws: conv layers' filters (4-tuple W), and A[l] of every image-shaped layer. */
export interface ConvLayout {
  /** l and W's shape (f, f, n_C[l−1], n_C[l]) of each layer whose W is a 4-tuple */
  filters: Array<{ l: number; shape: number[] }>;
  /** l and the volume of A[l] for the input (l = 0) and every layer whose output is a volume */
  maps: Array<{ l: number; volume: Volume }>;
}

export function convLayout(spec: NetworkSpec): ConvLayout | undefined {
  if (!spec.image) return undefined;
  const layers = networkShapes(spec);
  const isVolume = (s: Shape): s is Extract<Shape, { kind: 'volume' }> => s.kind === 'volume';
  return {
    filters: layers.filter((s) => s.parameters?.W?.length === 4).map((s) => ({ l: s.l, shape: s.parameters!.W! })),
    maps: [{ l: 0, volume: spec.image }, ...layers.flatMap((s) => (isVolume(s.output) ? [{ l: s.l, volume: s.output }] : []))],
  };
}

/**
 * W[l] as the engine holds it, (f·f·n_C[l−1], n_C[l]) row-major (conv-common.md), regrouped into
 * one contiguous f × f tile per (filter, input channel).
 */
export function filtersOf(l: number, [f, , channels, filters]: number[], W: ArrayLike<number>, maxTiles = MAX_FILTER_TILES): Filters {
  const shown = Math.min(filters, Math.max(1, Math.floor(maxTiles / channels)));
  const data = new Float64Array(shown * channels * f * f);
  for (let k = 0; k < shown; k++)
    for (let c = 0; c < channels; c++)
      for (let i = 0; i < f; i++)
        for (let j = 0; j < f; j++) data[((k * channels + c) * f + i) * f + j] = W[((i * f + j) * channels + c) * filters + k];
  return { l, f, channels, filters, shown, data: levels(data) };
}

/** One example's (n_H, n_W, n_C) row-major features as channel-major maps, the first channels up to maxValues. */
export function mapsOf(l: number, { n_H, n_W, n_C }: Volume, features: ArrayLike<number>, maxValues = MAX_MAP_VALUES): FeatureMaps {
  const area = n_H * n_W;
  const shown = Math.min(n_C, Math.max(1, Math.floor(maxValues / area)));
  const data = new Float64Array(shown * area);
  for (let c = 0; c < shown; c++) for (let p = 0; p < area; p++) data[c * area + p] = features[p * n_C + c];
  return { l, n_H, n_W, n_C, shown, data: levels(data) };
}

/** Columns `indices` of X as a matrix of their own, one example per column (the data's layout). */
export function columns(X: Matrix, indices: readonly number[]): Matrix {
  const out: Matrix = { rows: X.rows, cols: indices.length, data: new Float64Array(X.rows * indices.length) };
  for (let r = 0; r < X.rows; r++) indices.forEach((j, k) => (out.data[r * indices.length + k] = X.data[r * X.cols + j]));
  return out;
}

/** Up to `count` examples evenly spaced over the set (so every class shows when a folder is read class by class). */
export function gridIndices(m: number, count = GRID_IMAGES): number[] {
  const n = Math.min(m, count);
  return Array.from({ length: n }, (_, k) => Math.floor((k * m) / n));
}

/** The class of each column of A[L] (or of one-hot Y): the argmax, or > 0.5 for a single output. */
export function classes(A: Matrix): Float32Array {
  const out = new Float32Array(A.cols);
  for (let j = 0; j < A.cols; j++) {
    if (A.rows === 1) {
      out[j] = A.data[j] > 0.5 ? 1 : 0;
      continue;
    }
    let best = 0;
    for (let r = 1; r < A.rows; r++) if (A.data[r * A.cols + j] > A.data[best * A.cols + j]) best = r;
    out[j] = best;
  }
  return out;
}

/** The grid's images, scaled from the set's least to greatest value to 0…255, and their true classes. */
export function imageGrid(data: Dataset, set: ImageGrid['set'], image: Volume, indices: number[]): ImageGrid {
  const X = data.X;
  let lo = Infinity;
  let hi = -Infinity;
  for (let p = 0; p < X.rows * X.cols; p++) {
    const v = X.data[p];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const range = hi > lo ? hi - lo : 1;
  const picked = columns(X, indices);
  const pixels = new Float32Array(indices.length * X.rows);
  // picked is (n[0], count): example k's features are column k.
  for (let k = 0; k < indices.length; k++)
    for (let r = 0; r < X.rows; r++) pixels[k * X.rows + r] = Math.round((255 * (picked.data[r * indices.length + k] - lo)) / range);
  const grid: ImageGrid = { set, ...image, indices, pixels, labels: classes(columns(data.Y, indices)) };
  if (data.classNames) grid.classNames = data.classNames;
  return grid;
}

/**
 * A[l] of one example x (n[0], 1) for the layers of `layout.maps`, from a forward pass of a network
 * of its own with copies of the trainer's weights (Network.allocate(1, false) + forward): with one
 * example, every A[l] holds that example's features in (h, w, c) order, whatever its layout.
 */
export function featureMaps(spec: NetworkSpec, layout: ConvLayout, weights: WeightsValues, x: Matrix): FeatureMaps[] {
  return forwardOne(spec, weights, x, (_net, buffers) => layout.maps.map(({ l, volume }) => mapsOf(l, volume, l === 0 ? x.data : buffers.A[l].data)));
}

/** Whether the outputs are classes: a loss with an accuracy; mse is regression, with no predicted class to show. */
export function hasClasses(loss: LossName): boolean {
  return lossKind(loss).accuracy !== undefined;
}
