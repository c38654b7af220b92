// Row-major float64 matrices. Every large buffer of a run is made by `allocate`, so a later
// WebAssembly engine can hand out views of its linear memory instead without touching callers.

import { allocateFor } from './wasm/module';

export interface Matrix {
  rows: number;
  cols: number;
  /** row-major: entry (i, j) is data[i * cols + j]; may be longer than rows·cols (a view's backing buffer) */
  data: Float64Array;
}

/** The one place that allocates the engine's big buffers (zero-filled). */
export function allocate(length: number): Float64Array {
  return allocateFor(length); // in WASM memory while the WASM kernels are in use (wasm/module.ts)
}

export function matrix(rows: number, cols: number): Matrix {
  return { rows, cols, data: allocate(rows * cols) };
}

/**
 * The same buffer seen as (rows, cols) with cols ≤ its capacity: the first rows·cols entries,
 * row-major. Mini-batches use it so a smaller last batch needs no buffers of its own.
 */
export function view(m: Matrix, cols: number): Matrix {
  return { rows: m.rows, cols, data: m.data.subarray(0, m.rows * cols) };
}

export function copyMatrix(m: Matrix): Matrix {
  return { rows: m.rows, cols: m.cols, data: m.data.slice(0, m.rows * m.cols) };
}

export function fromRows(rows: number[][]): Matrix {
  const r = rows.length;
  const c = r === 0 ? 0 : rows[0].length;
  const out = matrix(r, c);
  rows.forEach((row, i) => out.data.set(row, i * c));
  return out;
}

/** Mean and Frobenius norm of the entries: the per-layer statistics the training view plots. */
export function summary(m: Matrix): { mean: number; norm: number } {
  const n = m.rows * m.cols;
  let sum = 0;
  let sq = 0;
  for (let i = 0; i < n; i++) {
    const v = m.data[i];
    sum += v;
    sq += v * v;
  }
  return { mean: n === 0 ? 0 : sum / n, norm: Math.sqrt(sq) };
}
