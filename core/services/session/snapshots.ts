// What the panel draws, cut down to what a canvas can show: W[l] pooled to a bounded number of
// cells, the data points (2-D inputs) and the network's outputs on a grid over them.

import type { Dataset, Matrix } from '../../engine';
import type { BoundaryGrid, HeatMap, Levels, MatrixData, Points } from '../protocol';

/** W[l] as a heat map of at most maxRows × maxCols cells, each the mean of the block it covers. */
export function pool(M: Matrix, maxRows: number, maxCols: number): MatrixData {
  const rows = Math.min(M.rows, maxRows);
  const cols = Math.min(M.cols, maxCols);
  const data = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const r0 = Math.floor((i * M.rows) / rows);
    const r1 = Math.floor(((i + 1) * M.rows) / rows);
    for (let j = 0; j < cols; j++) {
      const c0 = Math.floor((j * M.cols) / cols);
      const c1 = Math.floor(((j + 1) * M.cols) / cols);
      let sum = 0;
      for (let r = r0; r < r1; r++) for (let c = c0; c < c1; c++) sum += M.data[r * M.cols + c];
      data[i * cols + j] = sum / ((r1 - r0) * (c1 - c0));
    }
  }
  return { rows, cols, data };
}

/**
 * Values as levels −127…127 of their largest |value|, rounded half away from 0 so that w and −w get
 * opposite levels (non-finite values: level 0; the norms report those).
 */
export function levels(values: Float64Array): Levels {
  let scale = 0;
  for (const v of values) if (Number.isFinite(v)) scale = Math.max(scale, Math.abs(v));
  const out = new Float32Array(values.length);
  if (scale > 0) values.forEach((v, i) => (out[i] = Number.isFinite(v) ? Math.sign(v) * Math.round((127 * Math.abs(v)) / scale) : 0));
  return { scale, levels: out };
}

/**
 * W[l] for its heat map: pooled to at most cells × cells, as levels −127…127 of its largest |w| (all
 * a heat map's colours can show), with that largest |w| for its colour scale.
 */
export function heatMap(W: Matrix, cells: number): HeatMap {
  const pooled = pool(W, cells, cells);
  const { scale, levels: data } = levels(Float64Array.from(pooled.data));
  return { ...pooled, data, scale };
}

/** The class index of example j: the 0/1 label of one output, the argmax of a one-hot column. */
function labelOf(Y: Matrix, j: number): number {
  if (Y.rows === 1) return Y.data[j];
  let best = 0;
  for (let r = 1; r < Y.rows; r++) if (Y.data[r * Y.cols + j] > Y.data[best * Y.cols + j]) best = r;
  return best;
}

/** Up to `max` of the examples (evenly spaced) when the input is 2-D, else undefined. */
export function samplePoints(set: Dataset, max: number): Points | undefined {
  if (set.X.rows !== 2) return undefined;
  const n = Math.min(set.m, max);
  const points: Points = { x: new Float32Array(n), y: new Float32Array(n), label: new Float32Array(n) };
  for (let k = 0; k < n; k++) {
    const j = Math.floor((k * set.m) / n);
    points.x[k] = set.X.data[j];
    points.y[k] = set.X.data[set.m + j];
    points.label[k] = labelOf(set.Y, j);
  }
  return points;
}

/**
 * The points of the boundary plot: up to `max` training examples, then up to `max` test examples
 * (`train` says where they start), with the CSV header's names of x, y and the label when there is one.
 */
export function boundaryPoints(train: Dataset, test: Dataset | undefined, max: number): Points | undefined {
  const a = samplePoints(train, max);
  if (!a) return undefined;
  const b = test && samplePoints(test, max);
  const join = (u: Float32Array, v?: Float32Array): Float32Array => {
    if (!v) return u;
    const both = new Float32Array(u.length + v.length);
    both.set(u);
    both.set(v, u.length);
    return both;
  };
  const points: Points = { x: join(a.x, b?.x), y: join(a.y, b?.y), label: join(a.label, b?.label) };
  if (b) points.train = a.x.length;
  const names = train.names;
  if (names && names.length >= 3) points.names = [names[0], names[1], names[2]];
  return points;
}

/** The range of row `r` of X widened by 10% on each side (a flat range gets ±1). */
function span(X: Matrix, r: number): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let j = 0; j < X.cols; j++) {
    const v = X.data[r * X.cols + j];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const pad = hi > lo ? (hi - lo) * 0.1 : 1;
  return [lo - pad, hi + pad];
}

/** The grid's inputs: (2, size²), cell (i, j) at column j·size + i, cell centres over X's range. */
export function gridInputs(X: Matrix, size: number): { X: Matrix; x: [number, number]; y: [number, number] } {
  const x = span(X, 0);
  const y = span(X, 1);
  const cells = size * size;
  const data = new Float64Array(2 * cells);
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      data[j * size + i] = x[0] + ((i + 0.5) / size) * (x[1] - x[0]);
      data[cells + j * size + i] = y[0] + ((j + 0.5) / size) * (y[1] - y[0]);
    }
  }
  return { X: { rows: 2, cols: cells, data }, x, y };
}

/** The outputs A[L] (n[L], size²) on the grid, as the protocol carries them. */
export function boundaryGrid(grid: ReturnType<typeof gridInputs>, size: number, A: Matrix): BoundaryGrid {
  return { size, x: grid.x, y: grid.y, outputs: A.rows, values: Float32Array.from(A.data.subarray(0, A.rows * A.cols)) };
}
