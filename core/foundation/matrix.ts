// The matrix every part of NN Studio passes around: row-major float64, examples as columns as in
// the course. Plain memory here (garbage-collected like any array): the data sets, weights files
// and tests use these. The engine keeps its own working matrices in the WebAssembly kernels'
// memory instead (core/engine/matrix.ts) and copies a plain one there when it trains on it.
// This module imports nothing, so any module may import it without a cycle.

export interface Matrix {
  rows: number;
  cols: number;
  /** row-major: entry (i, j) is data[i * cols + j]; may be longer than rows·cols (a view's backing buffer) */
  data: Float64Array;
}

/** A zero-filled array of `length` doubles in plain memory. */
export function allocate(length: number): Float64Array {
  return new Float64Array(length);
}

/** A zero (rows, cols) matrix in plain memory. */
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

/** A copy exactly rows·cols long, in plain memory. */
export function copyMatrix(m: Matrix): Matrix {
  return { rows: m.rows, cols: m.cols, data: m.data.slice(0, m.rows * m.cols) };
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

/**
 * Step t's block of a sequence matrix of T steps (docs/part3.md): the (rows/T, cols) matrix of rows
 * t·rows/T … (t+1)·rows/T − 1, which are contiguous in the data, so the kernels take it as any matrix
 * with no copy. x⟨t+1⟩ of the course (t counts from 0 here).
 */
export function stepOf(M: Matrix, t: number, T: number): Matrix {
  const n = M.rows / T;
  return rowBlock(M, t * n, n);
}

/** Rows start … start + count − 1 of M: a contiguous block of its data, not a copy (a step, a gate's rows). */
export function rowBlock(M: Matrix, start: number, count = M.rows - start): Matrix {
  return { rows: count, cols: M.cols, data: M.data.subarray(start * M.cols, (start + count) * M.cols) };
}

/** The T step blocks of a sequence matrix, in order (stepOf); M itself when T is 1. */
export function stepsOf(M: Matrix, T: number): Matrix[] {
  return T === 1 ? [M] : Array.from({ length: T }, (_, t) => stepOf(M, t, T));
}
