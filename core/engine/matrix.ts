// The engine's working matrices: in the WebAssembly kernels' memory while those kernels are in use
// (they then work on them in place), plain Float64Arrays otherwise (wasm/module.ts decides). The
// kernels' memory can only grow, so whoever allocates a matrix here gives it back with `release`
// when done: a trainer after Reset then reuses the same memory (docs/engine.md, "Memory").
// A matrix nobody releases is given back once garbage-collected, which may be long after.

import { type Matrix, copyMatrix, stepOf, stepsOf, summary, view } from '../foundation/matrix';
import { allocateFor, freeBlock, inHeap, inKernelMemory, wasmInUse } from './wasm/module';

export { type Matrix, copyMatrix, stepOf, stepsOf, summary, view };

/** The one place that allocates the engine's big buffers (zero-filled). */
export function allocate(length: number): Float64Array {
  return allocateFor(length);
}

export function matrix(rows: number, cols: number): Matrix {
  return { rows, cols, data: allocate(rows * cols) };
}

export function fromRows(rows: number[][]): Matrix {
  const r = rows.length;
  const c = r === 0 ? 0 : rows[0].length;
  const out = matrix(r, c);
  rows.forEach((row, i) => out.data.set(row, i * c));
  return out;
}

/** Whether the kernels work on `m` where it is: in their memory, or they are the plain TypeScript ones. */
export function inPlace(m: Matrix): boolean {
  return inKernelMemory(m.data) || !wasmInUse();
}

/** `m` itself if the kernels work on it in place (or their memory is full), else a copy there (e.g. a data set). */
export function resident(m: Matrix): Matrix {
  if (inPlace(m)) return m;
  const data = inHeap(m.rows * m.cols);
  if (!data) return m;
  data.set(m.data.subarray(0, m.rows * m.cols));
  return { rows: m.rows, cols: m.cols, data };
}

/**
 * Gives the memory of matrices made by `matrix` back at once. Views (`view`), plain arrays and
 * matrices already released are left alone, so an owner may release all it holds without sorting.
 * The matrices must not be used afterwards: their memory goes to the next allocation.
 */
export function release(...ms: Matrix[]): void {
  for (const m of ms) freeBlock(m.data);
}
